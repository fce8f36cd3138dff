// Messages of the diff panel (src/extension/diff/diffPanel.ts ↔ media/diff/diff.ts).
import type { Message, PanelProtocol } from './messages';

export interface DiffLine {
  readonly kind: 'added' | 'removed' | 'context';
  /** Untrusted (rule text from logs or a model): the webview sets it as text, never as HTML. */
  readonly text: string;
}

/** Everything the panel shows; sent whole on every change, so the page needs no other state. */
export interface DiffStateMessage extends Message<'state'> {
  readonly title: string;
  readonly path: string;
  /** Notes shown above the diff: new file, outside the workspace, re-planned after a change, … */
  readonly notes: readonly { readonly severity: 'info' | 'warning' | 'error'; readonly text: string }[];
  readonly lines: readonly DiffLine[];
  /** True when applying would change the file. */
  readonly canApply: boolean;
  readonly busy: boolean;
  readonly labels: {
    readonly apply: string;
    readonly nativeDiff: string;
    readonly current: string;
    readonly proposed: string;
    readonly noChanges: string;
  };
}

export type DiffToWebview = DiffStateMessage;
export type DiffToHost = Message<'apply'> | Message<'openNativeDiff'>;
export type DiffProtocol = PanelProtocol<DiffToWebview, DiffToHost>;

export const diffToWebviewTypes: readonly DiffToWebview['type'][] = ['state'];
export const diffToHostTypes: readonly DiffToHost['type'][] = ['apply', 'openNativeDiff'];
