import { promises as fs } from 'node:fs';
import { CliError } from './usageError.js';

/** True when the path is an existing folder. */
export async function isFolder(projectPath: string): Promise<boolean> {
  try {
    return (await fs.stat(projectPath)).isDirectory();
  } catch {
    return false;
  }
}

/** `--project` must name an existing folder: otherwise one clear line and exit code 1. */
export async function assertProjectFolder(projectPath: string): Promise<void> {
  try {
    const stat = await fs.stat(projectPath);
    if (!stat.isDirectory()) throw new CliError(`--project ${projectPath} is a file, not a folder. Pass the project's folder.`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`Project folder ${projectPath} does not exist. Pass an existing folder with --project.`);
  }
}
