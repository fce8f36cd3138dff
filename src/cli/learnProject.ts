import { promises as fs } from 'node:fs';
import type { AgentEnvironment, AgentPlugin, TargetOptions } from '../core/agents/plugin.js';
import type { AnalyzerBackend } from '../core/analyze/backend.js';
import { diskProjectFiles } from '../core/correlate/projectFiles.js';
import { existingRulesForAgents, planLearnProposals, targetsForScans, type AgentProposal } from '../core/pipeline/learnProposals.js';
import { runLearn, type LearnProgress, type LearnResult } from '../core/pipeline/runLearn.js';
import { CliError } from './usageError.js';

export interface LearnProjectOptions {
  plugins: readonly AgentPlugin[];
  environment: AgentEnvironment;
  analyzer: AnalyzerBackend;
  memoryFile: NonNullable<TargetOptions['memoryFile']>;
  /** Occurrences a finding needs before it becomes a rule (default 2). */
  minOccurrences?: number;
  onProgress?: (progress: LearnProgress) => void;
  signal?: AbortSignal;
}

export interface ProjectOutcome {
  result: LearnResult;
  /** Every target file of every agent with sessions for the project. */
  proposals: AgentProposal[];
  /** Problems met while scanning (skipped files and lines). */
  warnings: string[];
}

/** A file's text as the planner and the atomic writer see it; undefined when it does not exist. */
export async function readTextFile(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'EISDIR') throw new CliError(`${file} is a folder, but the agent reads it as a file; move the folder away and run again.`);
    throw new CliError(`Cannot read ${file} (${code ?? (error as Error).message}); check its permissions and run again.`);
  }
}

/**
 * One project: scan, read the rules already in the agents' files (for the analyzer), analyze,
 * then plan the change to every target file. Reads only; nothing is written here.
 */
export async function learnProject(projectPath: string, options: LearnProjectOptions): Promise<ProjectOutcome> {
  const warnings: string[] = [];
  const targetOptions: TargetOptions = { memoryFile: options.memoryFile };
  const files = diskProjectFiles(projectPath);
  const result = await runLearn({
    projectPath,
    plugins: options.plugins,
    environment: options.environment,
    reporter: { warn: (message) => warnings.push(message) },
    analyzer: options.analyzer,
    projectFiles: files,
    minOccurrences: options.minOccurrences,
    onProgress: options.onProgress,
    signal: options.signal,
    existingRulesFor: (scans) =>
      existingRulesForAgents(projectPath, targetsForScans(scans, options.plugins, projectPath, options.environment, targetOptions), readTextFile),
  });
  const agents = targetsForScans(result.scans, options.plugins, projectPath, options.environment, targetOptions);
  const proposals = await planLearnProposals({
    projectPath,
    agents,
    learnings: result.learnings,
    readFile: readTextFile,
    pathExists: files.exists,
  });
  return { result, proposals, warnings };
}
