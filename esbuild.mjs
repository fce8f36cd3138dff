// Bundles the entry points: the VS Code extension (CommonJS, `vscode` external), its scan worker,
// its webview scripts, and the command-line tool (`headroom-learn`, with a shebang).
import { copyFileSync, mkdirSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** A digest of src/core's sources: the scan cache parses again whatever an older build parsed (src/core/scan/cache/coreBuild.ts). */
function coreBuild() {
  const hash = createHash('sha256');
  const files = readdirSync('src/core', { recursive: true }).map(String).filter((file) => file.endsWith('.ts')).sort();
  for (const file of files) hash.update(file).update(readFileSync(path.join('src/core', file)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * zod's `locales` namespace holds the error messages of ~50 languages (about a third of zod in a bundle, parsed at
 * every start); headroom never picks one (zod uses English by default), so its index is replaced by English alone.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`) ? { path: path.join(path.dirname(args.importer), args.path), namespace: 'zod-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(path.dirname(args.path), 'en.js'))};`,
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};

/**
 * Escapes every non-ASCII character of the output (\\uXXXX; two for one outside the BMP). esbuild escapes those of
 * strings, not those of comments and regular expression literals, and one is enough for V8 to hold the whole
 * bundle as a two-byte string: reading, compiling and running the CLI bundle then took ~20 ms more at every start.
 * An escape means the same character in a comment, a string, a template's cooked text and a regular expression
 * (also one built from String.raw, as in failingChecks.ts); it would differ only in the raw text of a tagged
 * template used as text. Source map columns after an escape on the same line move by 5 (comments, mostly).
 */
const asciiOnly = {
  name: 'ascii-only',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length > 0) return;
      const file = build.initialOptions.outfile;
      const text = readFileSync(file, 'utf8');
      const escaped = text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      if (escaped !== text) writeFileSync(file, escaped);
    });
  },
};

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { HEADROOM_CORE_BUILD: JSON.stringify(coreBuild()), HEADROOM_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  plugins: [zodEnglishOnly],
};

// The LLM SDKs are bundles of their own (dist/sdk/*.js), required on an SDK backend's first request
// (src/core/analyze/llm/backends/loadSdk.ts): starting the CLI or the extension never parses them.
const SDKS = ['@anthropic-ai/sdk', 'openai', '@google/genai'];

const builds = [
  // The extension's entry: only what VS Code needs at activation (src/extension/extension.ts); the rest is the main
  // bundle, required on first need (a command, a virtual document, a diff panel to restore, a plugin registration).
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/extension/extensionMain.ts'], outfile: 'dist/extensionMain.js', external: ['vscode', ...SDKS] },
  // The command (package.json bin): a small file that runs the CLI bundle from V8's code cache (src/cli/bin.ts).
  { ...common, entryPoints: ['src/cli/bin.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cliMain.js', external: SDKS, plugins: [...common.plugins, asciiOnly] },
  // Scan/correlate/analyze off the extension host's main thread (src/extension/learn/runInWorker.ts).
  { ...common, entryPoints: ['src/extension/learn/scanWorker.ts'], outfile: 'dist/scanWorker.js', external: SDKS },
  { ...common, entryPoints: ['src/core/analyze/llm/sdk/anthropicSdk.ts'], outfile: 'dist/sdk/anthropic.js' },
  { ...common, entryPoints: ['src/core/analyze/llm/sdk/openaiSdk.ts'], outfile: 'dist/sdk/openai.js' },
  { ...common, entryPoints: ['src/core/analyze/llm/sdk/genaiSdk.mts'], outfile: 'dist/sdk/genai.js' },
  // Session files parsed on worker threads, by the CLI and by the scan worker (src/core/scan/parallel/).
  { ...common, entryPoints: ['src/core/scan/parallel/parseWorker.ts'], outfile: 'dist/parseWorker.js' },
  // Webview page scripts: browser bundles loaded by nonce from media/dist (no Node, no vscode).
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['src/webview/diff/diff.ts'], outfile: 'media/dist/diff.js' },
  // Webview page script of the stats dashboard: a browser bundle loaded by nonce from media/dist.
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['src/webview/stats/stats.ts'], outfile: 'media/dist/stats.js' },
];

// sql.js's WebAssembly SQLite (src/core/logs/sqlite/loadSqlJs.ts) is read at run time from beside the bundles.
mkdirSync('dist', { recursive: true });
copyFileSync('node_modules/sql.js/dist/sql-wasm.wasm', 'dist/sql-wasm.wasm');

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('esbuild: watching src/ for changes');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
