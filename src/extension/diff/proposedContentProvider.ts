import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReviewModel, ReviewTarget } from '../review/reviewModel.js';
import { proposedScheme } from '../documentSchemes.js';

/**
 * Read-only virtual documents for the native diff editor: the whole proposed file of a review target
 * (`headroom-proposed:/…/CLAUDE.md?proposed=<target id>`), and an empty left side for a file that does not exist
 * yet (`?empty`). Updated when its project's plans change.
 */
export class ProposedContentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly model: ReviewModel) {
    this.subscription = model.onDidChange((project) => {
      for (const document of vscode.workspace.textDocuments) {
        if (document.uri.scheme !== proposedScheme) continue;
        const id = new URLSearchParams(document.uri.query).get('proposed');
        if (!project || project.targets.some((target) => target.id === id)) this.changeEmitter.fire(document.uri);
      }
    });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = new URLSearchParams(uri.query).get('proposed');
    if (id === null) return '';
    const proposal = this.model.target(id)?.proposal;
    return proposal?.proposedText ?? proposal?.currentText ?? '';
  }

  static proposedUri(target: ReviewTarget): vscode.Uri {
    return vscode.Uri.from({ scheme: proposedScheme, path: target.uri.path, query: new URLSearchParams({ proposed: target.id }).toString() });
  }

  static emptyUri(target: ReviewTarget): vscode.Uri {
    return vscode.Uri.from({ scheme: proposedScheme, path: target.uri.path, query: 'empty' });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}

/** vscode.diff: the file as it is (or an empty document for a new file) against the proposed file. */
export async function openNativeDiff(target: ReviewTarget): Promise<void> {
  const left = target.proposal.exists ? target.uri : ProposedContentProvider.emptyUri(target);
  const right = ProposedContentProvider.proposedUri(target);
  const title = vscode.l10n.t('{0} ↔ Headroom proposal', path.basename(target.path));
  await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true });
}
