import * as path from 'node:path';
import type { AgentEnvironment, ScanReporter } from '../plugin.js';
import { findFiles } from '../fsWalk.js';
import { isRolloutFileName } from './sessionFileName.js';

/** `$CODEX_HOME`, else `<home>/.codex`. */
export function codexRoot(environment: AgentEnvironment): string {
  const fromEnv = environment.env.CODEX_HOME;
  return fromEnv && fromEnv.trim() !== '' ? fromEnv : path.join(environment.home, '.codex');
}

/**
 * Every rollout file: `sessions/YYYY/MM/DD/rollout-*.jsonl`, the early flat
 * `sessions/rollout-*.jsonl`, legacy `sessions/rollout-*.json`, and
 * `archived_sessions/`. Unreadable folders are reported and skipped.
 */
export async function listRolloutFiles(environment: AgentEnvironment, reporter: ScanReporter): Promise<string[]> {
  const root = codexRoot(environment);
  const accept = (name: string): boolean => isRolloutFileName(name);
  const live = await findFiles(path.join(root, 'sessions'), accept, reporter);
  const archived = await findFiles(path.join(root, 'archived_sessions'), accept, reporter);
  return [...live, ...archived];
}
