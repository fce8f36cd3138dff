// The LLM SDKs ship as bundles of their own (dist/sdk/*.js, esbuild.mjs), required on a backend's first request.
// Built here with the same options into a folder that has no node_modules anywhere above it that holds the SDKs,
// so a request that reaches the provider proves the CLI found and loaded the SDK's own bundle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { demoFixture, REPO, safeEnv } from './cliHarness.js';
import { startProviderServer } from '../analyze/llm/support/providerServer.js';

const SDKS = ['@anthropic-ai/sdk', 'openai', '@google/genai'];

async function buildShippedLayout(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-sdk-bundles-'));
  const common = { bundle: true, platform: 'node' as const, target: 'node20', format: 'cjs' as const, logLevel: 'warning' as const };
  await Promise.all([
    esbuild.build({ ...common, entryPoints: [path.join(REPO, 'src/cli/main.ts')], outfile: path.join(dir, 'cli.js'), external: SDKS }),
    esbuild.build({ ...common, entryPoints: [path.join(REPO, 'src/core/analyze/llm/sdk/anthropicSdk.ts')], outfile: path.join(dir, 'sdk/anthropic.js') }),
    esbuild.build({ ...common, entryPoints: [path.join(REPO, 'src/core/analyze/llm/sdk/openaiSdk.ts')], outfile: path.join(dir, 'sdk/openai.js') }),
    esbuild.build({ ...common, entryPoints: [path.join(REPO, 'src/core/analyze/llm/sdk/genaiSdk.mts')], outfile: path.join(dir, 'sdk/genai.js') }),
  ]);
  return dir;
}

function runNode(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env, cwd });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const providers = [
  { model: 'claude-sonnet-5-5', key: 'ANTHROPIC_API_KEY', baseUrl: 'ANTHROPIC_BASE_URL', path: /^\/v1\/messages/ },
  { model: 'gpt-5.4', key: 'OPENAI_API_KEY', baseUrl: 'OPENAI_BASE_URL', path: /^\/v1\/chat\/completions|^\/chat\/completions/ },
  { model: 'gemini-flash-latest', key: 'GEMINI_API_KEY', baseUrl: 'GOOGLE_GEMINI_BASE_URL', path: /generateContent/ },
];

test('the shipped layout: cli.js without the SDKs inside reaches each provider through dist/sdk/<name>.js', async () => {
  const dir = await buildShippedLayout();
  assert.ok(fs.statSync(path.join(dir, 'cli.js')).size < 3_000_000, 'cli.js holds no SDK');
  const fx = await demoFixture();
  for (const provider of providers) {
    const server = await startProviderServer([{ status: 401, body: { type: 'error', error: { type: 'authentication_error', message: 'invalid key' } } }]);
    try {
      const env = { ...safeEnv(fx.home), [provider.key]: 'test-key-not-real-0123456789', [provider.baseUrl]: provider.baseUrl === 'OPENAI_BASE_URL' ? `${server.url}/v1` : server.url };
      const run = await runNode([path.join(dir, 'cli.js'), '--project', fx.project, '--model', provider.model], env, fx.project);
      assert.equal(server.requests.length >= 1, true, `${provider.model}: the provider got a request (${run.err})`);
      assert.match(server.requests[0].path, provider.path);
      assert.doesNotMatch(run.err, /Cannot find module|ERR_MODULE_NOT_FOUND|\n\s+at /, `${provider.model}: no missing module, no stack trace`);
      assert.equal(run.code, 1, `${provider.model}: a refused key is a failure`);
    } finally {
      await server.close();
    }
  }
});
