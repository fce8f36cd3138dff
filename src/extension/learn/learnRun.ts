import { ruleStateFile } from '../review/ruleHistory.js';
import * as vscode from 'vscode';
import { diskProjectFiles } from '../../core/correlate/projectFiles.js';
import { analyzeAndPlan } from '../../core/pipeline/analyzeAndPlan.js';
import type { ProjectFindings } from '../../core/pipeline/findFindings.js';
import { readTextFile } from '../../core/pipeline/readTextFile.js';
import type { HostAnalyzer } from '../analyzers/analyzerForRun.js';
import type { HeadroomServices, LearnAnalyzerPlan } from '../services.js';
import { readHeadroomSettings } from '../platform/settings.js';
import type { ReviewRun } from '../review/reviewModel.js';
import { buildReviewProjects } from '../review/reviewPlanning.js';
import { vscodeChatWindowEnvironment } from './vscodeChatWindow.js';
import { LearnCancelledError, LearnWorkerError, runLearnInWorker, type WorkerOutcome } from './runInWorker.js';
import type { AnalyzerChosenMessage, LearnRequest, ProgressMessage, ProjectLearnResult } from './workerProtocol.js';
import { learningsViewId } from '../commands.js';
import { describeProgress, failureMessage, logResults, scrubKeys, type LearnNotice } from './learnReporting.js';

export type { LearnNotice } from './learnReporting.js';

export type LearnScope = { kind: 'project'; folder: vscode.Uri } | { kind: 'all' };

export type LearnOutcome =
  | { readonly status: 'done'; readonly run: ReviewRun; readonly notices: readonly LearnNotice[] }
  | { readonly status: 'cancelled' }
  | { readonly status: 'failed'; readonly message: string }
  /** Refused by the trust gate: nothing was scanned or run. */
  | { readonly status: 'untrusted'; readonly message: string };

export interface LearnRunOptions {
  /** Cancels like the notification's Cancel button (the in-host tests' `testing.review.learn`). */
  token?: vscode.CancellationToken;
  onProgress?: (progress: ProgressMessage) => void;
  /**
   * A user's command started the run (the palette, the view, the walkthrough), so a VS Code language model may
   * ask for consent now. Runs started by the in-host tests' hooks are not, unless they say so.
   */
  userInitiated?: boolean;
}

/**
 * The second stage in the extension host, when the analyzer is a VS Code language model (the worker cannot
 * reach it): core analyzeAndPlan on each project's findings, with the run's cancellation token.
 */
async function analyzeInHost(
  found: readonly ProjectFindings[],
  host: HostAnalyzer,
  token: vscode.CancellationToken,
  report: (message: ProgressMessage) => void,
): Promise<ProjectLearnResult[]> {
  const abort = new AbortController();
  const subscription = token.onCancellationRequested(() => abort.abort());
  if (token.isCancellationRequested) abort.abort();
  try {
    const results: ProjectLearnResult[] = [];
    for (const [i, project] of found.entries()) {
      abort.signal.throwIfAborted();
      report({ type: 'progress', stage: 'analyzing', projectPath: project.projectPath, project: { index: i + 1, count: found.length }, backend: host.kind });
      const analysis = await analyzeAndPlan(project, {
        analyzer: host.backend,
        readFile: readTextFile,
        pathExists: diskProjectFiles(project.projectPath).exists,
        signal: abort.signal,
      });
      results.push({ ...project, ...analysis });
    }
    return results;
  } finally {
    subscription.dispose();
  }
}

/** The projects learned: by the worker, or by the host's analyzer on the worker's findings. */
async function learnedProjects(
  outcome: WorkerOutcome,
  plan: LearnAnalyzerPlan,
  token: vscode.CancellationToken,
  report: (message: ProgressMessage) => void,
): Promise<ProjectLearnResult[]> {
  if (outcome.stage === 'learned') return outcome.projects;
  if (!plan.host) throw new Error('The scan worker left the analysis to the extension host, but no analyzer was chosen there.');
  return analyzeInHost(outcome.projects, plan.host, token, report);
}

/**
 * One Learn run: core learnProject in a worker thread (or findFindings there and analyzeAndPlan here, for a VS Code
 * language model) under a cancellable progress notification (and the view's progress bar), then hand the result
 * to the review model.
 */
