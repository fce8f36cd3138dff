import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint, type Linter } from 'eslint';

/** The project's own eslint.config.mjs, applied to code that is not on disk. */
const REPO = path.resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: REPO });

async function lint(code: string, filePath: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO, filePath) });
  assert.ok(result, `ESLint linted ${filePath}`);
  return result.messages;
}

const ruleIds = (messages: readonly Linter.LintMessage[]): Array<string | null> => messages.map((m) => m.ruleId);

const usesVscode = "import * as vscode from 'vscode';\n\nexport const version: string = vscode.version;\n";

test('importing vscode in src/core fails the lint with the restricted-import message', async () => {
  const messages = await lint(usesVscode, 'src/core/x.ts');
  const restricted = messages.filter((m) => m.ruleId === 'no-restricted-imports');
  assert.equal(restricted.length, 1, JSON.stringify(messages));
  assert.match(restricted[0]!.message, /'vscode' import is restricted/);
  assert.match(restricted[0]!.message, /no VS Code API/);
  assert.equal(restricted[0]!.severity, 2);
});

test('the same import in src/extension passes', async () => {
  assert.deepEqual(await lint(usesVscode, 'src/extension/x.ts'), []);
});

test('vscode is kept out of the CLI, and vscode and Node built-ins out of webview pages', async () => {
  assert.deepEqual(ruleIds(await lint(usesVscode, 'src/cli/x.ts')), ['no-restricted-imports']);
  assert.deepEqual(ruleIds(await lint(usesVscode, 'src/webview/diff/x.ts')), ['no-restricted-imports']);
  const usesFs = "import * as fs from 'node:fs';\n\nexport const exists = fs.existsSync;\n";
  assert.deepEqual(ruleIds(await lint(usesFs, 'src/webview/stats/x.ts')), ['no-restricted-imports']);
  assert.deepEqual(await lint(usesFs, 'src/core/x.ts'), []);
});

test('a relative import without .js is reported, in import, export-from and dynamic import', async () => {
  const code = [
    "import { a } from './a';",
    "export { b } from '../b.ts';",
    "export const c = () => import('./c');",
    "import { d } from './d.js';",
    'export const ad = [a, d];',
    '',
  ].join('\n');
  const messages = (await lint(code, 'src/core/scan/x.ts')).filter((m) => m.ruleId === 'headroom/relative-import-js');
  assert.deepEqual(
    messages.map((m) => m.line),
    [1, 2, 3],
  );
  assert.match(messages[0]!.message, /'\.\/a' must end in '\.js'/);
});

test('src/core may not reach src/extension or src/cli, but a folder named cli inside core is fine', async () => {
  const code = "import { x } from '../../extension/services.js';\nimport { y } from '../../cli/main.js';\nimport { z } from './llm/cli/runCli.js';\nexport const all = [x, y, z];\n";
  const messages = await lint(code, 'src/core/analyze/x.ts');
  assert.deepEqual(ruleIds(messages), ['headroom/layers', 'headroom/layers']);
  assert.deepEqual(
    messages.map((m) => m.line),
    [1, 2],
  );
});

test('the layers inside core: the model imports nothing else, agents do not import scanning or analysis', async () => {
  const fromModel = "import type { AgentTarget } from '../agents/plugin.js';\nexport type T = AgentTarget;\n";
  const [model] = await lint(fromModel, 'src/core/model/x.ts');
  assert.equal(model?.ruleId, 'headroom/layers');
  assert.match(model!.message, /the model is the bottom layer/);
  const fromAgent = "import { scanProject } from '../../scan/scanProject.js';\nimport { readJsonLines } from '../../logs/readJsonLines.js';\nexport const f = [scanProject, readJsonLines];\n";
  const agent = await lint(fromAgent, 'src/core/agents/claude/x.ts');
  assert.deepEqual(
    agent.map((m) => [m.ruleId, m.line]),
    [['headroom/layers', 1]],
  );
  const fromCorrelate = "import { OfflineAnalyzer } from '../analyze/offline/offlineAnalyzer.js';\nexport const a = OfflineAnalyzer;\n";
  assert.deepEqual(ruleIds(await lint(fromCorrelate, 'src/core/correlate/x.ts')), ['headroom/layers']);
});

test('functions over 80 lines in src are reported', async () => {
  const body = Array.from({ length: 81 }, (_, i) => `  total += ${i};`).join('\n');
  const code = `export function long(): number {\n  let total = 0;\n${body}\n  return total;\n}\n`;
  assert.deepEqual(ruleIds(await lint(code, 'src/core/x.ts')), ['max-lines-per-function']);
});
