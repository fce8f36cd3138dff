import * as vscode from 'vscode';
import type { AgentRegistry } from '../../core/agents/registry.js';
import { buildEvidenceTimeline, type EvidenceTimeline, type TimelineCall, type TimelineEpisode } from '../../core/explain/evidenceTimeline.js';
import { readEvidenceSessions } from '../../core/explain/readEvidenceSessions.js';
import type { CallRef } from '../../core/model/finding.js';
import { sanitizeRuleText } from '../../core/write/sanitizeRuleText.js';
import { timelineScheme } from '../documentSchemes.js';

// A rule's evidence as a readable timeline: a read-only virtual Markdown document (`headroom-timeline:`), opened in
// the Markdown preview. Everything taken from a log sits in a code span or a code block, so it is never markup.

/** Timelines kept to re-render (a reopened tab): the most recent ones. */
const MAX_TIMELINES = 20;

/** What one timeline shows: a rule (or one call) and the evidence behind it. */
export interface TimelineRequest {
  projectPath: string;
  /** The rule's text (Markdown, sanitised before it is shown). */
  title: string;
  evidence: readonly CallRef[];
}

/** `text` as an inline code span that no backtick inside it can close. */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Lines as a fenced code block whose fence is longer than any backtick run in them. */
function codeBlock(lines: readonly string[]): string[] {
  const longest = Math.max(2, ...lines.flatMap((line) => [...line.matchAll(/`+/g)].map((m) => m[0].length)));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}text`, ...lines, fence];
}

function outcomeText(call: TimelineCall): string {
  if (call.outcome === 'rejected') return vscode.l10n.t('rejected by the user');
  if (call.outcome === 'interrupted') return vscode.l10n.t('interrupted');
  const exit = call.exitCode !== undefined ? vscode.l10n.t('exit code {0}', call.exitCode) : undefined;
  return [call.errorKind?.replace(/_/g, ' '), exit].filter(Boolean).join(', ') || call.outcome;
}

function callLines(call: TimelineCall, failed: boolean): string[] {
  const place = vscode.l10n.t('line {0}', call.ref.line);
  const head = failed
    ? vscode.l10n.t('✗ **Failed:** {0} — {1} ({2})', code(call.summary), outcomeText(call), place)
    : vscode.l10n.t('✓ **Worked:** {0} ({1})', code(call.summary), place);
  const output = call.output ?? [];
  return [`- ${head}`, ...(output.length > 0 ? ['', ...codeBlock(output).map((line) => `  ${line}`), ''] : [])];
}

function betweenLine(episode: TimelineEpisode): string | undefined {
  const { count, failed, tools } = episode.between;
  if (count === 0) return episode.failed && episode.fixed ? `- ${vscode.l10n.t('… nothing in between')}` : undefined;
  const byTool = tools.map((t) => `${t.tool} ${t.count}`).join(', ');
  const failures = failed > 0 ? vscode.l10n.t(' ({0} failed)', failed) : '';
  return `- ${vscode.l10n.t('… {0} calls in between: {1}{2}', count, byTool, failures)}`;
}

function episodeLines(episode: TimelineEpisode, number: number): string[] {
  const first = (episode.failed ?? episode.fixed)!;
  const when = first.ref.timestamp ? ` · ${first.ref.timestamp.replace('T', ' ').slice(0, 16)}` : '';
  const lines = [`## ${vscode.l10n.t('Episode {0}', number)} — ${episode.agent}${when}`, ''];
  if (episode.failed) lines.push(...callLines(episode.failed, true));
  const between = betweenLine(episode);
  if (between) lines.push(between);
  if (episode.fixed) lines.push(...callLines(episode.fixed, false));
  else if (episode.failed?.outcome !== 'rejected') lines.push(`- ${vscode.l10n.t('No call in the evidence worked after it.')}`);
  for (const words of episode.userWords) lines.push(`- ${vscode.l10n.t('**The user said:** {0} (line {1})', code(words.text), words.line)}`);
  const lineNumbers = [episode.failed, episode.fixed].flatMap((call) => (call ? [call.ref.line] : [])).join(', ');
  lines.push('', vscode.l10n.t('Raw log: {0}, lines {1}', code(episode.file), lineNumbers), '');
  return lines;
}

/** The timeline as Markdown: the rule, then each episode (failed call and its error, calls in between, the fix, the user's words). */
function timelineMarkdown(request: TimelineRequest, timeline: EvidenceTimeline): string {
  const rule = sanitizeRuleText(request.title).split('\n').join(' ');
  const lines = [
    `# ${vscode.l10n.t('Evidence timeline')}`,
    '',
    `> ${rule}`,
    '',
    vscode.l10n.t('{0} episodes in the sessions of {1}. The raw log lines: Open Raw Session Log on an evidence item in the Headroom view.', timeline.episodes.length, code(request.projectPath)),
    '',
  ];
  timeline.episodes.forEach((episode, i) => lines.push(...episodeLines(episode, i + 1)));
  if (timeline.omitted > 0) lines.push(vscode.l10n.t('… and {0} more episodes.', timeline.omitted), '');
  for (const file of timeline.unreadable) lines.push(vscode.l10n.t('⚠ {0} could not be read again: only the recorded calls are shown.', code(file)), '');
  return lines.join('\n');
}

/** Read-only timelines: `headroom-timeline:/<n>/Evidence timeline.md`, each built from the request it was opened with. */
export class TimelineDocuments implements vscode.TextDocumentContentProvider {
  private readonly requests = new Map<string, TimelineRequest>();
  private next = 0;

  constructor(private readonly registry: AgentRegistry) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const request = this.requests.get(uri.path.split('/')[1] ?? '');
    if (!request) return vscode.l10n.t('This timeline is no longer available: open the evidence again from the Headroom view.');
    const abort = new AbortController();
    const listener = token.onCancellationRequested(() => abort.abort());
    try {
      const sessions = await readEvidenceSessions(request.evidence, this.registry.all(), request.projectPath, abort.signal);
      return timelineMarkdown(request, buildEvidenceTimeline(request.evidence, sessions, { projectPath: request.projectPath }));
    } finally {
      listener.dispose();
    }
  }

  /** Opens the timeline in the Markdown preview (or as text where there is no preview); returns its document. */
  async open(request: TimelineRequest): Promise<vscode.TextDocument> {
    const id = String(++this.next);
    this.requests.set(id, request);
    // Only the recent timelines stay available (an old tab shows a note to open it again).
    for (const old of [...this.requests.keys()].slice(0, Math.max(0, this.requests.size - MAX_TIMELINES))) this.requests.delete(old);
    const uri = vscode.Uri.from({ scheme: timelineScheme, path: `/${id}/${vscode.l10n.t('Evidence timeline')}.md` });
    const document = await vscode.workspace.openTextDocument(uri);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      await vscode.window.showTextDocument(document, { preview: true });
    }
    return document;
  }
}
