import * as vscode from 'vscode';
import { isMessageOf, type FromWebview, type PanelProtocol, type ToWebview } from '../../webview/protocol/messages.js';

/**
 * Host side of one webview's typed channel. Posts wait for the webview's `ready` (messages sent before it are
 * queued; only the latest message of each type is kept, since each carries a whole state). Incoming messages
 * are checked against the protocol's type names before any handler sees them.
 */
export class WebviewChannel<P extends PanelProtocol> implements vscode.Disposable {
  private ready = false;
  private readonly pending = new Map<string, ToWebview<P>>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  private readonly messageEmitter = new vscode.EventEmitter<P['toHost']>();
  /** Fires on every `ready`: the first load and each reload of the page. */
  readonly onDidBecomeReady = this.readyEmitter.event;
  readonly onDidReceiveMessage = this.messageEmitter.event;

  constructor(
    private readonly webview: vscode.Webview,
    /** The `type` values of P['toHost'], used to reject anything else. */
    hostMessageTypes: readonly P['toHost']['type'][],
  ) {
    this.disposables.push(
      this.readyEmitter,
      this.messageEmitter,
      webview.onDidReceiveMessage((value: unknown) => {
        if (isMessageOf<FromWebview<P>>(value, ['ready', ...hostMessageTypes] as FromWebview<P>['type'][])) {
          if (value.type === 'ready') {
            this.ready = true;
            this.flush();
            this.readyEmitter.fire();
          } else {
            this.messageEmitter.fire(value as P['toHost']);
          }
        }
      }),
    );
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Sends now when the webview is ready, else when it becomes ready. */
  post(message: ToWebview<P>): void {
    this.pending.set(message.type, message);
    if (this.ready) this.flush();
  }

  /** The page is being replaced (html set again): wait for its next `ready`. */
  reset(): void {
    this.ready = false;
  }

  private flush(): void {
    const messages = [...this.pending.values()];
    this.pending.clear();
    for (const message of messages) void this.webview.postMessage(message);
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
