import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AnalyzerInput, ExistingRule } from '../../../../../src/core/analyze/backend.js';
import type { Finding } from '../../../../../src/core/model/finding.js';

export const FIXTURES = path.resolve(__dirname, '../../../../fixtures/llm');

/** Secrets planted into the evidence at run time (the committed fixture only has placeholders). */
const PLANTED_OPENAI_KEY = `sk-proj-${'Q7rT2vX9'.repeat(6)}`;
const PLANTED_GITHUB_TOKEN = `ghp_${'a1B2c3D4e5'.repeat(4)}`;
export const PLANTED_SECRETS = [PLANTED_OPENAI_KEY, PLANTED_GITHUB_TOKEN];

interface EvidenceFixture {
  projectPath: string;
  findings: Finding[];
  existingRules: ExistingRule[];
}

export function loadEvidence(): EvidenceFixture {
  const text = readFileSync(path.join(FIXTURES, 'findings.json'), 'utf8')
    .replaceAll('PLANTED_OPENAI_KEY', PLANTED_OPENAI_KEY)
    .replaceAll('PLANTED_GITHUB_TOKEN', PLANTED_GITHUB_TOKEN);
  return JSON.parse(text) as EvidenceFixture;
}

/** Analyzer input over the fixture; only the listed project files exist. */
export function analyzerInput(existingFiles: readonly string[] = ['src/lib/money.ts', 'scripts/seed.py']): AnalyzerInput {
  const fixture = loadEvidence();
  return { ...fixture, pathExists: (candidate) => existingFiles.includes(candidate) };
}

/** A grounded answer for the fixture. Ranked: E1 permission (user said it), E2 file_path (3 sessions), E3 environment. */
export function goodAnswer(): string {
  return JSON.stringify({
    rules: [
      {
        category: 'file_path',
        target: 'context',
        text: 'Money helpers live in `src/lib/money.ts`, not `src/utils/money.ts`.',
        evidenceIds: ['E2'],
        replaces: 'Money helpers live in `src/utils/`.',
      },
      { category: 'environment', target: 'context', text: 'Run Python through `uv run python`, never `python3`.', evidenceIds: ['E3'] },
      { category: 'permission', target: 'memory', text: 'Ask before any `git push`.', evidenceIds: ['E1'], replaces: null },
    ],
  });
}

export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}
