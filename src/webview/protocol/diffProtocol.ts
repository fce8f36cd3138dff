// Messages of the diff panel (src/extension/diff/diffPanel.ts ↔ src/webview/diff/diff.ts).
import type { Message, PanelProtocol } from './messages.js';

export interface DiffLine {
  readonly kind: 'added' | 'removed' | 'context';
  /** Untrusted (rule text from logs or a model): the webview sets it as text, never as HTML. */
  readonly text: string;
}

/** Everything the panel shows; sent whole on every change, so the page needs no other state. */
export interface DiffStateMessage extends Message<'state'> {
  /** The review target shown (project path + file path); a restored panel finds its target again by it. */
  readonly targetId: string;
  readonly title: string;
  readonly path: string;
  /** Notes shown above the diff: new file, outside the workspace, re-planned after a change, … */
  readonly notes: readonly { readonly severity: 'info' | 'warning' | 'error'; readonly text: string }[];
  readonly lines: readonly DiffLine[];
  /**
   * The backtest figure of each rule this diff adds ("would have prevented 4 of 31 later failures, ~2.1k tokens"):
   * absent when the run has no backtest. Rule text is untrusted: set as text, never as HTML.
   */
  readonly backtest?: { readonly heading: string; readonly rules: readonly { readonly rule: string; readonly figure: string }[] };
  /** True when applying would change the file. */
  readonly canApply: boolean;
  /** Restored after a reload with no review behind it: shown read-only, no action works. */
  readonly restored?: boolean;
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

/**
 * What the page keeps with `setState` (VS Code stores it with the window) and the host gets back in
 * `deserializeWebviewPanel` after a reload: the last state it rendered, so the restored panel shows it at once.
 */
export interface DiffWebviewState {
  readonly version: 1;
  readonly shown: DiffStateMessage;
}

function isBacktestList(value: unknown): value is DiffStateMessage['backtest'] {
  if (typeof value !== 'object' || value === null) return false;
  const { heading, rules } = value as { heading?: unknown; rules?: unknown };
  return typeof heading === 'string' && Array.isArray(rules) && rules.every((r) => typeof r === 'object' && r !== null && typeof r.rule === 'string' && typeof r.figure === 'string');
}

/** Narrows what a (possibly older or foreign) saved webview state holds to a DiffWebviewState. */
export function isDiffWebviewState(value: unknown): value is DiffWebviewState {
  if (typeof value !== 'object' || value === null) return false;
  const { version, shown } = value as { version?: unknown; shown?: unknown };
  if (version !== 1 || typeof shown !== 'object' || shown === null) return false;
  const s = shown as Partial<Record<keyof DiffStateMessage, unknown>>;
  return (
    s.type === 'state' &&
    typeof s.targetId === 'string' &&
    typeof s.title === 'string' &&
    typeof s.path === 'string' &&
    Array.isArray(s.notes) &&
    Array.isArray(s.lines) &&
    (s.lines as unknown[]).every((line) => typeof line === 'object' && line !== null && typeof (line as DiffLine).text === 'string' && ['added', 'removed', 'context'].includes((line as DiffLine).kind)) &&
    (s.notes as unknown[]).every((note) => typeof note === 'object' && note !== null && typeof (note as { text?: unknown }).text === 'string') &&
    (s.backtest === undefined || isBacktestList(s.backtest)) &&
    typeof s.labels === 'object' &&
    s.labels !== null
  );
}
