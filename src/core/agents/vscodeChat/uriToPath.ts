/**
 * The file-system path of a URI VS Code recorded (`workspace.json`'s folder, a file reference in a session):
 * `file:///home/me/app` → `/home/me/app`, `file:///c%3A/Users/me/app` → `c:\Users\me\app`, `file://server/share/x`
 * → `\\server\share\x`; a remote folder (`vscode-remote://ssh-remote+box/home/me/app`, WSL, dev containers) → its
 * path on that machine, which is where the agent ran. Undefined for anything else (virtual file systems, bad URIs).
 */
export function uriToPath(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'file:' && url.protocol !== 'vscode-remote:') return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  if (pathname === '') return undefined;
  if (/^\/[A-Za-z]:(\/|$)/.test(pathname)) return pathname.slice(1).replace(/\//g, '\\');
  if (url.protocol === 'file:' && url.host !== '') return `\\\\${url.host}${pathname.replace(/\//g, '\\')}`;
  return pathname;
}
