import * as vscode from 'vscode';
import { byBacktestFigure, ruleFigure, type RuleFigure } from '../../core/backtest/ruleFigure.js';
import type { Learning } from '../../core/model/finding.js';
import type { ReviewProject } from './reviewModel.js';

/**
 * A rule's backtest figure in the review: the same rule learned from the project's older sessions, replayed against
 * the later ones (core findFindings' backtest, ruleFigure). Undefined when the run has no backtest (fewer than two
 * sessions) or the rule was not learned from the older sessions.
 */
function figureOf(project: ReviewProject, learning: Learning): RuleFigure | undefined {
  return ruleFigure(learning, project.result.findings, project.result.backtest);
}

/** "~88", "~2.1k": an estimate of tokens. */
function tokens(count: number): string {
  return count >= 1000 ? `~${(count / 1000).toFixed(1)}k` : `~${count}`;
}

/** For the tree row: "prevented 4/31 · ~2.1k tok", "no later match", "not enough history"; undefined without a backtest. */
export function figureShort(project: ReviewProject, learning: Learning): string | undefined {
  if (!project.result.backtest) return undefined;
  const figure = figureOf(project, learning);
  if (!figure) return vscode.l10n.t('not enough history');
  if (figure.matches === 0) return vscode.l10n.t('no later match');
  return vscode.l10n.t('prevented {0}/{1} · {2} tok', figure.matches, figure.laterFailures, tokens(figure.coveredTokens));
}

/** The full sentence (tooltip, diff panel); undefined without a backtest. */
export function figureSentence(project: ReviewProject, learning: Learning): string | undefined {
  const backtest = project.result.backtest;
  if (!backtest) return undefined;
  const figure = figureOf(project, learning);
  if (!figure) {
    return vscode.l10n.t('Backtest: not enough history to test — the {0} older sessions did not give this rule.', backtest.learnSessions);
  }
  if (figure.matches === 0) {
    return vscode.l10n.t('Backtest: no later match — learned from the {0} older sessions, it would have prevented none of the {1} later failures.', backtest.learnSessions, figure.laterFailures);
  }
  return vscode.l10n.t(
    'Backtest: would have prevented {0} of {1} later failures, {2} tokens (learned from the {3} older sessions, replayed on the {4} later ones).',
    figure.matches,
    figure.laterFailures,
    tokens(figure.coveredTokens),
    backtest.learnSessions,
    backtest.laterSessions,
  );
}

/** A category's learnings in review order: most later failures prevented first, then as the run listed them (by evidence). */
export function learningsInReviewOrder(project: ReviewProject, learnings: readonly Learning[]): Learning[] {
  return byBacktestFigure(learnings, (learning) => figureOf(project, learning));
}
