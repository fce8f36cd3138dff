import * as path from 'node:path';
import * as vscode from 'vscode';
import { BackendSelectionError } from '../../core/analyze/selectBackend.js';
import { LlmError } from '../../core/analyze/llm/llmError.js';
import { UnreadableFileError } from '../../core/pipeline/readTextFile.js';
import type { LearnAnalyzerPlan } from '../services.js';
import { LearnWorkerError } from './runInWorker.js';
import type { AnalyzerChosenMessage, AnalyzerOptions, ProgressMessage, ProjectLearnResult } from './workerProtocol.js';

// What a Learn run tells the user and the log: progress text, notices, failure messages; keys never show.

/** Something the user is told after a run (a notification), besides the view's message. */
export interface LearnNotice {
  readonly severity: 'warning' | 'error';
  readonly message: string;
}

/** Replaces every stored API key in a text that may reach the log or a notification (an SDK error quoting it). */
export function scrubKeys(text: string, analyzer: AnalyzerOptions | undefined): string {
  let result = text;
  for (const entry of Object.values(analyzer?.apiKeys ?? {})) {
    if (entry?.key && entry.key.length >= 8) result = result.split(entry.key).join('***');
  }
  return result;
}

/** The notice for an automatically chosen LLM that failed and was replaced by the offline analyzer. */
function fallbackNotice(failure: string): LearnNotice {
  return {
    severity: 'error',
    message: vscode.l10n.t(
      '{0} Headroom Learn fell back to the offline analyzer, because the backend was chosen automatically; choose one with Headroom: Select Model.',
      failure,
    ),
  };
}

/** The notification text for a worker progress message, naming the stage. */
export function describeProgress(progress: ProgressMessage): string {
  const prefix = progress.project && progress.project.count > 1 && progress.projectPath
    ? vscode.l10n.t('Project {0} of {1} ({2}): ', progress.project.index, progress.project.count, path.basename(progress.projectPath))
    : '';
  switch (progress.stage) {
    case 'listing':
      return vscode.l10n.t('Finding projects with agent sessions…');
    case 'scanning':
      return prefix + vscode.l10n.t('Scanning {0} sessions ({1}/{2})…', progress.agent ?? '', progress.done ?? 0, progress.total ?? 0);
    case 'correlating':
      return prefix + vscode.l10n.t('Pairing failures with their fixes in {0} sessions…', progress.done ?? 0);
    case 'analyzing':
      return prefix + vscode.l10n.t('Writing rules with the {0} analyzer…', progress.backend ?? '');
  }
}

/** Logs what each project's run found and read; returns the notices for the user (analyzer fallbacks, once each). */
export function logResults(results: readonly ProjectLearnResult[], plan: LearnAnalyzerPlan, minOccurrences: number, log: vscode.LogOutputChannel): LearnNotice[] {
  const notices: LearnNotice[] = [];
  for (const project of results) {
    for (const a of project.agents) {
      log.info(`learn: ${project.projectPath}: ${a.name} ${a.stats.sessions} sessions, ${a.stats.toolCalls} calls, ${a.stats.failed} failed`);
    }
    log.info(`learn: ${project.projectPath}: analyzer ${project.analyzer.backend}${project.analyzer.model ? ` (${project.analyzer.model})` : ''}: ${project.analyzer.reason}`);
    if (project.analyzer.tokensSent !== undefined) log.info(`learn: tokens sent ${project.analyzer.tokensSent}, received ${project.analyzer.tokensReceived ?? 0}`);
    for (const note of project.analyzer.notes) log.debug(`analyzer: ${scrubKeys(note, plan.worker)}`);
    if (project.analyzerFailure) {
      const failure = scrubKeys(project.analyzerFailure, plan.worker);
      log.error(`learn: ${project.projectPath}: ${failure}; fell back to the offline analyzer`);
      if (!notices.some((n) => n.message.startsWith(failure))) notices.push(fallbackNotice(failure));
    }
    log.info(`learn: ${project.corrections.length} corrections, ${project.findings.length} findings (min occurrences ${minOccurrences}), ${project.learnings.length} rules`);
    for (const warning of project.warnings) log.warn(`scan: ${warning}`);
  }
  return notices;
}

/** The message of a failed run for the user: a chosen LLM that failed names its backend; keys never show. */
export function failureMessage(error: unknown, chosen: Pick<AnalyzerChosenMessage, 'backend' | 'reason'> | undefined, plan: LearnAnalyzerPlan | undefined): string {
  const raw = scrubKeys((error as Error).message ?? String(error), plan?.worker);
  let message: string;
  if (error instanceof BackendSelectionError || error instanceof UnreadableFileError) message = raw;
  else if (error instanceof LlmError || (error instanceof LearnWorkerError && error.analyzerFailed)) {
    // The chosen LLM failed; chosen explicitly, so it is not replaced by the offline analyzer.
    message = vscode.l10n.t('The {0} analyzer failed: {1}', chosen?.backend ?? (error as LlmError).backend ?? '', raw);
  } else if (error instanceof LearnWorkerError && error.userFacing) message = raw;
  else message = vscode.l10n.t('Learn failed: {0}', raw);
  return message;
}
