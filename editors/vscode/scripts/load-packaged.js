// Loads the extension as packaged: `node scripts/load-packaged.js DIR`, where
// DIR holds an unpacked .vsix (its `extension/` folder). VS Code itself cannot
// run here, so `vscode` is a stand-in whose every property is a constructible
// function; what this proves is that `out/extension.js` and everything it
// requires (vscode-languageclient and its dependencies) are in the package
// and load, and that it exports `activate` and `deactivate`.
'use strict';
const Module = require('module');
const path = require('path');

function stub(name) {
  const target = function () {};
  return new Proxy(target, {
    get(t, prop) {
      if (prop === 'prototype') return t.prototype;
      if (prop === Symbol.toPrimitive) return () => name;
      if (!(prop in t)) t[prop] = stub(`${name}.${String(prop)}`);
      return t[prop];
    },
    construct() {
      return stub(`new ${name}`);
    },
    apply() {
      return stub(`${name}()`);
    },
  });
}

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: stub('vscode') };

const main = path.resolve(process.argv[2], 'extension', 'out', 'extension.js');
const extension = require(main);
for (const name of ['activate', 'deactivate']) {
  if (typeof extension[name] !== 'function') {
    console.error(`${main} exports no ${name}()`);
    process.exit(1);
  }
}
const loaded = Object.keys(require.cache).filter((f) => f.includes(`${path.sep}node_modules${path.sep}`));
console.log(`loaded ${main} and ${loaded.length} files of its npm packages`);
