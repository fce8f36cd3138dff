import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CallRef } from '../../core/model/finding.js';
import { Commands } from '../commands.js';
import { callSummary, type CallNode, type EvidenceNode } from './reviewNodes.js';

// The evidence under a rule: each failed call (✗) with the call that fixed it. A click opens the rule's evidence
// timeline; the raw log lines are the inline Open Raw Session Log action (and the context menu).

export function evidenceItem(node: EvidenceNode): vscode.TreeItem {
  const { projectPath } = node.project;
  const item = new vscode.TreeItem(
    `${node.call.outcome === 'ok' ? '✓' : '✗'} ${callSummary(node.call, projectPath)}`,
    node.fix ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  item.description = node.fix ? `→ ${callSummary(node.fix, projectPath, 60)}` : callPlace(node.call);
  item.tooltip = evidenceTooltip(node.call, node.fix, projectPath);
  item.iconPath = new vscode.ThemeIcon(node.call.outcome === 'ok' ? 'pass' : node.call.outcome === 'rejected' ? 'circle-slash' : 'error');
  item.contextValue = 'headroom.evidence';
  item.command = { command: Commands.openTimeline, title: vscode.l10n.t('Open Evidence Timeline'), arguments: [node] };
  return item;
}

export function callItem(node: CallNode): vscode.TreeItem {
  const { projectPath } = node.project;
  const label = node.role === 'failed' ? vscode.l10n.t('failed: {0}', callSummary(node.call, projectPath)) : vscode.l10n.t('fixed by: {0}', callSummary(node.call, projectPath));
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.description = callPlace(node.call);
  item.tooltip = evidenceTooltip(node.call, undefined, projectPath);
  item.iconPath = new vscode.ThemeIcon(node.role === 'failed' ? 'error' : 'pass');
  item.contextValue = 'headroom.evidenceCall';
  item.command = { command: Commands.openTimeline, title: vscode.l10n.t('Open Evidence Timeline'), arguments: [node] };
  return item;
}

function callPlace(ref: { sessionId: string; timestamp?: string; file: string; line: number }): string {
  const when = ref.timestamp ? ref.timestamp.replace('T', ' ').replace(/\.\d+Z?$|Z$/, '').slice(0, 16) : `${path.basename(ref.file)}:${ref.line}`;
  return `${ref.sessionId.slice(0, 8)} · ${when}`;
}

function evidenceTooltip(call: CallRef, fix: CallRef | undefined, projectPath: string): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString();
  tooltip.appendText(vscode.l10n.t('{0} call: {1}', call.outcome, callSummary(call, projectPath, 400)));
  if (fix) tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('fixed by: {0}', callSummary(fix, projectPath, 400)));
  tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('{0} session {1}{2}', call.agent, call.sessionId, call.timestamp ? `, ${call.timestamp}` : ''));
  tooltip.appendMarkdown('\n\n').appendText(`${call.file}:${call.line}`);
  return tooltip;
}
