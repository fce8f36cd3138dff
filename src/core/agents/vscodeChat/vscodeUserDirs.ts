import * as path from 'node:path';
import type { AgentEnvironment } from '../plugin.js';

/** The editors whose chat sessions are read, by the folder name of their user data (product.json `dataFolderName` of each). */
const VSCODE_PRODUCTS = ['Code', 'Code - Insiders', 'VSCodium'] as const;

/** Extra `User` folders to read (path list): a portable install, code-server, or the editor the extension runs in. */
const USER_DIRS_VARIABLE = 'HEADROOM_VSCODE_USER_DIRS';
/** The current window's own storage folder (`<User>/workspaceStorage/<id>`), set by the extension from `context.storageUri`. */
export const WINDOW_STORAGE_VARIABLE = 'HEADROOM_VSCODE_WINDOW_STORAGE';
/** The current window's workspace folders (path list), which own WINDOW_STORAGE when it has no workspace.json. */
export const WINDOW_FOLDERS_VARIABLE = 'HEADROOM_VSCODE_WINDOW_FOLDERS';

function pathList(value: string | undefined): string[] {
  return (value ?? '').split(path.delimiter).filter((entry) => entry.trim() !== '');
}

/**
 * Every `User` folder where VS Code, VS Code Insiders or VSCodium may keep chat sessions, on Linux
 * (`$XDG_CONFIG_HOME` or `~/.config`), macOS (`~/Library/Application Support`) and Windows (`%APPDATA%`), a
 * portable install (`$VSCODE_PORTABLE/user-data`), plus those named in HEADROOM_VSCODE_USER_DIRS and the one holding
 * the current window's storage. Folders that do not exist are simply empty.
 */
export function vscodeUserDirs(environment: AgentEnvironment): string[] {
  const { home, env } = environment;
  const roots = [
    env.XDG_CONFIG_HOME || path.join(home, '.config'),
    path.join(home, 'Library', 'Application Support'),
    env.APPDATA || path.join(home, 'AppData', 'Roaming'),
  ];
  const dirs = roots.flatMap((root) => VSCODE_PRODUCTS.map((product) => path.join(root, product, 'User')));
  if (env.VSCODE_PORTABLE) dirs.push(path.join(env.VSCODE_PORTABLE, 'user-data', 'User'));
  dirs.push(...pathList(env[USER_DIRS_VARIABLE]));
  const window = windowStorage(environment);
  if (window) dirs.push(path.dirname(path.dirname(window.storageDir)));
  return [...new Map(dirs.map((dir) => [path.resolve(dir), path.resolve(dir)])).values()];
}

export interface WindowStorage {
  storageDir: string;
  folders: string[];
}

/** The current window's storage folder and its workspace folders, when the extension passed them. */
export function windowStorage(environment: AgentEnvironment): WindowStorage | undefined {
  const storageDir = environment.env[WINDOW_STORAGE_VARIABLE];
  if (!storageDir) return undefined;
  return { storageDir: path.resolve(storageDir), folders: pathList(environment.env[WINDOW_FOLDERS_VARIABLE]) };
}
