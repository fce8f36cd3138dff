// The `headroom-learn` command (dist/cli.js): starts the CLI bundle (dist/cliMain.js, src/cli/main.ts) from V8's
// compiled code of an earlier run instead of compiling its megabyte of JavaScript again (Node 20 has no
// module.enableCompileCache). Kept small: it is compiled at every start.
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { processEnvironment } from '../core/agents/environment.js';
import { cliCacheRoot } from '../core/scan/cache/cacheFolder.js';

/** Turns the code cache off (any value): the bundle is compiled from its source, nothing is read or written. */
export const NO_CODE_CACHE_VARIABLE = 'HEADROOM_LEARN_NO_CODE_CACHE';

/**
 * The first line of a code cache file: this layout; the second: the digest of the source it was compiled from, and
 * of the V8 data that follows (V8 checks neither: it takes any source of the same length, and data damaged on disk).
 */
const MAGIC = 'headroom-learn code cache 2\n';

interface CompiledBundle {
  /** The bundle's exports once run. */
  exports: Record<string, unknown>;
  /** Whether it ran from the kept code (not compiled from its source). */
  fromCache: boolean;
  /** Writes the compiled code for the next start, when the cache had none for this source (or V8 rejected it). */
  keep: () => void;
}

/**
 * Runs `bundle` (a CommonJS file) as require would, compiled with the code kept in `cacheFile` when that was
 * compiled from the same source by the same V8 (V8 rejects another version's or flags' data itself; the source is
 * checked here by its digest: V8 checks only its length). A cache that is missing, stale, damaged or unreadable
 * only means compiling from the source; `keep()` ignores a folder it cannot write to.
 */
export function runBundle(bundle: string, cacheFile: string | undefined): CompiledBundle {
  const bytes = fs.readFileSync(bundle);
  // The bundle is ASCII (esbuild.mjs): read as latin1, the same string without decoding UTF-8.
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const sourceDigest = cacheFile ? sha256(bytes) : '';
  const cachedData = cacheFile ? readCache(cacheFile, sourceDigest) : undefined;
  // The wrapper require puts around a CommonJS module (the bundle has no shebang: this file carries it).
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, {
    filename: bundle,
    cachedData,
  });
  const module = { exports: {} as Record<string, unknown>, filename: bundle, id: bundle, loaded: false };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  module.loaded = true;
  const stale = cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected === true);
  return {
    exports: module.exports,
    fromCache: cachedData !== undefined && script.cachedDataRejected === false,
    keep: () => {
      if (stale) writeCache(cacheFile, sourceDigest, script);
    },
  };
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The V8 data kept for the source of `sourceDigest`, whole; else undefined. */
function readCache(cacheFile: string, sourceDigest: string): Buffer | undefined {
  let file: Buffer;
  try {
    file = fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const prefix = `${MAGIC}${sourceDigest} `;
  const headerEnd = prefix.length + 64 + 1;
  if (file.length <= headerEnd || file.toString('latin1', 0, prefix.length) !== prefix) return undefined;
  const data = file.subarray(headerEnd);
  return file.toString('latin1', prefix.length, headerEnd) === `${sha256(data)}\n` ? data : undefined;
}

/** Writes the code compiled so far, atomically; a failure is ignored. */
function writeCache(cacheFile: string, sourceDigest: string, script: vm.Script): void {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    const data = script.createCachedData();
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    fs.writeFileSync(temporary, Buffer.concat([Buffer.from(`${MAGIC}${sourceDigest} ${sha256(data)}\n`, 'latin1'), data]));
    fs.renameSync(temporary, cacheFile);
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // nothing was written
    }
  }
}

/** Where the CLI keeps its compiled code: `code-cache/` in its cache root (cliCacheRoot); undefined when turned off. */
export function codeCacheFile(env: NodeJS.ProcessEnv): string | undefined {
  if (env[NO_CODE_CACHE_VARIABLE]) return undefined;
  const environment = processEnvironment(env);
  return path.join(cliCacheRoot(environment.env, environment.home), 'code-cache', 'cliMain.bin');
}

if (require.main === module) {
  const bundle = path.join(__dirname, 'cliMain.js');
  const { exports, keep } = runBundle(bundle, codeCacheFile(process.env));
  // Kept as compiled by the bundle's start, whichever command this is: the data of the functions a long run compiled
  // later would cost more to read back at every start than it saves.
  keep();
  // import() does not work in code node:vm compiled (Node 20 wants --experimental-vm-modules): plugin packages are imported from here.
  (exports as { runAsProcess: (host: { importModule: (url: string) => Promise<unknown> }) => void }).runAsProcess({ importModule: (url) => import(url) });
}
