import type { TargetKind } from '../model/finding.js';
import type { ExistingRule } from '../analyze/backend.js';
import type { MarkerError } from './markerError.js';
import type { MergeEntry } from './mergeRules.js';

/** What would change in one file an agent reads. Core only proposes; front ends write. */
export interface TargetProposal {
  path: string;
  /** The kind of rules this file receives (the first of `kinds`). */
  kind: TargetKind;
  /** Every kind routed here (Gemini's GEMINI.md takes both). */
  kinds: TargetKind[];
  scope: 'project' | 'shared';
  /** The project path the markers are tagged with, for shared files. */
  projectTag?: string;
  exists: boolean;
  /** The text the proposal was planned from; a writer must refuse if the file no longer holds it. */
  currentText?: string;
  /** This project's marker section as it is now, markers included. */
  currentSection?: string;
  proposedSection?: string;
  /** The rules in `currentSection`, as parsed (absent when there is no section). */
  existingRules?: ExistingRule[];
  /** The whole file after the change; equals currentText when nothing changes. */
  proposedText?: string;
  changed: boolean;
  /** Which rules would be kept, added or removed, and why. */
  merge: MergeEntry[];
  warnings: string[];
  /** Broken markers: nothing may be written to this file. */
  error?: MarkerProblem;
  /** The folder the file must stay inside once links are resolved (the writer checks it again). */
  root: string;
  /**
   * Why this file is skipped (a link leading outside `root`, a FIFO, an encoding headroom does not edit): it was
   * not read and nothing is written to it; the project's other files are written.
   */
  refused?: string;
}

/**
 * A MarkerError as plain data. Proposals cross from the extension's scan worker to the host by structured
 * clone, which keeps an Error's message but drops its other fields (the lines the tree shows).
 */
export type MarkerProblem = Pick<MarkerError, 'name' | 'message' | 'file' | 'lines' | 'problem'>;

export function markerProblem(error: MarkerError): MarkerProblem {
  return { name: error.name, message: error.message, file: error.file, lines: [...error.lines], problem: error.problem };
}
