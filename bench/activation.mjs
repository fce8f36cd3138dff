// Measures the extension's activation outside VS Code: loads dist/extension.js with a stand-in `vscode` module
// (every API a no-op, bench/vscodeStandIn.mjs) and calls activate(). Prints {"loadMs", "activateMs", "bundles"}
// as JSON (`bundles`: the files of dist/ required by then). What VS Code adds on top (its own extension host work)
// is not in it; what the bundle costs at start-up is.
//   node bench/activation.mjs DIST_EXTENSION_JS
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { installVscodeStandIn, requiredFilesIn, standInContext } from './vscodeStandIn.mjs';

const requireCjs = createRequire(import.meta.url);
installVscodeStandIn();
const context = standInContext(import.meta.dirname);

const started = process.hrtime.bigint();
const extension = requireCjs(process.argv[2]);
const loaded = process.hrtime.bigint();
let activateError;
try {
  extension.activate(context);
} catch (error) {
  activateError = String(error && error.message ? error.message : error);
}
const activated = process.hrtime.bigint();
const bundles = requiredFilesIn(path.dirname(path.resolve(process.argv[2])), requireCjs.cache);
console.log(JSON.stringify({ loadMs: Number(loaded - started) / 1e6, activateMs: Number(activated - loaded) / 1e6, activateError, bundles }));
