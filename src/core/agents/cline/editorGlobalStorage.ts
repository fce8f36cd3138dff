import * as path from 'node:path';
import type { AgentEnvironment } from '../plugin.js';

/**
 * The user-data folders of the VS Code family of editors, by product folder name: VS Code, VS Code Insiders,
 * VSCodium, Cursor and Windsurf (each keeps extensions' global storage under `<user data>/User/globalStorage/`).
 */
const EDITOR_PRODUCT_FOLDERS = ['Code', 'Code - Insiders', 'VSCodium', 'Cursor', 'Windsurf'] as const;

/**
 * The folders an editor's `User/` data may be under, for every platform at once (a home copied from another
 * machine is read the same way): Linux `$XDG_CONFIG_HOME` or `~/.config`, macOS `~/Library/Application Support`,
 * Windows `%APPDATA%`; VS Code Server (remote, Codespaces) `~/.vscode-server/data` and `~/.vscode-remote/data`.
 */
function editorDataRoots(environment: AgentEnvironment): string[] {
  const { home, env } = environment;
  const configRoots = [
    env.XDG_CONFIG_HOME || path.join(home, '.config'),
    path.join(home, 'Library', 'Application Support'),
    ...(env.APPDATA ? [env.APPDATA] : []),
  ];
  const roots = configRoots.flatMap((root) => EDITOR_PRODUCT_FOLDERS.map((product) => path.join(root, product)));
  roots.push(path.join(home, '.vscode-server', 'data'), path.join(home, '.vscode-remote', 'data'));
  return [...new Set(roots)];
}

/**
 * Every place an extension's global storage folder can be (`<user data>/User/globalStorage/<extension id>`),
 * existing or not. `HEADROOM_VSCODE_USER_DIR` (a `User` folder, e.g. a portable install's `data/user-data/User`)
 * comes first when set.
 */
export function extensionGlobalStorageCandidates(extensionId: string, environment: AgentEnvironment): string[] {
  const userDirs = editorDataRoots(environment).map((root) => path.join(root, 'User'));
  const explicit = environment.env.HEADROOM_VSCODE_USER_DIR;
  if (explicit) userDirs.unshift(explicit);
  return [...new Set(userDirs)].map((userDir) => path.join(userDir, 'globalStorage', extensionId));
}
