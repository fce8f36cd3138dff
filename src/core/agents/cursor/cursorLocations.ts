import * as path from 'node:path';
import type { AgentEnvironment } from '../plugin.js';

/**
 * Cursor's user data folders (a VS Code fork: `<app data>/Cursor/User`), on each platform: Linux
 * `$XDG_CONFIG_HOME/Cursor/User` (else `~/.config`), macOS `~/Library/Application Support/Cursor/User`, Windows
 * `%APPDATA%\Cursor\User`. All are tried, so a test home and a synced home work on any platform. Its chats are in
 * `globalStorage/state.vscdb`, and each window's folder in `workspaceStorage/<id>/workspace.json`.
 */
export function cursorUserDirs(environment: AgentEnvironment): string[] {
  const { home, env } = environment;
  const dirs = [
    path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'Cursor', 'User'),
    path.join(home, 'Library', 'Application Support', 'Cursor', 'User'),
  ];
  if (env.APPDATA) dirs.push(path.join(env.APPDATA, 'Cursor', 'User'));
  return [...new Set(dirs)];
}

export function cursorGlobalDatabase(userDir: string): string {
  return path.join(userDir, 'globalStorage', 'state.vscdb');
}

export function cursorWorkspaceStorage(userDir: string): string {
  return path.join(userDir, 'workspaceStorage');
}
