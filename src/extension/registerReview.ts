import * as vscode from 'vscode';
import { ApplyFlow } from './apply/applyFlow.js';
import { DiffPanel, type DiffPanelActions } from './diff/diffPanel.js';
import { openNativeDiff, ProposedContentProvider } from './diff/proposedContentProvider.js';
import { proposedScheme, sessionScheme, timelineScheme } from './documentSchemes.js';
import { LearnCommands } from './learn/learnCommands.js';
import type { ReviewTarget } from './review/reviewModel.js';
import type { HeadroomServices } from './services.js';
import { registerReviewCommands } from './views/reviewCommands.js';
import { ReviewView } from './views/reviewView.js';
import { SessionExcerptProvider } from './views/sessionExcerptProvider.js';
import { TimelineDocuments } from './views/timelineDocument.js';

/** The parts of the review feature, for the in-host tests' hooks (src/extension/api/testingHooks.ts). */
export interface ReviewFeature {
  readonly learn: LearnCommands;
  readonly view: ReviewView;
  readonly apply: ApplyFlow;
  readonly showDiff: (target: ReviewTarget) => Promise<DiffPanel>;
}

/** Registers Learn, the review tree and its commands, the diff panel (and its restore after a reload) and Apply. */
export function registerReview(context: vscode.ExtensionContext, services: HeadroomServices): ReviewFeature {
  const { review, extensionUri, host } = services;
  const diffActions: DiffPanelActions = {
    apply: async (target) => void (await apply.applyFile(target)),
    openNativeDiff: (target) => openNativeDiff(target),
  };
  const showDiff = async (target: ReviewTarget) => DiffPanel.show(target, review, extensionUri, diffActions);
  const apply = new ApplyFlow(services, showDiff);
  const learn: LearnCommands = new LearnCommands(services, () => view.update());
  const view = new ReviewView(services, () => learn.status);
  const proposed = new ProposedContentProvider(review);
  const excerpts = new SessionExcerptProvider();
  const timelines = new TimelineDocuments(services.registry);
  context.subscriptions.push(
    learn,
    view,
    proposed,
    host.registerTextDocumentContentProvider(proposedScheme, proposed),
    host.registerTextDocumentContentProvider(sessionScheme, excerpts),
    host.registerTextDocumentContentProvider(timelineScheme, timelines),
    ...registerReviewCommands({ host, review, view, apply, excerpts, timelines, showDiff }),
    DiffPanel.register(host, review, extensionUri, diffActions),
    // The open panel is not a subscription of its own (a user closes it): closed with the extension.
    { dispose: () => DiffPanel.open?.dispose() },
  );
  return { learn, view, apply, showDiff };
}
