import * as path from 'node:path';
import type { AgentEnvironment, ScanReporter } from '../plugin.js';
import { isDirectory, listDir } from '../fsWalk.js';
import { sameProjectPath } from '../projectPaths.js';
import { geminiTmpDir, isPlainFolderName } from './geminiLocations.js';
import { geminiProjectHashCandidates } from './geminiProjectId.js';
import { readGeminiProjectRegistry, readProjectRootMarker } from './geminiProjectRegistry.js';

/**
 * The `tmp/<id>` folders that hold one project's Gemini sessions, best source first:
 *
 * 1. slug folders whose `.project_root` holds this project's path (Gemini's own marker);
 * 2. the slug `projects.json` maps this path to, when that folder has no marker
 *    (a marker naming another project means the slug was taken over: not ours);
 * 3. `tmp/<sha256 of the path>` (exact hash, Gemini ≤ 0.28) when it exists.
 *
 * Folder names are never decoded or guessed from: every candidate is computed from the path.
 */
export async function findGeminiProjectFolders(projectPath: string, environment: AgentEnvironment, reporter: ScanReporter): Promise<string[]> {
  const tmp = geminiTmpDir(environment);
  const folders: string[] = [];
  const add = (folder: string): void => {
    if (!folders.includes(folder)) folders.push(folder);
  };

  for (const entry of await listDir(tmp, reporter)) {
    if (!entry.isDirectory()) continue;
    const marker = await readProjectRootMarker(path.join(tmp, entry.name), reporter);
    if (marker !== undefined && sameProjectPath(marker, projectPath)) add(path.join(tmp, entry.name));
  }

  for (const { projectPath: registered, slug } of await readGeminiProjectRegistry(environment, reporter)) {
    if (!sameProjectPath(registered, projectPath) || !isPlainFolderName(slug)) continue;
    const folder = path.join(tmp, slug);
    if (!(await isDirectory(folder))) continue;
    const marker = await readProjectRootMarker(folder, reporter);
    if (marker === undefined || sameProjectPath(marker, projectPath)) add(folder);
  }

  for (const hash of geminiProjectHashCandidates(projectPath)) {
    const folder = path.join(tmp, hash);
    if (await isDirectory(folder)) add(folder);
  }
  return folders;
}

