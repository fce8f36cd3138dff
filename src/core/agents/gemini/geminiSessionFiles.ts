import * as path from 'node:path';
import type { ScanReporter, SessionFile } from '../plugin.js';
import { isGeminiProjectHash } from './geminiProjectId.js';
import { listGeminiChats } from './listGeminiChats.js';

/**
 * The session files of one project across its folders. Gemini 0.29+ copied an old
 * `tmp/<sha256>` folder into the new slug folder, so the same chat can exist in both:
 * the slug folder's copy (kept up to date) wins; a sha256 folder is read last.
 */
export async function geminiSessionFiles(folders: readonly string[], projectPath: string, reporter: ScanReporter): Promise<SessionFile[]> {
  const ordered = [...folders].sort((a, b) => Number(isGeminiProjectHash(path.basename(a))) - Number(isGeminiProjectHash(path.basename(b))));
  const seen = new Set<string>();
  const files: SessionFile[] = [];
  for (const folder of ordered) {
    for (const chat of await listGeminiChats(folder, reporter)) {
      if (seen.has(chat.relativePath)) continue;
      seen.add(chat.relativePath);
      const file: SessionFile = { agent: 'gemini', path: chat.path, projectPath, subagent: chat.subagent };
      if (chat.sessionId !== undefined) file.sessionId = chat.sessionId;
      files.push(file);
    }
  }
  return files;
}
