// Shared helpers for the end-to-end CLI tests: a fake io for main(), an environment in which no
// LLM can be reached, the demo home materialised for a copy of the demo project, tree hashes.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../../src/cli/main.js';

export const REPO = path.resolve(__dirname, '../../..');

/** Temp folders made here, removed when the test process exits. */
const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
const DEMO_PROJECT = path.join(REPO, 'examples', 'demo', 'project');

interface DemoHomeModule {
  materializeDemoHome(o: { targetHome: string; projectPath?: string }): Promise<{ claudeProjectDir: string; files: string[] }>;
}

async function demoHomeModule(): Promise<DemoHomeModule> {
  return (await import(path.join(REPO, 'scripts', 'demoHome.mjs'))) as DemoHomeModule;
}

/**
 * An environment with no API key, no HEADROOM_LEARN_CLI and an empty folder as the only PATH
 * entry, so the backend selection can only choose offline and nothing real is ever called. The scan
 * cache goes to a temp folder of its own (XDG_CACHE_HOME), outside the fixture trees the tests hash.
 */
export function safeEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  const emptyBin = tempDir('learn-empty-bin-');
  return { HOME: home, NO_COLOR: '1', PATH: emptyBin, XDG_CACHE_HOME: tempDir('learn-cache-'), ...extra };
}

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(argv: string[], env: Record<string, string>, cwd = env.HOME): Promise<CliRun> {
  for (const key of ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'GEMINI_API_KEY']) {
    if (key in env) throw new Error(`test environment must not set ${key}: no test may reach a real API`);
  }
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await main(argv, { stdout, stderr, env, cwd });
  return { code, out, err };
}

export interface DemoFixture {
  root: string;
  home: string;
  project: string;
  claudeProjectDir: string;
}

/** A temp root with a copy of the demo project and the demo home (all three agents) materialised for it. */
export async function demoFixture(projectName = 'shop'): Promise<DemoFixture> {
  const root = tempDir('learn-e2e-');
  const home = path.join(root, 'home');
  const project = path.join(root, projectName);
  fs.cpSync(DEMO_PROJECT, project, { recursive: true });
  const { materializeDemoHome } = await demoHomeModule();
  const made = await materializeDemoHome({ targetHome: home, projectPath: project });
  return { root, home, project, claudeProjectDir: path.join(home, '.claude', 'projects', made.claudeProjectDir) };
}

/**
 * Adds a second project (another copy of the demo project) to a fixture's home: its Claude Code
 * folder and its Codex rollouts (under another date folder), so both projects share
 * ~/.codex/instructions.md.
 */
export async function addSecondProject(fixture: DemoFixture, name: string): Promise<string> {
  const project = path.join(fixture.root, name);
  fs.cpSync(DEMO_PROJECT, project, { recursive: true });
  const otherHome = fs.mkdtempSync(path.join(os.tmpdir(), 'learn-e2e-other-home-'));
  const { materializeDemoHome } = await demoHomeModule();
  const made = await materializeDemoHome({ targetHome: otherHome, projectPath: project });
  fs.cpSync(path.join(otherHome, '.claude', 'projects', made.claudeProjectDir), path.join(fixture.home, '.claude', 'projects', made.claudeProjectDir), {
    recursive: true,
  });
  fs.cpSync(path.join(otherHome, '.codex', 'sessions', '2026'), path.join(fixture.home, '.codex', 'sessions', '2025'), { recursive: true });
  fs.rmSync(otherHome, { recursive: true, force: true });
  return project;
}

/** sha256 over every file's relative path, mode and bytes, and every folder, under `dir`. */
export function hashTree(dir: string): string {
  const hash = createHash('sha256');
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(current, entry.name);
      const rel = path.relative(dir, full);
      if (entry.isDirectory()) {
        hash.update(`d ${rel}\n`);
        walk(full);
      } else {
        hash.update(`f ${rel} ${fs.statSync(full).mode}\n`);
        hash.update(fs.readFileSync(full));
      }
    }
  };
  walk(dir);
  return hash.digest('hex');
}

/**
 * The unified diffs printed by a dry run (NO_COLOR), keyed by file: each block runs from its
 * `--- ` line to the blank line printDiff ends it with.
 */
export function printedDiffs(out: string): Map<string, string> {
  const blocks = new Map<string, string>();
  const lines = out.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('--- ') || !lines[i + 1]?.startsWith('+++ ')) continue;
    const file = lines[i + 1].slice(4);
    const block: string[] = [];
    for (let j = i; j < lines.length && lines[j] !== ''; j++) block.push(lines[j]);
    blocks.set(file, `${block.join('\n')}\n`);
  }
  return blocks;
}
