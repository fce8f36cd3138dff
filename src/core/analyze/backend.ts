import type { Finding, Learning, Category } from '../model/finding.js';
import type { TargetKind } from '../model/finding.js';

/** A rule already present in a marker section of a target file. */
export interface ExistingRule {
  category: Category | 'unknown';
  target: TargetKind;
  text: string;
}

export interface AnalyzerInput {
  projectPath: string;
  findings: Finding[];
  /** Rules currently in the marker sections, so a backend can keep, reword or retire them. */
  existingRules: ExistingRule[];
  /** Checks whether a project-relative or absolute path exists now (grounding). */
  pathExists(path: string): boolean;
}

export interface AnalyzerReport {
  backend: string;
  model?: string;
  /** Why this backend was chosen (always shown to the user). */
  reason: string;
  tokensSent?: number;
  tokensReceived?: number;
  /** Rules the backend proposed that were dropped (ungrounded, personal data, cut off, contradicted …), with why and, when known, the findings they came from. */
  dropped: Array<{ text: string; why: string; findingIds?: string[] }>;
  notes: string[];
}

export interface AnalyzerResult {
  learnings: Learning[];
  report: AnalyzerReport;
}

/** Evidence in, validated rules out. Implemented by the offline analyzer and every LLM backend. */
export interface AnalyzerBackend {
  readonly name: string;
  analyze(input: AnalyzerInput, signal?: AbortSignal): Promise<AnalyzerResult>;
}
