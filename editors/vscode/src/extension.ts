// VS Code extension: runs `newslint lsp` for plain text, Markdown, HTML and
// XML, passes the `newslint.*` settings as initializationOptions and sends
// them again on every change (a new `newslint.path` restarts the server).

import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import {
  didChangeConfiguration,
  initializationOptions,
  readSettings,
  serverCommand,
} from './settings';

const LANGUAGES = ['plaintext', 'markdown', 'html', 'xml'];

let client: LanguageClient | undefined;

function settings() {
  return readSettings(vscode.workspace.getConfiguration('newslint'));
}

async function start(): Promise<void> {
  const current = settings();
  const { command, args } = serverCommand(current);
  const server: ServerOptions = { command, args, transport: TransportKind.stdio };
  const options: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    initializationOptions: initializationOptions(current),
  };
  client = new LanguageClient('newslint', 'newslint', server, options);
  try {
    await client.start();
  } catch (error) {
    client = undefined;
    void vscode.window.showErrorMessage(
      `newslint: cannot start \`${command} lsp\` (${String(error)}). ` +
        'Install newslint (see docs/editors.md) or set `newslint.path`.',
    );
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop();
  }
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('newslint.restart', restart),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration('newslint')) {
        return;
      }
      if (event.affectsConfiguration('newslint.path') || !client) {
        await restart();
        return;
      }
      await client.sendNotification(
        DidChangeConfigurationNotification.type,
        didChangeConfiguration(settings()),
      );
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}
