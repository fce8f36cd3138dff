import type { AnalyzerBackend, AnalyzerInput, AnalyzerResult } from '../backend.js';
import { LlmError } from './llmError.js';

export interface OfflineFallbackOptions {
  /** True when the backend was chosen automatically (an API key or a CLI found), not by --model or HEADROOM_LEARN_CLI. */
  automatic: boolean;
  createOffline: () => AnalyzerBackend;
}

/**
 * When an automatically chosen LLM backend fails, runs the offline analyzer instead and says so in
 * the report. A backend the user chose explicitly fails as itself; a cancel is never replaced.
 */
export function withOfflineFallback(primary: AnalyzerBackend, options: OfflineFallbackOptions): AnalyzerBackend {
  if (!options.automatic) return primary;
  return {
    name: primary.name,
    async analyze(input: AnalyzerInput, signal?: AbortSignal): Promise<AnalyzerResult> {
      try {
        return await primary.analyze(input, signal);
      } catch (error) {
        if (!(error instanceof LlmError) || error.kind === 'cancelled' || signal?.aborted) throw error;
        const offline = await options.createOffline().analyze(input, signal);
        const note = `${primary.name} failed (${error.kind}): ${error.message} Fell back to the offline analyzer because the backend was chosen automatically; pass --model to choose one.`;
        return {
          learnings: offline.learnings,
          report: {
            ...offline.report,
            backend: offline.report.backend || 'offline',
            reason: `offline, because ${primary.name} failed (${error.kind}) and it had been chosen automatically`,
            notes: [note, ...offline.report.notes],
          },
        };
      }
    },
  };
}
