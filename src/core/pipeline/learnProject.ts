import type { AnalyzerBackend } from '../analyze/backend.js';
import { OfflineAnalyzer } from '../analyze/offline/offlineAnalyzer.js';
import { diskProjectFiles } from '../correlate/projectFiles.js';
import { analyzeAndPlan, type ProjectAnalysis } from './analyzeAndPlan.js';
import { findFindings, type FindFindingsOptions, type ProjectFindings } from './findFindings.js';
import { readTextFile } from './readTextFile.js';
import type { RuleCaps } from '../write/ruleCaps.js';

export interface LearnProjectOptions extends FindFindingsOptions {
  /** Defaults to the offline analyzer. */
  analyzer?: AnalyzerBackend;
  /** Remove the retire candidates from the sections (AnalyzeAndPlanOptions.retire). */
  retire?: boolean;
  /** Most rules per context and per memory file (AnalyzeAndPlanOptions.ruleCaps). */
  ruleCaps?: RuleCaps;
}

/** One project learned: its findings, the rules written from them and the change to every agent file. */
export type ProjectLearning = ProjectFindings & ProjectAnalysis;

/**
 * One project, the same for the CLI and the extension's scan worker: findFindings then analyzeAndPlan,
 * against the disk unless told otherwise. Reads only; the front end decides what to write.
 */
export async function learnProject(options: LearnProjectOptions): Promise<ProjectLearning> {
  const projectFiles = options.projectFiles ?? diskProjectFiles(options.projectPath);
  const readFile = options.readFile ?? readTextFile;
  const found = await findFindings({ ...options, projectFiles, readFile });
  const analysis = await analyzeAndPlan(found, {
    analyzer: options.analyzer ?? new OfflineAnalyzer(),
    readFile,
    pathExists: projectFiles.exists,
    signal: options.signal,
    onProgress: options.onProgress,
    retire: options.retire,
    ruleCaps: options.ruleCaps,
  });
  return { ...found, ...analysis };
}
