import { z } from 'zod';
import type { ExistingRule } from '../analyze/backend.js';
import type { ProjectFiles } from '../correlate/projectFiles.js';
import type { RuleRecurrence } from '../lifecycle/ruleLifecycle.js';
import { findingSchema, type WrittenRule } from '../lifecycle/ruleState.js';
import { ruleTextKey } from '../write/mergeRules.js';
import { parserKey } from '../scan/cache/cachedParse.js';
import { stampSessionFiles, type ProjectResultCache, type ProjectResultKey } from '../scan/cache/projectResultCache.js';
import type { ProjectSessionFiles } from '../scan/scanProject.js';
import type { ProjectFindings } from './findFindings.js';

/**
 * A learn's findings as the project cache keeps them: everything findFindings works out from the logs (the agents'
 * figures, corrections, findings, drops, waste, backtest, warnings, the written rules' recurrences), and the
 * questions it asked the project's files with their answers then. The agents' files and existing rules are read
 * afresh every time, and a rule's age is worked out at each learn.
 */
export type LogFindings = Omit<ProjectFindings, 'projectPath' | 'agentTargets' | 'existingRules' | 'lifecycle'> & {
  recurrences?: RuleRecurrence[];
};

/** What the findings asked of the project's files, and the answers: the findings hold only while every answer is the same. */
interface ProjectFileAnswers {
  exists: Array<[path: string, exists: boolean]>;
  lineCount: Array<[path: string, lines: number | null]>;
}

const callRefSchema = z.looseObject({ agent: z.string(), file: z.string(), line: z.number(), sessionId: z.string(), index: z.number(), tool: z.string(), input: z.record(z.string(), z.unknown()), outcome: z.string() });
const countsSchema = z.record(z.string(), z.number());
const agentSummarySchema = z.looseObject({
  name: z.string(),
  displayName: z.string(),
  stats: z.looseObject({ sessions: z.number(), toolCalls: z.number(), failed: z.number(), errorKinds: countsSchema }),
  failuresByTool: countsSchema,
  unreadableFiles: z.array(z.string()),
});
/**
 * The kept findings, checked on read (ProjectResultCache gives back the value as written, whatever the schema's
 * output: every field comes back; the payload is also digest-checked, and its key holds the core build that wrote it).
 */
const keptFindingsSchema = z.object({
  findings: z.looseObject({
    pooledCheckouts: z.array(z.string()).optional(),
    agents: z.array(agentSummarySchema),
    corrections: z.array(z.looseObject({ kind: z.string(), failed: callRefSchema, fixed: callRefSchema })),
    contradictions: z.number(),
    findings: z.array(findingSchema),
    belowThreshold: z.number(),
    dropped: z.array(z.looseObject({ reason: z.string(), subject: z.string(), occurrences: z.number(), sessions: z.number(), evidence: z.array(callRefSchema) })),
    waste: countsSchema,
    warnings: z.array(z.string()),
    backtest: z.looseObject({ split: z.number(), laterFailures: z.number(), covered: z.number(), coverage: z.array(z.unknown()) }).optional(),
    recurrences: z.array(z.looseObject({ textKey: z.string(), firstWritten: z.string(), situations: z.number(), recurrences: z.array(callRefSchema) })).optional(),
  }),
  answers: z.object({ exists: z.array(z.tuple([z.string(), z.boolean()])), lineCount: z.array(z.tuple([z.string(), z.number().nullable()])) }),
});

/** The options of a learn that change its findings (the rest, like the agents' files, are read afresh each time). */
interface FindingsOptions {
  minOccurrences?: number;
  writtenRules?: readonly WrittenRule[];
  existingRules: readonly ExistingRule[];
}

/**
 * Where a learn keeps and finds its findings for the project: `findings` when none of the listed logs changed, the
 * options are the same and every question the findings asked of the project's files has the same answer now;
 * `keep` to store new ones. Undefined with no cache, or when a log's findings cannot be kept (a plugin without a
 * parserVersion, a log that is not a file stat can read).
 */
export async function keptFindings(
  results: ProjectResultCache | undefined,
  projectPath: string,
  listed: ProjectSessionFiles,
  files: ProjectFiles,
  options: FindingsOptions,
): Promise<{ findings?: LogFindings; keep: (findings: LogFindings, answers: ProjectFileAnswers) => Promise<void> } | undefined> {
  if (!results) return undefined;
  const key = await findingsKey(listed, options);
  if (!key) return undefined;
  const identity = { projectPath };
  const kept = await results.get('findings', identity, key, keptFindingsSchema);
  // The schema checks what the readers rely on, loosely; the rest is as this core build wrote it (the key holds the
  // build, ProjectResultCache the payload's digest).
  const fresh = kept && sameAnswers(files, kept.answers) ? (kept.findings as unknown as LogFindings) : undefined;
  return { findings: fresh, keep: (findings, answers) => results.put('findings', identity, key, { findings, answers }) };
}

async function findingsKey(listed: ProjectSessionFiles, options: FindingsOptions): Promise<ProjectResultKey | undefined> {
  const parsers: string[] = [];
  const logs: ProjectResultKey['logs'] = [];
  for (const { plugin, files } of listed.agents) {
    const parser = parserKey(plugin);
    const stamps = parser === undefined ? undefined : await stampSessionFiles(files);
    if (parser === undefined || !stamps) return undefined;
    parsers.push(parser);
    logs.push(...stamps);
  }
  const inSections = options.writtenRules?.length ? options.existingRules.map((rule) => ruleTextKey(rule.text)).sort() : [];
  return {
    parsers,
    logs,
    options: {
      checkouts: listed.checkouts,
      logsPerAgent: listed.agents.map(({ plugin, files }) => [plugin.name, files.length]),
      minOccurrences: options.minOccurrences ?? null,
      written: options.writtenRules ?? [],
      inSections,
    },
  };
}

/** `files` that notes every question asked of it and its answer (ProjectFileAnswers). */
export function answeringProjectFiles(files: ProjectFiles): { files: ProjectFiles; answers: () => ProjectFileAnswers } {
  const exists = new Map<string, boolean>();
  const lineCount = new Map<string, number | null>();
  return {
    files: {
      root: files.root,
      exists: (p) => {
        const answer = files.exists(p);
        exists.set(p, answer);
        return answer;
      },
      lineCount: (p) => {
        const answer = files.lineCount(p);
        lineCount.set(p, answer ?? null);
        return answer;
      },
    },
    answers: () => ({ exists: [...exists], lineCount: [...lineCount] }),
  };
}

function sameAnswers(files: ProjectFiles, answers: ProjectFileAnswers): boolean {
  return answers.exists.every(([p, exists]) => files.exists(p) === exists) && answers.lineCount.every(([p, lines]) => (files.lineCount(p) ?? null) === lines);
}
