import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** Folders a webview may load from: media/ (scripts bundled to media/dist, styles). Nothing else. */
export function webviewResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'media')];
}

export interface WebviewPage {
  webview: vscode.Webview;
  extensionUri: vscode.Uri;
  title: string;
  /** Paths under the extension, e.g. ['media', 'dist', 'diff.js']. */
  script: readonly string[];
  styles: ReadonlyArray<readonly string[]>;
  /** Static markup of the page body: no data from logs or models (the script fills those in as text). */
  body: string;
}

/** A fresh 32-character nonce per render. */
function createNonce(): string {
  return randomBytes(24).toString('base64url').slice(0, 32);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The page with a strict Content-Security-Policy: nothing by default, the one script by nonce, styles only from
 * the extension's media folder (no inline style), images and fonts only from there too, no network.
 */
export function renderWebviewHtml(page: WebviewPage): string {
  const nonce = createNonce();
  const { webview } = page;
  const uri = (parts: readonly string[]) => webview.asWebviewUri(vscode.Uri.joinPath(page.extensionUri, ...parts)).toString();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  const styles = page.styles.map((parts) => `<link rel="stylesheet" href="${escapeHtml(uri(parts))}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language)}">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${csp}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${escapeHtml(page.title)}</title>
  </head>
  <body>
    ${page.body}
    <script nonce="${nonce}" src="${escapeHtml(uri(page.script))}"></script>
  </body>
</html>`;
}
