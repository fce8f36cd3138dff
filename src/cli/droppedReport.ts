import * as path from 'node:path';
import { boundedLine } from '../core/model/boundedLine.js';
import { countByReason, DROP_REASON_LABELS } from '../core/explain/droppedCandidates.js';
import type { LearnJson } from './learnJson.js';
import { painter, plural, writeLine, type CliIO } from './output.js';

/** Examples shown per reason in the default report; --explain shows up to EXPLAIN_EXAMPLES. */
const REPORT_EXAMPLES = 2;
const EXPLAIN_EXAMPLES = 20;
/** Longest subject, and longest reason, of an example in the default report (each on its own line). */
const EXAMPLE_CHARS = 150;


/**
 * "Not proposed: N candidates", then per reason its count and a few examples (subject, why, where), so a
 * report with no rules says why. With `full` (--explain) up to EXPLAIN_EXAMPLES per reason, each with its evidence.
 */
export function printDropped(json: LearnJson, io: CliIO, full = false): void {
  if (json.dropped.length === 0) return;
  const paint = painter(io.stdout, io.env);
  const out = (text = '') => writeLine(io.stdout, text);
  out(paint('bold', `Not proposed: ${plural(json.dropped.length, 'candidate')}`));
  const limit = full ? EXPLAIN_EXAMPLES : REPORT_EXAMPLES;
  for (const { reason, count } of countByReason(json.dropped)) {
    out(`  ✗ ${DROP_REASON_LABELS[reason]}: ${count}`);
    const entries = json.dropped.filter((d) => d.reason === reason);
    for (const entry of entries.slice(0, limit)) {
      const seen = entry.evidence[0] ? ` (${path.basename(entry.evidence[0].file)}:${entry.evidence[0].line})` : '';
      out(paint('dim', `      ${full ? entry.subject : boundedLine(entry.subject, EXAMPLE_CHARS)}`));
      out(paint('dim', `        — ${entry.detail ? (full ? entry.detail : boundedLine(entry.detail, EXAMPLE_CHARS)) : 'see --explain'}${seen}`));
      if (full && entry.evidence.length > 1) {
        out(paint('dim', `        evidence ${entry.evidence.map((ref) => `${path.basename(ref.file)}:${ref.line}`).join(', ')}`));
      }
    }
    if (entries.length > limit) out(paint('dim', `      … ${entries.length - limit} more${full ? '' : ' (--explain or --json for all)'}`));
  }
  out();
}
