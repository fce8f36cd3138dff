import * as path from 'node:path';
import { editDistance } from './editDistance.js';
import { BASENAME_EDIT_DISTANCE_DIVISOR, BASENAME_MIN_EDIT_DISTANCE } from './thresholds.js';

/** Last path segment, for POSIX and Windows separators alike, without a trailing slash. */
export function baseName(p: string): string {
  const trimmed = p.replace(/[\\/]+$/, '');
  const parts = trimmed.split(/[\\/]/);
  return parts[parts.length - 1] ?? trimmed;
}

function stem(name: string): string {
  const ext = path.extname(name);
  return ext && ext !== name ? name.slice(0, -ext.length) : name;
}

/** Largest edit distance at which two names of these lengths still count as the same file. */
export function maxBasenameDistance(a: string, b: string): number {
  return Math.max(BASENAME_MIN_EDIT_DISTANCE, Math.floor(Math.max(a.length, b.length) / BASENAME_EDIT_DISTANCE_DIVISOR));
}

/**
 * Whether two paths name the same file in different places: same stem (X.java → X.scala),
 * or base names within the edit-distance rule (config.ts → configs.ts). state.rs → lib.rs is not.
 */
export function nearBasename(a: string, b: string): boolean {
  const nameA = baseName(a).toLowerCase();
  const nameB = baseName(b).toLowerCase();
  if (!nameA || !nameB) return false;
  if (nameA === nameB) return true;
  const stemA = stem(nameA);
  const stemB = stem(nameB);
  if (stemA.length > 0 && stemA === stemB) return true;
  return editDistance(nameA, nameB) <= maxBasenameDistance(nameA, nameB);
}
