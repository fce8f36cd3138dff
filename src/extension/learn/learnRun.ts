import * as path from 'node:path';
import * as vscode from 'vscode';
import { processEnvironment } from '../../core/agents/environment';
import type { HeadroomServices } from '../services';
import { agentSetting, memoryFileSetting } from './learnSettings';
import { buildReviewProjects, type ReviewRun } from './reviewModel';
import { LearnCancelledError, LearnWorkerError, runLearnInWorker } from './runInWorker';
import type { LearnRequest, ProgressMessage } from './workerProtocol';

export type LearnScope = { kind: 'project'; folder: vscode.Uri } | { kind: 'all' };

export type LearnOutcome =
  | { readonly status: 'done'; readonly run: ReviewRun }
  | { readonly status: 'cancelled' }
  | { readonly status: 'failed'; readonly message: string };

export interface LearnRunOptions {
  /** Cancels like the notification's Cancel button (API callers, tests). */
  token?: vscode.CancellationToken;
  onProgress?: (progress: ProgressMessage) => void;
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

/**
 * One Learn run: scan, correlate and analyze in a worker thread under a cancellable progress notification
 * (and the view's progress bar), then plan every agent file and hand the result to the review model.
 */
export async function learn(scope: LearnScope, services: HeadroomServices, options: LearnRunOptions = {}): Promise<LearnOutcome> {
  const { log } = services;
  const agent = agentSetting();
  const memoryFile = memoryFileSetting();
  const agents = agent === 'auto' ? 'auto' : [agent];
  const request: LearnRequest = {
    type: 'learn',
    scope: scope.kind === 'project' ? { kind: 'project', projectPath: scope.folder.fsPath } : { kind: 'all' },
    agents,
    analyzer: await services.analyzerOptions(),
    memoryFile,
  };
  log.info(`learn: ${scope.kind === 'project' ? scope.folder.fsPath : 'all projects'}, agent ${agent}, model ${request.analyzer.model ?? 'automatic'}`);
  const workerScript = vscode.Uri.joinPath(services.extensionUri, 'dist', 'scanWorker.js').fsPath;
  const started = Date.now();
  const title = scope.kind === 'project' ? vscode.l10n.t('Headroom Learn') : vscode.l10n.t('Headroom Learn: all projects');

  return vscode.window.withProgress({ location: { viewId: 'headroom.review' } }, () =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, notificationToken) => {
      const source = new vscode.CancellationTokenSource();
      const links = [notificationToken.onCancellationRequested(() => source.cancel()), options.token?.onCancellationRequested(() => source.cancel())];
      if (options.token?.isCancellationRequested) source.cancel();
      try {
        if (services.prescanExternalAgents) {
          progress.report({ message: vscode.l10n.t('Scanning the sessions of agents added by other extensions…') });
          request.prescanned = await services.prescanExternalAgents({
            projectPath: scope.kind === 'project' ? scope.folder.fsPath : undefined,
            agents,
            token: source.token,
          });
          if (source.token.isCancellationRequested) return { status: 'cancelled' } as const;
        }
        const results = await runLearnInWorker(request, {
          workerScript,
          token: source.token,
          onProgress: (message) => {
            progress.report({ message: describeProgress(message) });
            options.onProgress?.(message);
          },
        });
        progress.report({ message: vscode.l10n.t('Planning the changes to the agents’ files…') });
        const projects = await buildReviewProjects(results, {
          plugins: (name) => services.registry.get(name),
          environment: processEnvironment(process.env),
          memoryFile,
        });
        if (source.token.isCancellationRequested) return { status: 'cancelled' } as const;
        for (const project of results) {
          for (const a of project.agents) {
            log.info(`learn: ${project.projectPath}: ${a.name} ${a.stats.sessions} sessions, ${a.stats.toolCalls} calls, ${a.stats.failed} failed`);
          }
          log.info(`learn: ${project.projectPath}: analyzer ${project.analyzer.backend}${project.analyzer.model ? ` (${project.analyzer.model})` : ''}: ${project.analyzer.reason}`);
          if (project.analyzer.tokensSent !== undefined) log.info(`learn: tokens sent ${project.analyzer.tokensSent}, received ${project.analyzer.tokensReceived ?? 0}`);
          log.info(`learn: ${project.corrections.length} corrections, ${project.findings.length} findings, ${project.learnings.length} rules`);
          for (const warning of project.warnings) log.warn(`scan: ${warning}`);
        }
        const run: ReviewRun = { scope: scope.kind, finishedAt: new Date(), projects };
        services.review.setRun(run);
        log.info(`learn: finished in ${Date.now() - started} ms`);
        return { status: 'done', run } as const;
      } catch (error) {
        if (error instanceof LearnCancelledError || source.token.isCancellationRequested) {
          log.info('learn: cancelled; the scan worker was stopped');
          return { status: 'cancelled' } as const;
        }
        const message = error instanceof LearnWorkerError && error.userFacing ? error.message : vscode.l10n.t('Learn failed: {0}', (error as Error).message);
        log.error(`learn: ${(error as Error).message}${error instanceof LearnWorkerError && error.workerStack ? `\n${error.workerStack}` : ''}`);
        return { status: 'failed', message } as const;
      } finally {
        for (const link of links) link?.dispose();
        source.dispose();
      }
    }),
  );
}
