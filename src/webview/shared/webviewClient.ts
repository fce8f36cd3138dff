// Webview side of the typed channel: runs in the webview's browser context (bundled into media/dist/*.js).
// No `vscode` or Node imports here.
import { isMessageOf, type PanelProtocol } from '../protocol/messages.js';

interface VsCodeApi<State> {
  postMessage(message: unknown): void;
  getState(): State | undefined;
  setState(state: State): void;
}
declare function acquireVsCodeApi<State = unknown>(): VsCodeApi<State>;

/** The page's `window`, typed here so this file also compiles without the DOM library (the host's tsconfig). */
interface MessageSource {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export interface HostConnection<P extends PanelProtocol, State> {
  post(message: P['toHost']): void;
  getState(): State | undefined;
  setState(state: State): void;
}

/**
 * Connects to the host: installs the handler for host messages of the listed types, then sends `ready`.
 * Call once, after the page's elements exist.
 */
export function connectToHost<P extends PanelProtocol, State = unknown>(
  webviewMessageTypes: readonly P['toWebview']['type'][],
  onMessage: (message: P['toWebview']) => void,
): HostConnection<P, State> {
  const api = acquireVsCodeApi<State>();
  (globalThis as unknown as MessageSource).addEventListener('message', (event) => {
    if (isMessageOf<P['toWebview']>(event.data, webviewMessageTypes)) onMessage(event.data);
  });
  api.postMessage({ type: 'ready' });
  return {
    post: (message) => api.postMessage(message),
    getState: () => api.getState(),
    setState: (state) => api.setState(state),
  };
}
