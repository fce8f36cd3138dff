import type { AgentEnvironment, AgentPlugin, ScanReporter } from '../agents/plugin.js';
import type { AnalyzerBackend, AnalyzerReport, ExistingRule } from '../analyze/backend.js';
import { OfflineAnalyzer } from '../analyze/offline/offlineAnalyzer.js';
import { correlateSessions } from '../correlate/correlateFailures.js';
import { deriveFindings } from '../correlate/deriveFindings.js';
import { diskProjectFiles, type ProjectFiles } from '../correlate/projectFiles.js';
import type { WasteEstimate } from '../correlate/wasteEstimate.js';
import type { Correction, Finding, Learning } from '../model/finding.js';
import { scanProject, type AgentScan, type ScanProgress } from '../scan/scanProject.js';

export type LearnProgress =
  | ({ phase: 'scan' } & ScanProgress)
  | { phase: 'correlate'; sessions: number }
  | { phase: 'analyze'; backend: string; findings: number };

export interface RunLearnOptions {
  /** Absolute project folder. */
  projectPath: string;
  plugins: readonly AgentPlugin[];
  environment: AgentEnvironment;
  reporter: ScanReporter;
  signal?: AbortSignal;
  onProgress?: (progress: LearnProgress) => void;
  /** Defaults to the offline analyzer. */
  analyzer?: AnalyzerBackend;
  /** Rules already in the target files' marker sections (the writer reads them). */
  existingRules?: ExistingRule[];
  /**
   * Reads the existing rules once the scan is done, from the files of the agents that have
   * sessions (see existingRulesForScans); wins over `existingRules`.
   */
  existingRulesFor?: (scans: AgentScan[]) => Promise<ExistingRule[]>;
  /** The project as it is now; defaults to the disk under projectPath. */
  projectFiles?: ProjectFiles;
  /** Occurrences a finding needs before it becomes a rule (default MIN_OCCURRENCES = 2). */
  minOccurrences?: number;
}

export interface LearnResult {
  projectPath: string;
  scans: AgentScan[];
  corrections: Correction[];
  /** Corrections dropped because the opposite correction was seen too. */
  contradictions: Correction[];
  findings: Finding[];
  belowThreshold: number;
  learnings: Learning[];
  analyzer: AnalyzerReport;
  waste: WasteEstimate;
}

/** One project: scan every selected agent's sessions → correlate failures with fixes → findings → rules. */
export async function runLearn(options: RunLearnOptions): Promise<LearnResult> {
  const { projectPath, signal } = options;
  const scans = await scanProject(options.plugins, projectPath, {
    environment: options.environment,
    reporter: options.reporter,
    signal,
    onProgress: (progress) => options.onProgress?.({ phase: 'scan', ...progress }),
  });
  signal?.throwIfAborted();
  const sessions = scans.flatMap((scan) => scan.sessions);
  options.onProgress?.({ phase: 'correlate', sessions: sessions.length });
  const corrections = correlateSessions(sessions);
  const files = options.projectFiles ?? diskProjectFiles(projectPath);
  const derived = deriveFindings(sessions, corrections, files, { minOccurrences: options.minOccurrences });
  signal?.throwIfAborted();
  const existingRules = options.existingRulesFor ? await options.existingRulesFor(scans) : (options.existingRules ?? []);
  signal?.throwIfAborted();
  const analyzer = options.analyzer ?? new OfflineAnalyzer();
  options.onProgress?.({ phase: 'analyze', backend: analyzer.name, findings: derived.findings.length });
  const { learnings, report } = await analyzer.analyze(
    { projectPath, findings: derived.findings, existingRules, pathExists: files.exists },
    signal,
  );
  const contradictions = new Set(derived.contradictions);
  return {
    projectPath,
    scans,
    corrections: corrections.filter((c) => !contradictions.has(c)),
    contradictions: derived.contradictions,
    findings: derived.findings,
    belowThreshold: derived.belowThreshold,
    learnings,
    analyzer: report,
    waste: derived.waste,
  };
}
