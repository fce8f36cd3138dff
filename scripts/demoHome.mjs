// Materialises the demo agent data (examples/demo/home, written as templates) into a real HOME
// folder for one absolute project path. Used by scripts/demo.mjs and by the unit tests.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export const DEMO_ROOT = path.resolve(import.meta.dirname, '..', 'examples', 'demo');
export const DEMO_TEMPLATE_HOME = path.join(DEMO_ROOT, 'home');
export const DEMO_PROJECT = path.join(DEMO_ROOT, 'project');

export const PLACEHOLDERS = Object.freeze({
  project: '__DEMO_PROJECT__',
  claudeDir: '__CLAUDE_PROJECT_DIR__',
  geminiId: '__GEMINI_PROJECT_ID__',
});

/** Claude Code's project folder name: every character outside A-Za-z0-9 becomes '-'. */
export function claudeProjectDirName(projectPath) {
  const encoded = projectPath.replace(/[^A-Za-z0-9]/g, '-');
  if (encoded.length <= 200) return encoded;
  return `${encoded.slice(0, 200)}-${createHash('sha256').update(projectPath).digest('hex').slice(0, 8)}`;
}

/** Gemini CLI's project id (<= v0.28 folder name, and projectHash in every version): sha256 hex of the path. */
export function geminiProjectHash(projectPath) {
  return createHash('sha256').update(projectPath).digest('hex');
}

function replaceAllPlaceholders(text, values, jsonSafe) {
  const project = jsonSafe ? JSON.stringify(values.project).slice(1, -1) : values.project;
  return text
    .replaceAll(PLACEHOLDERS.project, project)
    .replaceAll(PLACEHOLDERS.claudeDir, values.claudeDir)
    .replaceAll(PLACEHOLDERS.geminiId, values.geminiId);
}

/**
 * Copies the template home into `targetHome` (created if missing), replacing the placeholders
 * in folder names and file contents. Returns what it wrote.
 * @param {{ targetHome: string, projectPath?: string, templateHome?: string }} options
 */
export async function materializeDemoHome({ targetHome, projectPath = DEMO_PROJECT, templateHome = DEMO_TEMPLATE_HOME }) {
  if (!path.isAbsolute(projectPath)) throw new Error(`projectPath must be absolute: ${projectPath}`);
  const values = { project: projectPath, claudeDir: claudeProjectDirName(projectPath), geminiId: geminiProjectHash(projectPath) };
  const files = [];
  async function copy(fromDir, toDir) {
    await fs.mkdir(toDir, { recursive: true });
    for (const entry of await fs.readdir(fromDir, { withFileTypes: true })) {
      const from = path.join(fromDir, entry.name);
      const to = path.join(toDir, replaceAllPlaceholders(entry.name, values, false));
      if (entry.isDirectory()) {
        await copy(from, to);
      } else if (entry.isFile()) {
        const jsonSafe = /\.jsonl?$/.test(entry.name);
        await fs.writeFile(to, replaceAllPlaceholders(await fs.readFile(from, 'utf8'), values, jsonSafe));
        files.push(to);
      }
    }
  }
  await copy(templateHome, targetHome);
  return { home: targetHome, projectPath, claudeProjectDir: values.claudeDir, geminiProjectHash: values.geminiId, files: files.sort() };
}
