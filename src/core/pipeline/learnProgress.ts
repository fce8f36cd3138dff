import type { ScanProgress } from '../scan/scanProject.js';

/** Where a project's learn is: reading logs (per file), pairing failures with fixes, or writing rules. */
export type LearnProgress =
  | ({ phase: 'scan' } & ScanProgress)
  | { phase: 'correlate'; sessions: number }
  | { phase: 'analyze'; backend: string; findings: number };