export async function learn(scope: LearnScope, services: HeadroomServices, options: LearnRunOptions = {}): Promise<LearnOutcome> {
  const { log } = services;
  const folder = scope.kind === 'project' ? scope.folder : undefined;
  const settings = readHeadroomSettings(folder);
  log.info(
    `learn: ${folder ? folder.fsPath : 'all projects'}, agent ${settings.agent}, model ${settings.model || 'automatic'}, min occurrences ${settings.minOccurrences}, prompt budget ${settings.promptTokenBudget} tokens`,
  );
  const workerScript = vscode.Uri.joinPath(services.extensionUri, 'dist', 'scanWorker.js').fsPath;
  const started = Date.now();
  const title = scope.kind === 'project' ? vscode.l10n.t('Headroom Learn') : vscode.l10n.t('Headroom Learn: all projects');

  return vscode.window.withProgress({ location: { viewId: learningsViewId } }, () =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, notificationToken) => {
      const source = new vscode.CancellationTokenSource();
      const links = [notificationToken.onCancellationRequested(() => source.cancel()), options.token?.onCancellationRequested(() => source.cancel())];
      if (options.token?.isCancellationRequested) source.cancel();
      let plan: LearnAnalyzerPlan | undefined;
      let chosen: Pick<AnalyzerChosenMessage, 'backend' | 'reason'> | undefined;
      const reportProgress = (message: ProgressMessage) => {
        progress.report({ message: describeProgress(message) });
        options.onProgress?.(message);
      };
      try {
        // The analyzer first: a setting that cannot be honoured (no such language model, no key) stops the run
        // before anything is scanned.
        plan = await services.analyzer({ folder, userInitiated: options.userInitiated ?? false, token: source.token });
        if (plan.host) {
          chosen = { backend: plan.host.kind, reason: plan.host.reason };
          log.info(`learn: analyzer ${plan.host.reason} (runs in the extension host)`);
        }
        if (source.token.isCancellationRequested) return { status: 'cancelled' } as const;
        const request = await learnRequest(folder, settings, plan, services, source.token, progress);
        if (source.token.isCancellationRequested) return { status: 'cancelled' } as const;
        const outcome = await runLearnInWorker(request, {
          workerScript,
          extraEnv: vscodeChatWindowEnvironment(services.storageUri, vscode.workspace.workspaceFolders),
          token: source.token,
          onProgress: reportProgress,
          onLog: (message) => log.info(`learn: ${message}`),
          onAnalyzer: (message) => {
            if (plan?.host) return;
            chosen = message;
            log.info(`learn: analyzer ${message.reason}`);
            progress.report({ message: vscode.l10n.t('Analyzer: {0}', message.reason) });
          },
        });
        const results = await learnedProjects(outcome, plan, source.token, reportProgress);
        if (source.token.isCancellationRequested) return { status: 'cancelled' } as const;
        progress.report({ message: vscode.l10n.t('Planning the changes to the agents’ files…') });
        const projects = await buildReviewProjects(results, settings.ruleCaps);
        if (source.token.isCancellationRequested) return { status: 'cancelled' } as const;
        const notices = logResults(results, plan, settings.minOccurrences, log);
        const run: ReviewRun = { scope: scope.kind, finishedAt: new Date(), projects };
        services.review.setRun(run);
        log.info(`learn: finished in ${Date.now() - started} ms`);
        return { status: 'done', run, notices } as const;
      } catch (error) {
        if (error instanceof LearnCancelledError || source.token.isCancellationRequested) {
          log.info('learn: cancelled; the scan worker was stopped');
          return { status: 'cancelled' } as const;
        }
        const message = failureMessage(error, chosen, plan);
        const stack = error instanceof LearnWorkerError && error.workerStack ? `\n${scrubKeys(error.workerStack, plan?.worker)}` : '';
        log.error(`learn: ${message}${stack}`);
        return { status: 'failed', message } as const;
      } finally {
        for (const link of links) link?.dispose();
        source.dispose();
      }
    }),
  );
}

/** What the scan worker is asked: the scope, agents, analyzer and thresholds, and the agents other extensions scanned. */
/** The open workspace folders on disk (the current window's projects, known even when no agent log names them). */
function openFolderPaths(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

async function learnRequest(
  folder: vscode.Uri | undefined,
  settings: ReturnType<typeof readHeadroomSettings>,
  plan: LearnAnalyzerPlan,
  services: HeadroomServices,
  token: vscode.CancellationToken,
  progress: vscode.Progress<{ message?: string }>,
): Promise<LearnRequest> {
  const agents = settings.agent === 'auto' ? 'auto' : [settings.agent];
  const request: LearnRequest = {
    type: 'learn',
    scope: folder ? { kind: 'project', projectPath: folder.fsPath } : { kind: 'all', workspaceFolders: openFolderPaths() },
    agents,
    analyzer: plan.worker,
    memoryFile: settings.memoryFile,
    minOccurrences: settings.minOccurrences,
    ruleHistory: { stateFile: ruleStateFile(), retireAfterDays: settings.retireAfterDays },
  };
  if (services.storageFolder) request.scanCache = { root: services.storageFolder };
  if (services.prescanExternalAgents) {
    progress.report({ message: vscode.l10n.t('Scanning the sessions of agents added by other extensions…') });
    request.prescanned = await services.prescanExternalAgents({ projectPath: folder?.fsPath, agents, memoryFile: settings.memoryFile, token });
  }
  return request;
}
