// The extension's settings (`newslint.*` in VS Code) and what the language
// server is sent: the same keys as `initializationOptions` when it starts and
// in `workspace/didChangeConfiguration` when they change (docs/editors.md).
// No `vscode` import here, so the mapping is unit-tested under plain Node.

/** What the extension reads from `vscode.workspace.getConfiguration('newslint')`. */
export interface Configuration {
  get<T>(section: string): T | undefined;
}

/** The `newslint.*` settings, cleaned. */
export interface Settings {
  /** The program, run as `<path> lsp`. */
  path: string;
  /** `auto` (newslint.toml's), `en-US`, `en-GB`, `en-AU`, `en-CA` or `en-ZA`. */
  dialect: string;
  /** `auto` (newslint.toml's), `none`, `ap` or `agency`. */
  style: string;
  select: string[];
  ignore: string[];
  /** Word files; relative ones are taken from the workspace folder by the server. */
  words: string[];
}

/** What the server reads: every key always present, so that a setting put
 * back to its default in VS Code puts the server's back too. */
export interface ServerSettings {
  dialect: string;
  style: string;
  select: string[];
  ignore: string[];
  words: string[];
}

export const DEFAULTS: Settings = {
  path: 'newslint',
  dialect: 'auto',
  style: 'auto',
  select: [],
  ignore: [],
  words: [],
};

function text(value: unknown, fallback: string): string {
  if (typeof value !== 'string') {
    return fallback;
  }
  const trimmed = value.trim();
  return trimmed === '' ? fallback : trimmed;
}

/** A list of strings: other entries, and empty ones, are dropped. */
function list(value: unknown): string[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value
    .filter((item): item is string => typeof item === 'string')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** The settings as VS Code has them, with the defaults for what is unset or
 * of the wrong type. */
export function readSettings(config: Configuration): Settings {
  return {
    path: text(config.get('path'), DEFAULTS.path),
    dialect: text(config.get('dialect'), DEFAULTS.dialect),
    style: text(config.get('style'), DEFAULTS.style),
    select: list(config.get('select')),
    ignore: list(config.get('ignore')),
    words: list(config.get('words')),
  };
}

/** The server's settings: everything but the program's path. */
export function serverSettings(settings: Settings): ServerSettings {
  return {
    dialect: settings.dialect,
    style: settings.style,
    select: [...settings.select],
    ignore: [...settings.ignore],
    words: [...settings.words],
  };
}

/** `initializationOptions` of the `initialize` request. */
export function initializationOptions(settings: Settings): { newslint: ServerSettings } {
  return { newslint: serverSettings(settings) };
}

/** The params of `workspace/didChangeConfiguration`. */
export function didChangeConfiguration(settings: Settings): {
  settings: { newslint: ServerSettings };
} {
  return { settings: { newslint: serverSettings(settings) } };
}

/** How the server is started. */
export function serverCommand(settings: Settings): { command: string; args: string[] } {
  return { command: settings.path, args: ['lsp'] };
}
