import * as vscode from 'vscode';
import { Commands } from '../commands.js';
import type { HostRegistrations } from '../activation/hostRegistrations.js';

/** contributes.walkthroughs[0].id; VS Code addresses it as `<publisher>.<name>#<id>`. */
const WALKTHROUGH_ID = 'headroom.gettingStarted';

export interface WalkthroughServices {
  log: vscode.LogOutputChannel;
  host: Pick<HostRegistrations, 'registerCommand'>;
}

/** Headroom: Get Started (opens the walkthrough) and Headroom: Show Log (reveals the log channel). */
export function registerWalkthroughAndLog(context: vscode.ExtensionContext, services: WalkthroughServices): void {
  context.subscriptions.push(
    services.host.registerCommand(Commands.openWalkthrough, () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, false),
    ),
    services.host.registerCommand(Commands.showLog, () => {
      services.log.show(true);
    }),
  );
  if (services.log.logLevel > vscode.LogLevel.Debug || services.log.logLevel === vscode.LogLevel.Off) {
    services.log.info('Run "Developer: Set Log Level…" → Headroom Learn → Debug for more detail.');
  }
}
