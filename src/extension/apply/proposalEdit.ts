import * as vscode from 'vscode';
import { findMarkerPairs, pairFor } from '../../core/write/findMarkerPairs.js';
import type { TargetProposal } from '../../core/write/proposal.js';
import type { FileEditRequest } from './applyFileEdit.js';

/** Offsets (in the current text) of the one range that differs from the proposed text, and its replacement. */
function differingRange(current: string, proposed: string): { start: number; end: number; replacement: string } {
  let start = 0;
  const max = Math.min(current.length, proposed.length);
  while (start < max && current.charCodeAt(start) === proposed.charCodeAt(start)) start++;
  let suffix = 0;
  while (
    suffix < max - start &&
    current.charCodeAt(current.length - 1 - suffix) === proposed.charCodeAt(proposed.length - 1 - suffix)
  ) {
    suffix++;
  }
  return { start, end: current.length - suffix, replacement: proposed.slice(start, proposed.length - suffix) };
}

/** Position of an offset in a text, counting lines the way VS Code does (\r\n, \n, \r). */
function positionAt(text: string, offset: number): vscode.Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    if (c === 13 && text.charCodeAt(i + 1) === 10) {
      // An offset between \r and \n: VS Code never splits a line ending, so it is the end of the line.
      if (i + 1 >= offset) return new vscode.Position(line, i - lineStart);
      i++;
    }
    line++;
    lineStart = i + 1;
  }
  return new vscode.Position(line, offset - lineStart);
}

/**
 * The edit that turns the proposal's current text into its proposed text: the whole content for a new file;
 * else exactly this project's marker range replaced by the new section when the file has one, or the appended
 * section (the one range where the texts differ, at the end). `expectedText` makes a changed file refuse it.
 * Undefined when there is nothing to write (no change, or broken markers).
 */
export function editForProposal(proposal: TargetProposal): FileEditRequest | undefined {
  if (proposal.error || !proposal.changed || proposal.proposedText === undefined) return undefined;
  const uri = vscode.Uri.file(proposal.path);
  const current = proposal.currentText;
  if (current === undefined) return { uri, expectedText: undefined, change: { newText: proposal.proposedText } };
  const pair = pairFor(findMarkerPairs(current, proposal.path), proposal.projectTag);
  if (pair && proposal.proposedSection !== undefined) {
    const replaced = current.slice(0, pair.start) + proposal.proposedSection + current.slice(pair.end);
    if (replaced === proposal.proposedText) {
      const range = new vscode.Range(positionAt(current, pair.start), positionAt(current, pair.end));
      return { uri, expectedText: current, change: { range, replacement: proposal.proposedSection } };
    }
  }
  const diff = differingRange(current, proposal.proposedText);
  const range = new vscode.Range(positionAt(current, diff.start), positionAt(current, diff.end));
  return { uri, expectedText: current, change: { range, replacement: diff.replacement } };
}
