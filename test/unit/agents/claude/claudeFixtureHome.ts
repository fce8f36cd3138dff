import * as path from 'node:path';
import * as os from 'node:os';
import { promises as fs } from 'node:fs';
import type { AgentEnvironment, ScanReporter, SessionFile } from '../../../../src/core/agents/plugin.js';

/**
 * test/fixtures/claude/home: a home folder with a `.claude/projects` tree written by hand
 * from log-formats.md §1 (see the comments in the tests for what each file holds).
 */
export const FIXTURE_HOME = path.resolve(__dirname, '../../../fixtures/claude/home');
export const FIXTURE_FILES = path.resolve(__dirname, '../../../fixtures/claude/files');
export const FIXTURE_PROJECTS = path.join(FIXTURE_HOME, '.claude', 'projects');

/** Project with dots, spaces and an underscore; its folder is `-home-dev-my-app-v2-with-space`. */
export const APP_PROJECT = '/home/dev/my_app.v2/with space';
export const APP_FOLDER = path.join(FIXTURE_PROJECTS, '-home-dev-my-app-v2-with-space');
export const APP_SESSION = '11111111-aaaa-4aaa-8aaa-000000000001';
export const APP_RESUMED_SESSION = '11111111-aaaa-4aaa-8aaa-000000000002';
/** 245 characters; encoded it is cut to 200 and hashed. */
export const LONG_PROJECT = `/home/dev/${'a-really-long-folder-name-for-testing/'.repeat(6)}project`;
export const LONG_SIBLING_PROJECT = `/home/dev/${'a-really-long-folder-name-for-testing/'.repeat(6)}sibling`;

export function fixtureEnvironment(home = FIXTURE_HOME, env: Record<string, string> = {}): AgentEnvironment {
  return { home, env };
}

export function collectingReporter(): ScanReporter & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, warn: (message) => warnings.push(message) };
}

/** A writable copy of the fixture home in a temp folder, for tests that add broken files. */
export async function copyFixtureHome(): Promise<{ home: string; projects: string; cleanup: () => Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'headroom-claude-'));
  const home = path.join(dir, 'home');
  await fs.cp(FIXTURE_HOME, home, { recursive: true });
  return { home, projects: path.join(home, '.claude', 'projects'), cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
}

export function sessionFile(filePath: string, subagent = false, projectPath = APP_PROJECT): SessionFile {
  return { agent: 'claude', path: filePath, projectPath, subagent };
}
