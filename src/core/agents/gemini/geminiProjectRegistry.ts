import * as path from 'node:path';
import type { AgentEnvironment, ScanReporter } from '../plugin.js';
import { describeFsError } from '../fsWalk.js';
import { geminiProjectRegistryPath, PROJECT_ROOT_MARKER } from './geminiLocations.js';
import { geminiProjectRegistrySchema } from './geminiRecordSchemas.js';
import { readRegularTextFile } from '../../logs/regularFile.js';

/** `projects.json` as pairs of recorded project path and slug (paths lower-cased by Gemini on Windows). */
export interface RegisteredProject {
  projectPath: string;
  slug: string;
}

/** Reads `projects.json`; missing → none; unreadable or malformed → reported, none. */
export async function readGeminiProjectRegistry(environment: AgentEnvironment, reporter: ScanReporter): Promise<RegisteredProject[]> {
  const file = geminiProjectRegistryPath(environment);
  const text = await readOptionalText(file, reporter);
  if (text === undefined) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    reporter.warn(`Gemini CLI project registry ${file} is not valid JSON; ignored (sessions are still found by .project_root and sha256).`);
    return [];
  }
  const registry = geminiProjectRegistrySchema.safeParse(value);
  if (!registry.success) {
    reporter.warn(`Gemini CLI project registry ${file} has no "projects" map of path to folder name; ignored.`);
    return [];
  }
  return Object.entries(registry.data.projects).map(([projectPath, slug]) => ({ projectPath, slug }));
}

/** The project path in `<folder>/.project_root` (trimmed), or undefined when there is none. */
export async function readProjectRootMarker(folder: string, reporter: ScanReporter): Promise<string | undefined> {
  const text = await readOptionalText(path.join(folder, PROJECT_ROOT_MARKER), reporter);
  const projectPath = text?.trim();
  return projectPath ? projectPath : undefined;
}

async function readOptionalText(file: string, reporter: ScanReporter): Promise<string | undefined> {
  try {
    return await readRegularTextFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    reporter.warn(`Cannot read ${file}: ${describeFsError(error)}; skipped.`);
    return undefined;
  }
}
