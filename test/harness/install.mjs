// Installs the VS Code test harness (Node 24, code-server, playwright-core, Debian chromium) into a cache
// directory outside the clone. Idempotent: a complete install of the same versions is reused without touching
// the network, so repeated runs skip code-server's ~90 s native build. Run directly: node test/harness/install.mjs
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromiumExecutable, harnessPaths, harnessVersions } from './versions.mjs';

/** The harness cannot be installed on this machine; the message says what is missing and how to get it. */
export class HarnessUnavailableError extends Error {
  name = 'HarnessUnavailableError';
}

const log = (message) => console.error(`[harness] ${message}`);

function commandExists(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function debPackageInstalled(name) {
  if (!commandExists('dpkg-query')) return false;
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

/** Environment for a nested npm: without the outer `npm test`'s npm_* variables (npm_config_local_prefix would point it at the project). */
function cleanNpmEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...env, ...extra };
}

function run(command, args, { cwd, env, logFile }) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const output = `$ ${command} ${args.join(' ')}\n${result.stdout ?? ''}${result.stderr ?? ''}\n`;
  if (logFile) fs.appendFileSync(logFile, output);
  if (result.status !== 0) {
    const tail = output.trim().split('\n').slice(-40).join('\n');
    throw new HarnessUnavailableError(
      `\`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal ?? result.error?.message}).\n${tail}` +
        (logFile ? `\nFull log: ${logFile}` : ''),
    );
  }
  return Date.now() - started;
}

function npmInstallInto(dir, packages, { env, logFile }) {
  fs.mkdirSync(dir, { recursive: true });
  const manifest = path.join(dir, 'package.json');
  if (!fs.existsSync(manifest)) fs.writeFileSync(manifest, '{ "private": true }\n');
  return run('npm', ['install', '--no-audit', '--no-fund', '--no-save', ...packages], { cwd: dir, env, logFile });
}

function ensureAptPackages({ needCodeServerBuild, logFile }) {
  const wanted = [];
  if (!fs.existsSync(chromiumExecutable)) wanted.push('chromium');
  if (needCodeServerBuild) {
    if (!debPackageInstalled('libkrb5-dev')) wanted.push('libkrb5-dev');
    if (!commandExists('g++') || !commandExists('make')) wanted.push('build-essential');
    if (!commandExists('python3')) wanted.push('python3');
  }
  if (wanted.length === 0) return;
  const canApt = commandExists('apt-get') && typeof process.getuid === 'function' && process.getuid() === 0;
  if (!canApt) {
    throw new HarnessUnavailableError(
      `missing system packages: ${wanted.join(', ')} (${wanted.includes('chromium') ? `no browser at ${chromiumExecutable}` : 'needed to build code-server'}).\n` +
        `Install them as root: apt-get update && apt-get install -y ${wanted.join(' ')}` +
        (commandExists('apt-get') ? '' : '\n(apt-get is not available on this machine.)'),
    );
  }
  log(`apt-get install ${wanted.join(' ')} …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env, logFile });
  const ms = run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...wanted], { env, logFile });
  log(`apt-get done in ${(ms / 1000).toFixed(0)} s`);
  if (!fs.existsSync(chromiumExecutable)) throw new HarnessUnavailableError(`apt-get installed chromium but ${chromiumExecutable} does not exist`);
}

function readStamp(stampFile) {
  try {
    return JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  } catch {
    return undefined;
  }
}

function isComplete(paths) {
  const stamp = readStamp(paths.readyStamp);
  return (
    stamp !== undefined &&
    JSON.stringify(stamp.versions) === JSON.stringify(harnessVersions) &&
    fs.existsSync(paths.node24Bin) &&
    fs.existsSync(paths.codeServerBin) &&
    fs.existsSync(path.join(paths.playwrightCoreDir, 'package.json'))
  );
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** One installer at a time per cache directory (two clones may run `npm test` together). */
async function withInstallLock(paths, body) {
  fs.mkdirSync(paths.cacheDir, { recursive: true });
  const ownerFile = path.join(paths.lockDir, 'pid');
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(paths.lockDir);
      fs.writeFileSync(ownerFile, String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(ownerFile, { encoding: 'utf8', flag: 'a+' }) || 0);
      if (owner && !processAlive(owner)) {
        fs.rmSync(paths.lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new HarnessUnavailableError(`timed out waiting for the install lock ${paths.lockDir}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    return await body();
  } finally {
    fs.rmSync(paths.lockDir, { recursive: true, force: true });
  }
}

/**
 * Makes sure the harness is installed and returns its paths. Reuses a complete install of the same versions
 * (checked without network); otherwise installs what is missing. Throws HarnessUnavailableError when it cannot.
 */
export async function ensureHarness() {
  const paths = harnessPaths();
  if (isComplete(paths) && fs.existsSync(chromiumExecutable)) return paths;
  return withInstallLock(paths, async () => {
    if (isComplete(paths)) {
      ensureAptPackages({ needCodeServerBuild: false });
      return paths;
    }
    const started = Date.now();
    const logFile = path.join(paths.cacheDir, 'install.log');
    log(`installing into ${paths.cacheDir} (log: ${logFile})`);
    fs.rmSync(paths.readyStamp, { force: true });
    ensureAptPackages({ needCodeServerBuild: !fs.existsSync(paths.codeServerBin), logFile });
    if (!commandExists('npm')) throw new HarnessUnavailableError('npm is not on PATH');

    if (!fs.existsSync(paths.node24Bin)) {
      log(`npm install ${harnessVersions.node24Package} …`);
      npmInstallInto(path.join(paths.cacheDir, 'node24'), [harnessVersions.node24Package], { env: cleanNpmEnv(), logFile });
    }
    run(paths.node24Bin, ['--version'], { logFile });

    if (!fs.existsSync(paths.codeServerBin)) {
      log(`npm install ${harnessVersions.codeServer} with Node 24 (builds native modules, ~90 s) …`);
      // Node 24 first on PATH and node-gyp pointed at its headers: the machine's npmrc may name another Node's headers.
      const env = cleanNpmEnv({
        PATH: `${path.dirname(paths.node24Bin)}${path.delimiter}${process.env.PATH}`,
        npm_config_nodedir: paths.node24Home,
      });
      const ms = npmInstallInto(path.join(paths.cacheDir, 'code-server'), [harnessVersions.codeServer], { env, logFile });
      log(`code-server installed in ${(ms / 1000).toFixed(0)} s`);
    }

    if (!fs.existsSync(path.join(paths.playwrightCoreDir, 'package.json'))) {
      log(`npm install ${harnessVersions.playwrightCore} …`);
      npmInstallInto(path.join(paths.cacheDir, 'tools'), [harnessVersions.playwrightCore], {
        env: cleanNpmEnv({ PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' }),
        logFile,
      });
    }

    fs.writeFileSync(paths.readyStamp, JSON.stringify({ versions: harnessVersions, installedAt: new Date().toISOString() }, null, 2) + '\n');
    log(`ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return paths;
  });
}

/** For the runners: installs or explains exactly what is missing, and exits non-zero when it cannot. */
export async function ensureHarnessOrExit() {
  try {
    return await ensureHarness();
  } catch (error) {
    if (error instanceof HarnessUnavailableError) {
      console.error(`\nThe VS Code test harness cannot be installed: ${error.message}\n` +
        'The in-host and UI tests need it; they are not skipped. (Unit tests only: npm run test:unit)');
      process.exit(1);
    }
    throw error;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const paths = await ensureHarnessOrExit();
  console.log(paths.cacheDir);
}
