import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';

/**
 * sql.js (SQLite compiled to WebAssembly) for the agents that keep their sessions in SQLite (OpenCode, Cursor).
 * Chosen because it runs wherever Node 20 runs, the extension host of VS Code 1.90 included, with no native build
 * step (node:sqlite is not in Node 20; better-sqlite3 and sqlite3 are native addons), and it is loaded only when
 * such a database is read. esbuild copies `sql-wasm.wasm` next to the bundles (dist/), and the .vsix ships it.
 */
const WASM_FILE = 'sql-wasm.wasm';

let loading: Promise<SqlJsStatic> | undefined;

/** Where the WebAssembly binary is: beside the bundle (dist/), else in the installed sql.js package. */
function wasmCandidates(): string[] {
  const candidates = [path.join(__dirname, WASM_FILE)];
  try {
    candidates.push(require.resolve(`sql.js/dist/${WASM_FILE}`));
  } catch {
    // Not installed beside us: the bundle's copy is the only one.
  }
  return candidates;
}

async function readWasm(): Promise<Uint8Array> {
  const tried: string[] = [];
  for (const candidate of wasmCandidates()) {
    try {
      return await fs.readFile(candidate);
    } catch {
      tried.push(candidate);
    }
  }
  throw new Error(`The SQLite reader (${WASM_FILE}) is missing; looked in ${tried.join(', ')}. Reinstall headroom-learn`);
}

/** sql.js, initialised once per process on first use. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= readWasm().then((wasmBinary) => initSqlJs({ wasmBinary: wasmBinary as unknown as ArrayBuffer }));
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
