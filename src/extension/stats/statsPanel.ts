import * as vscode from 'vscode';
import { WebviewChannel } from '../webviews/hostChannel.js';
import { statsToHostTypes, type StatsLabels, type StatsProtocol, type StatsSnapshot } from '../../webview/protocol/statsMessages.js';
import { renderWebviewHtml, webviewResourceRoots } from '../webviews/webviewHtml.js';
import { summariseRun, type ProjectRunFigures } from './runStats.js';
import { Commands } from '../commands.js';
import type { HostRegistrations } from '../activation/hostRegistrations.js';

const STATS_VIEW_TYPE = 'headroom.stats';

/** The last Learn run's figures, kept for the dashboard (in memory: a new window starts empty). */
export class LastRunStore implements vscode.Disposable {
  private current: StatsSnapshot | undefined;
  private readonly emitter = new vscode.EventEmitter<StatsSnapshot | undefined>();
  readonly onDidChange = this.emitter.event;

  get snapshot(): StatsSnapshot | undefined {
    return this.current;
  }

  /** Called by the Learn flow with the projects of a finished run. */
  set(projects: readonly ProjectRunFigures[], finishedAt?: Date): StatsSnapshot {
    this.current = summariseRun(projects, finishedAt);
    this.emitter.fire(this.current);
    return this.current;
  }

  clear(): void {
    this.current = undefined;
    this.emitter.fire(undefined);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

function statsLabels(): StatsLabels {
  // vscode.l10n.t spelled out (no alias): `npm run l10n` finds only calls written that way.
  return {
    title: vscode.l10n.t('Headroom: Last Run'),
    empty: vscode.l10n.t('No Learn run yet in this window. Run Headroom: Learn to see sessions, failures and the estimated waste.'),
    learn: vscode.l10n.t('Learn'),
    sessions: vscode.l10n.t('Sessions'),
    toolCalls: vscode.l10n.t('Tool calls'),
    failureRate: vscode.l10n.t('Failure rate'),
    corrections: vscode.l10n.t('Corrections found'),
    learnings: vscode.l10n.t('Learnings proposed'),
    waste: vscode.l10n.t('Estimated preventable waste'),
    wasteDetail: vscode.l10n.t('Output of failed calls and retries the learnings would have avoided'),
    failuresByKind: vscode.l10n.t('Failures by kind'),
    failuresByTool: vscode.l10n.t('Failures by tool'),
    correctionsByKind: vscode.l10n.t('Corrections by kind'),
    agents: vscode.l10n.t('Agents'),
    outcomes: vscode.l10n.t('Outcomes'),
    ok: vscode.l10n.t('ok'),
    failed: vscode.l10n.t('failed'),
    rejected: vscode.l10n.t('rejected'),
    interrupted: vscode.l10n.t('interrupted'),
    none: vscode.l10n.t('none'),
    finishedAt: vscode.l10n.t('Finished'),
    analyzer: vscode.l10n.t('Analyzer'),
    // Templates the page fills in per project: the placeholders are passed through as themselves.
    backtestTitle: vscode.l10n.t('Backtest: {0}', '{0}'),
    backtestSummary: vscode.l10n.t('{0} of {1} later failures covered (~{2} tokens) by rules learned from the older {3} sessions, replayed on the later {4}', '{0}', '{1}', '{2}', '{3}', '{4}'),
    laterFailures: vscode.l10n.t('later failures'),
    covered: vscode.l10n.t('covered by a rule'),
    noLaterFailures: vscode.l10n.t('No failures in the later sessions to replay.'),
  };
}

/** The single dashboard panel: created on Show Stats, kept up to date while open. */
class StatsPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly channel: WebviewChannel<StatsProtocol>;

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly store: LastRunStore,
    onDispose: () => void,
  ) {
    this.channel = new WebviewChannel<StatsProtocol>(panel.webview, statsToHostTypes);
    this.disposables.push(
      this.channel,
      this.channel.onDidBecomeReady(() => this.postState()),
      this.channel.onDidReceiveMessage((message) => {
        if (message.type === 'learn') void vscode.commands.executeCommand(Commands.learn);
      }),
      store.onDidChange(() => this.postState()),
      panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
    );
    panel.webview.html = renderWebviewHtml({
      webview: panel.webview,
      extensionUri,
      title: statsLabels().title,
      script: ['media', 'dist', 'stats.js'],
      styles: [['media', 'webview.css'], ['media', 'stats', 'stats.css']],
      body: '<main id="root" aria-live="polite"></main>',
    });
    this.postState();
  }

  private postState(): void {
    this.channel.post({ type: 'state', snapshot: this.store.snapshot, labels: statsLabels() });
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

export interface StatsServices {
  log: vscode.LogOutputChannel;
  host: Pick<HostRegistrations, 'registerCommand'>;
  /** The review model of the Learn flow: each finished run (a new `run`) becomes the dashboard's last run. */
  review?: {
    readonly run: { readonly finishedAt: Date; readonly projects: ReadonlyArray<{ readonly result: ProjectRunFigures }> } | undefined;
    readonly onDidChange: vscode.Event<unknown>;
  };
}

/** Headroom: Show Stats, and the store the Learn flow reports finished runs to. */
export function registerStats(context: vscode.ExtensionContext, services: StatsServices): { lastRun: LastRunStore; showStats: () => vscode.WebviewPanel } {
  const lastRun = new LastRunStore();
  let current: StatsPanel | undefined;
  const showStats = (): vscode.WebviewPanel => {
    if (current) {
      current.panel.reveal(undefined, true);
      return current.panel;
    }
    const panel = vscode.window.createWebviewPanel(
      STATS_VIEW_TYPE,
      statsLabels().title,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      { enableScripts: true, localResourceRoots: webviewResourceRoots(context.extensionUri) },
    );
    current = new StatsPanel(panel, context.extensionUri, lastRun, () => (current = undefined));
    services.log.debug('Stats dashboard opened.');
    return panel;
  };
  let reportedRun: unknown;
  const review = services.review;
  if (review) {
    context.subscriptions.push(
      review.onDidChange(() => {
        const run = review.run;
        if (!run || run === reportedRun) return;
        reportedRun = run;
        lastRun.set(run.projects.map((project) => project.result), run.finishedAt);
      }),
    );
  }
  context.subscriptions.push(
    lastRun,
    { dispose: () => current?.panel.dispose() },
    lastRun.onDidChange((snapshot) => {
      if (snapshot) services.log.info(`Stats: ${snapshot.sessions} sessions, ${snapshot.toolCalls} tool calls, ${snapshot.failed} failed, preventable waste ${snapshot.waste.preventableOutputBytes} bytes (~${snapshot.waste.preventableOutputTokens} tokens).`);
    }),
    services.host.registerCommand(Commands.showStats, () => {
      showStats();
    }),
  );
  return { lastRun, showStats };
}
