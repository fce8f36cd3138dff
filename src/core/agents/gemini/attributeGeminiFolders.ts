import * as path from 'node:path';
import type { AgentEnvironment, ScanReporter } from '../plugin.js';
import { listDir } from '../fsWalk.js';
import { normaliseProjectPath } from '../projectPaths.js';
import { geminiTmpDir, isPlainFolderName } from './geminiLocations.js';
import { geminiProjectHashCandidates, isGeminiProjectHash } from './geminiProjectId.js';
import { readGeminiProjectRegistry, readProjectRootMarker } from './geminiProjectRegistry.js';
import { projectFromRecordedPaths } from './geminiRecordedPaths.js';
import type { GeminiParseLimits } from './parseGeminiSession.js';

interface AttributedFolder {
  folder: string;
  projectPath: string;
}

export interface FolderAttribution {
  attributed: AttributedFolder[];
  /** Folders no record names: sha256 folders of paths nothing else mentions (a hash cannot be reversed). */
  unattributed: string[];
}

/**
 * Maps every `tmp/<id>` folder to the project path it belongs to, for `--all`:
 * its `.project_root` (best), else the path `projects.json` maps to its name, else — for a
 * sha256 name — a known path whose hash is the name: from those two sources, from `knownPaths`
 * (every other agent's projects, the editor's open folders), then from the absolute paths the
 * folder's own sessions recorded and their parent folders. Anything else stays unattributed;
 * nothing is guessed from folder names.
 */
export async function attributeGeminiFolders(
  environment: AgentEnvironment,
  reporter: ScanReporter,
  knownPaths: readonly string[],
  limits: GeminiParseLimits,
): Promise<FolderAttribution> {
  const tmp = geminiTmpDir(environment);
  const registry = await readGeminiProjectRegistry(environment, reporter);
  const pathsBySlug = new Map<string, string[]>();
  for (const { projectPath, slug } of registry) {
    if (isPlainFolderName(slug)) pathsBySlug.set(slug, [...(pathsBySlug.get(slug) ?? []), projectPath]);
  }

  const folders: Array<{ name: string; folder: string; marker?: string }> = [];
  for (const entry of await listDir(tmp, reporter)) {
    if (!entry.isDirectory()) continue;
    const folder = path.join(tmp, entry.name);
    folders.push({ name: entry.name, folder, marker: await readProjectRootMarker(folder, reporter) });
  }

  const pathsByHash = new Map<string, string>();
  const candidates = [...registry.map((r) => r.projectPath), ...folders.flatMap((f) => (f.marker ? [f.marker] : [])), ...knownPaths];
  for (const known of candidates) {
    for (const hash of geminiProjectHashCandidates(known)) if (!pathsByHash.has(hash)) pathsByHash.set(hash, known);
  }

  const attribution: FolderAttribution = { attributed: [], unattributed: [] };
  for (const { name, folder, marker } of folders) {
    const hashed = isGeminiProjectHash(name);
    const projectPath =
      marker ??
      singleProjectPath(pathsBySlug.get(name)) ??
      (hashed ? (pathsByHash.get(name) ?? (await projectFromRecordedPaths(folder, reporter, limits))) : undefined);
    if (projectPath !== undefined) attribution.attributed.push({ folder, projectPath });
    else attribution.unattributed.push(folder);
  }
  return attribution;
}

/** The one project path a slug maps to; a slug claimed by two different paths attributes nothing. */
function singleProjectPath(paths: string[] | undefined): string | undefined {
  if (!paths || paths.length === 0) return undefined;
  const distinct = new Set(paths.map(normaliseProjectPath));
  return distinct.size === 1 ? paths[0] : undefined;
}
