import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findMarkerPairs } from '../../../src/core/write/findMarkerPairs.js';
import { REPO, tempDir } from '../cli/cliHarness.js';

/**
 * One child process = one project's write of its tagged section into a shared file, as applyProposals does it:
 * read, plan, wait for the common start time (so every child planned from the same text), write atomically with
 * the shared file's re-plan. Prints 'wrote' or the error message.
 */
function childScript(file: string, project: string, startAt: number): string {
  const src = (p: string) => JSON.stringify(path.join(REPO, 'src', p));
  return `
    const { readTextFile } = require(${src('core/pipeline/readTextFile.ts')});
    const { planTargetEdit } = require(${src('core/write/planTargetEdit.ts')});
    const { findMarkerPairs, pairFor } = require(${src('core/write/findMarkerPairs.ts')});
    const { renderMarkerSection } = require(${src('core/write/renderMarkerSection.ts')});
    const { replanSharedSection } = require(${src('core/write/replanSharedSection.ts')});
    const { writeFileAtomically } = require(${src('cli/writeFileAtomically.ts')});
    (async () => {
      const file = ${JSON.stringify(file)};
      const project = ${JSON.stringify(project)};
      const current = await readTextFile(file);
      const pair = current === undefined ? undefined : pairFor(findMarkerPairs(current, file), project);
      const proposedSection = renderMarkerSection([{ category: 'environment', text: 'rule of ' + project }], { project, eol: '\\n' });
      const proposal = { path: file, scope: 'shared', projectTag: project, currentSection: pair ? current.slice(pair.start, pair.end) : undefined, proposedSection };
      const proposed = planTargetEdit(current, proposedSection, { file, project });
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, ${startAt} - Date.now())));
      await writeFileAtomically(file, proposed, { expectedText: current, replan: (now) => replanSharedSection(proposal, now) });
      process.stdout.write('wrote');
    })().catch((error) => process.stdout.write(String(error.message)));`;
}

function runChild(script: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  return new Promise((resolve) => child.on('close', () => resolve(out)));
}

test('20 processes write their own project section into one shared file at once: every one writes, none is lost', async () => {
  const dir = tempDir('learn-shared-');
  const file = path.join(dir, 'instructions.md');
  fs.writeFileSync(file, '# My Codex notes\n');
  const projects = Array.from({ length: 20 }, (_, i) => `/work/project-${i}`);
  const startAt = Date.now() + 8000;
  const outputs = await Promise.all(projects.map((project) => runChild(childScript(file, project, startAt))));
  assert.deepEqual(outputs, projects.map(() => 'wrote'));
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(text.startsWith('# My Codex notes\n\n'));
  assert.deepEqual(findMarkerPairs(text, file).map((pair) => pair.project).sort(), [...projects].sort());
  assert.deepEqual(fs.readdirSync(dir), ['instructions.md'], 'no lock or temporary file left behind');
});
