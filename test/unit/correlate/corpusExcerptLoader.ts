import * as path from 'node:path';
import { parseClaudeSession } from '../../../src/core/agents/claude/parseClaudeSession.js';
import type { ParsedSession } from '../../../src/core/agents/plugin.js';
import type { ProjectFiles } from '../../../src/core/correlate/projectFiles.js';

/** Real excerpts of the development corpus (test/fixtures/corpus/README.md names their source lines). */
const CORPUS = path.resolve(__dirname, '..', '..', 'fixtures', 'corpus');

/** One excerpt parsed as a Claude session of `projectPath`; the file name is the session id. */
export function parseExcerpt(name: string, projectPath: string): Promise<ParsedSession> {
  return parseClaudeSession({ agent: 'claude', path: path.join(CORPUS, name), projectPath, subagent: false });
}

/** A project at `root` (absolute, as in the excerpts) in which these project-relative files exist (and their folders). */
export function projectAt(root: string, existing: readonly string[]): ProjectFiles {
  const rel = (p: string) => (p === root ? '.' : p.startsWith(`${root}/`) ? p.slice(root.length + 1) : p.replace(/\/$/, ''));
  return {
    root,
    exists: (p) => rel(p) === '.' || existing.some((f) => f === rel(p) || f.startsWith(`${rel(p)}/`)),
    lineCount: () => undefined,
  };
}
