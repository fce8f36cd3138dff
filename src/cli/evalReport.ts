import { CATEGORY_HEADINGS } from '../core/model/finding.js';
import { REPLAY_BUCKETS, type ReplayBucket } from '../core/backtest/replayFailures.js';
import type { EvalBucketJson, EvalJson } from './evalJson.js';
import { shortEvidence } from './evalJson.js';
import { painter, plural, writeLine, type CliIO } from './output.js';

const COLUMNS = ['later failures', 'covered', 'tokens', 'rules matched', 'unmatched'] as const;
const LABEL_WIDTH = 24;

function bucketLabel(bucket: ReplayBucket): string {
  return bucket === 'other' ? 'Other failures' : CATEGORY_HEADINGS[bucket];
}

function row(label: string, b: EvalBucketJson): string {
  const cells = [b.laterFailures, b.covered, b.coveredTokens, b.rulesMatched, b.rulesUnmatched];
  return `  ${label.padEnd(LABEL_WIDTH)}${cells.map((n, i) => String(n).padStart(COLUMNS[i].length + 2)).join('')}`;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${Math.round((100 * part) / whole)}%`;
}

/** The per-category table, with only the categories that had a later failure or a rule. */
function printTable(json: EvalJson, io: CliIO): void {
  const paint = painter(io.stdout, io.env);
  writeLine(io.stdout, paint('bold', `  ${'category'.padEnd(LABEL_WIDTH)}${COLUMNS.map((c) => c.padStart(c.length + 2)).join('')}`));
  for (const bucket of REPLAY_BUCKETS) {
    const b = json.byCategory[bucket];
    if (b.laterFailures + b.rulesMatched + b.rulesUnmatched > 0) writeLine(io.stdout, row(bucketLabel(bucket), b));
  }
  const rules = json.rules.length;
  const matched = json.rules.filter((r) => r.matches > 0).length;
  const total = { laterFailures: json.laterFailures, covered: json.covered, coveredTokens: json.coveredTokens, rulesMatched: matched, rulesUnmatched: rules - matched };
  writeLine(io.stdout, paint('bold', row('total', total)));
}

function printRules(json: EvalJson, io: CliIO): void {
  const paint = painter(io.stdout, io.env);
  for (const rule of json.rules.filter((r) => r.matches > 0)) {
    const refs = rule.evidence.slice(0, 3).map(shortEvidence).join(', ') + (rule.evidence.length > 3 ? ` +${rule.evidence.length - 3}` : '');
    writeLine(io.stdout, `  ${paint('green', '✓')} ${rule.text}`);
    writeLine(io.stdout, paint('dim', `      covered ${plural(rule.matches, 'later failure')} · ${refs}`));
  }
  for (const rule of json.rules.filter((r) => r.matches === 0)) {
    writeLine(io.stdout, `  ${paint('dim', '✗')} ${paint('dim', `${rule.text} [matched nothing later]`)}`);
  }
}

/** One project: the split, the table, each rule with what it covered, a closing line. */
export function printEvalProject(json: EvalJson, io: CliIO): void {
  const paint = painter(io.stdout, io.env);
  const out = (text = '') => writeLine(io.stdout, text);
  out(paint('bold', json.projectPath));
  const sessions = json.learnSessions + json.laterSessions;
  const notes = [json.copies > 0 ? `${json.copies} checkpoint/resume ${json.copies === 1 ? 'copy' : 'copies'} counted once` : '', json.undated > 0 ? `${json.undated} undated left out` : '']
    .filter(Boolean)
    .join(' · ');
  out(`  ${plural(sessions, 'session')} by start time: learned from the first ${json.learnSessions}, replayed the last ${json.laterSessions}${notes ? ` (${notes})` : ''}`);
  out(`  Analyzer: ${json.analyzer} · ${plural(json.rules.length, 'rule')} learned`);
  if (json.laterSessions === 0) {
    out(paint('bold', 'Nothing to replay: a backtest needs at least two sessions with tool calls.'));
    out();
    return;
  }
  out();
  printTable(json, io);
  if (json.rules.length > 0) out();
  printRules(json, io);
  out();
  const unmatched = json.rules.filter((r) => r.matches === 0).length;
  out(
    paint(
      'bold',
      `${json.covered} of ${plural(json.laterFailures, 'later failure')} (${percent(json.covered, json.laterFailures)}) covered by a rule learned earlier (~${json.coveredTokens} tokens); ` +
        `${unmatched} of ${plural(json.rules.length, 'rule')} matched nothing.`,
    ),
  );
  out();
}
