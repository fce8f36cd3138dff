import { readFileSync } from 'node:fs';
import * as path from 'node:path';

declare const HEADROOM_VERSION: string | undefined;

/**
 * The version of headroom-learn, from package.json: set by the bundler (esbuild.mjs); read from the file when run
 * unbundled (tests run src/ with tsx, two folders below it).
 */
export function cliVersion(): string {
  if (typeof HEADROOM_VERSION === 'string') return HEADROOM_VERSION;
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}
