import * as path from 'node:path';
import type { CallRef, Finding } from '../../model/finding.js';
import type { ExistingRule } from '../backend.js';
import { evidenceMostRecentFirst } from './rankFindings.js';

/** Calls shown per finding; the most recent ones. */
const MAX_CALLS_PER_FINDING = 4;
/** Longest tool input shown per call. */
const MAX_CALL_INPUT_CHARS = 300;
/** Longest facts line shown per finding. */
const MAX_DETAILS_CHARS = 400;
/** Longest existing rule shown. */
const MAX_EXISTING_RULE_CHARS = 400;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function renderProjectHeader(projectPath: string): string {
  return `Project: ${path.basename(projectPath) || projectPath}`;
}

export function renderExistingRule(id: string, rule: ExistingRule): string {
  const oneLine = rule.text.replace(/\s*\n\s*/g, ' ').trim();
  return `${id} [${rule.target}/${rule.category}] ${clip(oneLine, MAX_EXISTING_RULE_CHARS)}`;
}

/** One finding as the model sees it: header, draft rule, facts, the calls behind it. */
export function renderFinding(evidenceId: string, finding: Finding): string {
  const seen = [`seen ${finding.occurrences}× in ${finding.sessions} session${finding.sessions === 1 ? '' : 's'}`];
  if (finding.lastSeen) seen.push(`last ${finding.lastSeen.slice(0, 10)}`);
  if (finding.userStated) seen.push('the user said it');
  const lines = [
    `### ${evidenceId} · ${finding.category} · ${finding.target} · ${seen.join(' · ')}`,
    `Draft rule: ${finding.rule}`,
  ];
  const facts = renderDetails(finding.details);
  if (facts) lines.push(`Facts: ${facts}`);
  const calls = evidenceMostRecentFirst(finding.evidence).slice(0, MAX_CALLS_PER_FINDING);
  if (calls.length > 0) {
    lines.push('Calls:');
    for (const call of calls) lines.push(`- ${renderCall(call)}`);
  }
  if (finding.evidence.length > calls.length) lines.push(`(${finding.evidence.length - calls.length} older calls not shown)`);
  return lines.join('\n');
}

function renderCall(call: CallRef): string {
  const when = call.timestamp ? `, ${call.timestamp.slice(0, 10)}` : '';
  const input = clip(compactJson(call.input), MAX_CALL_INPUT_CHARS);
  return `${call.outcome}: ${call.tool} ${input} (session ${call.sessionId.slice(0, 8)} #${call.index}${when})`;
}

function renderDetails(details: Record<string, unknown>): string {
  const entries = Object.entries(details).filter(([, value]) => value !== undefined && value !== null && value !== '');
  if (entries.length === 0) return '';
  return clip(entries.map(([key, value]) => `${key}=${compactJson(value)}`).join('; '), MAX_DETAILS_CHARS);
}

function compactJson(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Every string inside a finding (key, draft rule, details, call inputs): what a rule may quote. */
export function evidenceStrings(finding: Finding): string[] {
  const strings: string[] = [finding.key, finding.rule];
  collectStrings(finding.details, strings);
  for (const call of finding.evidence) collectStrings(call.input, strings);
  return strings;
}

function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, into);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) collectStrings(item, into);
}
