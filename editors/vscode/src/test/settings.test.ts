// Unit tests of the settings → server mapping, run with Node's test runner
// (`npm test`, or tools/build-vscode.sh, which tests/vscode.rs runs).

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  Configuration,
  DEFAULTS,
  didChangeConfiguration,
  initializationOptions,
  readSettings,
  serverCommand,
  serverSettings,
} from '../settings';

/** A stand-in for `vscode.workspace.getConfiguration('newslint')`. */
function config(values: Record<string, unknown>): Configuration {
  return {
    get<T>(section: string): T | undefined {
      return values[section] as T | undefined;
    },
  };
}

/** The extension's manifest, as packaged. */
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
const properties: Record<string, { default: unknown; enum?: string[] }> =
  manifest.contributes.configuration.properties;

test('unset settings give the defaults, and newslint.toml its say', () => {
  const settings = readSettings(config({}));
  assert.deepEqual(settings, DEFAULTS);
  assert.deepEqual(initializationOptions(settings), {
    newslint: { dialect: 'auto', style: 'auto', select: [], ignore: [], words: [] },
  });
  assert.deepEqual(serverCommand(settings), { command: 'newslint', args: ['lsp'] });
});

test('every setting reaches the server, the path only the command line', () => {
  const settings = readSettings(
    config({
      path: '/opt/newslint/bin/newslint',
      dialect: 'en-GB',
      style: 'agency',
      select: ['spelling', 'typography'],
      ignore: ['names.unknown'],
      words: ['desk-words.txt', '/shared/names.txt'],
    }),
  );
  const expected = {
    dialect: 'en-GB',
    style: 'agency',
    select: ['spelling', 'typography'],
    ignore: ['names.unknown'],
    words: ['desk-words.txt', '/shared/names.txt'],
  };
  assert.deepEqual(initializationOptions(settings), { newslint: expected });
  assert.deepEqual(didChangeConfiguration(settings), { settings: { newslint: expected } });
  assert.deepEqual(serverCommand(settings), {
    command: '/opt/newslint/bin/newslint',
    args: ['lsp'],
  });
  assert.ok(!('path' in serverSettings(settings)));
});

test('values of the wrong type or blank fall back to the defaults', () => {
  const settings = readSettings(
    config({
      path: '   ',
      dialect: 42,
      style: '',
      select: ['  spelling ', '', 7, null],
      ignore: 'names',
      words: null,
    }),
  );
  assert.deepEqual(settings, { ...DEFAULTS, select: ['spelling'] });
});

test('the server gets copies, not the settings object', () => {
  const settings = readSettings(config({ select: ['spelling'] }));
  const sent = serverSettings(settings);
  sent.select.push('names');
  assert.deepEqual(settings.select, ['spelling']);
});

test('the manifest contributes each setting with the defaults the mapping uses', () => {
  for (const key of ['path', 'dialect', 'style', 'select', 'ignore', 'words'] as const) {
    const property = properties[`newslint.${key}`];
    assert.ok(property, `newslint.${key} is contributed`);
    assert.deepEqual(property.default, DEFAULTS[key], `default of newslint.${key}`);
  }
  assert.deepEqual(properties['newslint.dialect'].enum, ['auto', 'en-US', 'en-GB', 'en-AU', 'en-CA', 'en-ZA']);
  assert.deepEqual(properties['newslint.style'].enum, ['auto', 'none', 'ap', 'agency']);
  // Every language the client attaches to activates the extension.
  assert.deepEqual(manifest.activationEvents, [
    'onLanguage:plaintext',
    'onLanguage:markdown',
    'onLanguage:html',
    'onLanguage:xml',
  ]);
});
