// Pure: no `vscode` import (the stats figures and the unit tests use it too).

/** The part of an AnalyzerReport (src/core/analyze/backend.ts) that says which analyzer wrote the rules and why. */
export interface AnalyzerChoice {
  readonly backend: string;
  readonly model?: string;
  /** The full reason ("offline, because openai failed: …"): for the log, tooltips and the stats dashboard. */
  readonly reason: string;
}

/** "offline", "openai (gpt-4o-mini)": the analyzer in a few words, for the review view's one-line message. */
export function shortAnalyzerName(choice: Pick<AnalyzerChoice, 'backend' | 'model'>): string {
  return choice.model && choice.model !== choice.backend ? `${choice.backend} (${choice.model})` : choice.backend;
}

/** The analyzers of a run's projects, each once: short names for the view, full reasons for tooltips and stats. */
export function summariseAnalyzers(choices: readonly AnalyzerChoice[]): { names: string[]; reasons: string[] } {
  return {
    names: [...new Set(choices.map(shortAnalyzerName))],
    reasons: [...new Set(choices.map((choice) => choice.reason || shortAnalyzerName(choice)))],
  };
}
