import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';

export interface PathLookupEnvironment {
  env: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
}

/**
 * The full path of an executable found on the environment's PATH (with PATHEXT on Windows),
 * or undefined. Reads PATH from the given environment, not from process.env.
 */
export function findOnPath(name: string, { env, platform = process.platform }: PathLookupEnvironment): string | undefined {
  const pathValue = env.PATH ?? env.Path ?? '';
  const delimiter = platform === 'win32' ? ';' : ':';
  const extensions = platform === 'win32' ? (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean) : [''];
  for (const dir of pathValue.split(delimiter)) {
    if (!dir) continue;
    for (const extension of extensions) {
      const candidate = path.join(dir, name + extension);
      if (isExecutableFile(candidate, platform)) return candidate;
    }
  }
  return undefined;
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
