import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';

/**
 * The parts of a session's `summary.json` that place it: `info.cwd` (authoritative, a session folder can be
 * moved between cwd folders) and whether Grok hides it as a subagent's session (`session_kind` subagent /
 * subagent_fork, `hidden`). See session/persistence.rs `Summary` in grok-build.
 */
const GrokSummarySchema = z.object({
  info: z.object({ cwd: z.string().optional().catch(undefined), id: z.string().optional().catch(undefined) }).optional().catch(undefined),
  session_kind: z.string().optional().catch(undefined),
  hidden: z.boolean().optional().catch(undefined),
});

export interface GrokSessionSummary {
  cwd?: string;
  subagent: boolean;
}

/** The summary of a session folder; a missing or damaged summary gives nothing (the folder name still places it). */
export async function readGrokSessionSummary(sessionFolder: string): Promise<GrokSessionSummary> {
  try {
    const parsed = GrokSummarySchema.safeParse(JSON.parse(await fs.readFile(path.join(sessionFolder, 'summary.json'), 'utf8')));
    if (!parsed.success) return { subagent: false };
    const kind = parsed.data.session_kind;
    const cwd = parsed.data.info?.cwd;
    return { ...(cwd ? { cwd } : {}), subagent: kind === 'subagent' || kind === 'subagent_fork' };
  } catch {
    return { subagent: false };
  }
}
