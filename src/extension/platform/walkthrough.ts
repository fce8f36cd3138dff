import * as vscode from 'vscode';
import { Commands } from '../commands.js';

/** contributes.walkthroughs[0].id; VS Code addresses it as `<publisher>.<name>#<id>`. */
export const WALKTHROUGH_ID = 'headroom.gettingStarted';

/**
 * The three steps (learn, review, apply) and what completes each, as contributed in package.json:
 * a step is ticked when its command runs (`onCommand:`), so the walkthrough follows what the user did.
 */
export const WALKTHROUGH_STEPS = [
  { id: 'learn', media: 'media/walkthrough/learn.md', completionEvents: ['onCommand:headroom.learn', 'onCommand:headroom.learnAllProjects'] },
  { id: 'review', media: 'media/walkthrough/review.md', completionEvents: ['onCommand:headroom.reviewDiff', 'onView:headroom.review'] },
  { id: 'apply', media: 'media/walkthrough/apply.md', completionEvents: ['onCommand:headroom.applySelected'] },
] as const;

export interface WalkthroughServices {
  log: vscode.LogOutputChannel;
}

/** Headroom: Get Started (opens the walkthrough) and Headroom: Show Log (reveals the log channel). */
export function registerWalkthroughAndLog(context: vscode.ExtensionContext, services: WalkthroughServices): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.openWalkthrough, () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, false),
    ),
    vscode.commands.registerCommand(Commands.showLog, () => {
      services.log.show(true);
    }),
  );
  if (services.log.logLevel > vscode.LogLevel.Debug || services.log.logLevel === vscode.LogLevel.Off) {
    services.log.info('Run "Developer: Set Log Level…" → Headroom Learn → Debug for more detail.');
  }
}
