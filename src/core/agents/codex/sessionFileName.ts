import * as path from 'node:path';

/** Rollout files: `rollout-<date/time>-<uuid>.jsonl`, legacy `rollout-<date>-<id>.json`. */
export function isRolloutFileName(name: string): boolean {
  return /^rollout-.+\.jsonl?$/.test(name);
}

export function isLegacyJsonFileName(name: string): boolean {
  return /^rollout-.+\.json$/.test(name);
}

/** The session uuid at the end of a rollout file name, when there is one. */
export function sessionIdFromFileName(file: string): string | undefined {
  const match = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl?$/i.exec(path.basename(file));
  return match?.[1];
}
