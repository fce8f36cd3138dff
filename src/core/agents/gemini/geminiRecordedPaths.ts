import * as path from 'node:path';
import type { ScanReporter } from '../plugin.js';
import { isWindowsPath } from '../projectPaths.js';
import { geminiProjectHashCandidates } from './geminiProjectId.js';
import { geminiSessionFiles } from './geminiSessionFiles.js';
import { parseGeminiSession, type GeminiParseLimits } from './parseGeminiSession.js';

/**
 * For a `tmp/<sha256>` folder nothing else names: the project path, found among the absolute paths its own
 * sessions recorded (the files and folders its tool calls named) and their parent folders, by hashing each
 * the way Gemini CLI hashed the project root (geminiProjectId.ts). The hash is exact, so a match is the
 * project itself, never a guess; no match leaves the folder unattributed.
 */
export async function projectFromRecordedPaths(folder: string, reporter: ScanReporter, limits: GeminiParseLimits): Promise<string | undefined> {
  const name = path.basename(folder);
  const tried = new Set<string>();
  for (const file of await geminiSessionFiles([folder], '', reporter)) {
    let calls;
    try {
      calls = (await parseGeminiSession(file, {}, limits)).calls;
    } catch {
      continue; // an unreadable session is reported when its project is scanned
    }
    for (const call of calls) {
      for (const recorded of absolutePaths([call.path, ...Object.values(call.input)])) {
        for (const candidate of selfAndParents(recorded)) {
          if (tried.has(candidate)) continue;
          tried.add(candidate);
          if (geminiProjectHashCandidates(candidate).includes(name)) return candidate;
        }
      }
    }
  }
  return undefined;
}

function absolutePaths(values: readonly unknown[]): string[] {
  const found: string[] = [];
  for (const value of values) {
    const list = Array.isArray(value) ? value : [value];
    for (const item of list) {
      if (typeof item === 'string' && (item.startsWith('/') || isWindowsPath(item)) && !item.includes('\n')) found.push(item);
    }
  }
  return found;
}

/** `/a/b/c` → `/a/b/c`, `/a/b`, `/a` (the root itself is no project). */
function selfAndParents(p: string): string[] {
  const paths = isWindowsPath(p) ? path.win32 : path.posix;
  const out: string[] = [];
  let current = paths.normalize(p);
  while (current !== paths.dirname(current)) {
    out.push(current.replace(/[\\/]+$/, ''));
    current = paths.dirname(current);
  }
  return out;
}
