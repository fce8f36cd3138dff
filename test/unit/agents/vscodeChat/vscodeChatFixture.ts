import * as path from 'node:path';
import type { AgentEnvironment, SessionFile } from '../../../../src/core/agents/plugin.js';

export const HOME = path.resolve(__dirname, '../../../../test/fixtures/vscode-chat/home');
export const PROJECT = '/home/dev/chat-app';
export const CODE_USER = path.join(HOME, '.config', 'Code', 'User');
export const CODE_STORAGE = path.join(CODE_USER, 'workspaceStorage', '5d1a9c0e', 'chatSessions');
export const INSIDERS_STORAGE = path.join(HOME, '.config', 'Code - Insiders', 'User', 'workspaceStorage', '-19019891', 'chatSessions');
export const CODIUM_STORAGE = path.join(HOME, 'Library', 'Application Support', 'VSCodium', 'User', 'workspaceStorage', '0b0b0b0b', 'chatSessions');
export const EMPTY_WINDOW = path.join(CODE_USER, 'globalStorage', 'emptyWindowChatSessions');

export function environment(env: Record<string, string> = {}, home = HOME): AgentEnvironment {
  return { home, env };
}

export function collecting() {
  const warnings: string[] = [];
  return { warnings, reporter: { warn: (m: string) => warnings.push(m) } };
}

export function sessionFile(file: string, projectPath = PROJECT): SessionFile {
  return { agent: 'vscode-chat', path: file, projectPath, subagent: false };
}

export const relative = (p: string) => path.relative(HOME, p).split(path.sep).join('/');
