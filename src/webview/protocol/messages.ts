// The one message protocol between the extension host and its webviews (diff panel, stats dashboard, …).
// Pure types and guards: imported by the host (src/extension/**) and by the webview pages (src/webview/**, bundled to media/dist),
// so it must not import `vscode` or anything from Node.
//
// Each panel declares its protocol as a `PanelProtocol`: the messages the host sends (`toWebview`) and the
// messages the webview sends (`toHost`), each a discriminated union on `type`. Every webview starts by
// sending `{ type: 'ready' }`; the host holds its messages until then (GHPRI's `_waitForReady`), so nothing
// posted before the page's script runs is lost, and after a reload the host re-sends its state.

/** A message: a discriminated union member on `type`. */
export interface Message<T extends string = string> {
  readonly type: T;
}

/** The handshake every webview sends first, and again after it is reloaded. */
type ReadyMessage = Message<'ready'>;

/** The two directions of one panel's protocol. */
export interface PanelProtocol<ToWebview extends Message = Message, ToHost extends Message = Message> {
  readonly toWebview: ToWebview;
  readonly toHost: ToHost;
}

/** What a webview of protocol P may send: its own messages plus the handshake. */
export type FromWebview<P extends PanelProtocol> = P['toHost'] | ReadyMessage;
export type ToWebview<P extends PanelProtocol> = P['toWebview'];

/** Narrows an untrusted value (whatever postMessage delivered) to a message whose type is one of `types`. */
export function isMessageOf<M extends Message>(value: unknown, types: readonly M['type'][]): value is M {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && (types as readonly string[]).includes(type);
}
