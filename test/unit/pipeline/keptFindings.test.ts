// A second learn of a project whose logs did not change (src/core/pipeline/keptFindings.ts): its findings come from
// the project cache without reading a log, and are what reading the logs gives; anything they depend on that
// changed (a log, a file they asked about, the written rules) makes the learn read the logs again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createDefaultRegistry } from '../../../src/core/agents/builtins.js';
import { processEnvironment } from '../../../src/core/agents/environment.js';
import type { AgentPlugin } from '../../../src/core/agents/plugin.js';
import { learnProject } from '../../../src/core/pipeline/learnProject.js';
import { SessionCache } from '../../../src/core/scan/cache/sessionCache.js';
import { ruleTextKey } from '../../../src/core/write/mergeRules.js';
import { demoFixture, safeEnv, tempDir } from '../cli/cliHarness.js';

/** The built-in plugins with every log read counted. */
function countingPlugins(): { plugins: AgentPlugin[]; reads: () => number } {
  let reads = 0;
  const plugins = createDefaultRegistry()
    .all()
    .map((inner) => {
      const resumable = inner.resumable;
      return Object.assign(Object.create(inner) as AgentPlugin, {
        parse: (...args: Parameters<AgentPlugin['parse']>) => {
          reads += 1;
          return inner.parse(...args);
        },
        resumable: resumable && {
          parseFrom: (...args: Parameters<typeof resumable.parseFrom>) => {
            reads += 1;
            return resumable.parseFrom(...args);
          },
        },
      });
    });
  return { plugins, reads: () => reads };
}

/** What a user sees of a learn: everything in it, as JSON. */
function seen(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

async function fixture() {
  const fx = await demoFixture();
  const cacheRoot = tempDir('findings-cache-');
  const learn = async (extra: Partial<Parameters<typeof learnProject>[0]> = {}, cached = true) => {
    const counted = countingPlugins();
    let worked = false;
    const result = await learnProject({
      projectPath: fx.project,
      plugins: counted.plugins,
      environment: processEnvironment(safeEnv(fx.home)),
      cache: cached ? new SessionCache(cacheRoot) : undefined,
      onProgress: (progress) => {
        worked ||= progress.phase === 'correlate';
      },
      ...extra,
    });
    // reads: logs parsed (the per-log cache serves unchanged ones); worked: the findings were worked out from the logs.
    return { result, reads: counted.reads(), worked };
  };
  return { fx, cacheRoot, learn };
}

test('a second learn of an unchanged project reads no log and proposes exactly what reading them proposes', async () => {
  const { learn } = await fixture();
  const first = await learn();
  assert.ok(first.reads > 0);
  assert.ok(first.result.findings.length > 0 && first.result.proposals.length > 0);
  const second = await learn();
  assert.equal(second.reads, 0, 'no log read');
  assert.equal(second.worked, false, 'nothing correlated');
  assert.deepStrictEqual(second.result, first.result, 'the same data, to the last key (no key left undefined on one side)');
  assert.deepStrictEqual(second.result, (await learn({}, false)).result, 'the same as with no cache');
});

test('a log that grew, or a project file the findings asked about that changed, makes the learn read the logs again', async () => {
  const { fx, cacheRoot, learn } = await fixture();
  await learn();
  const [name] = fs.readdirSync(path.join(cacheRoot, 'project-cache'));
  const kept = JSON.parse(fs.readFileSync(path.join(cacheRoot, 'project-cache', name!), 'utf8')) as { payload: string };
  const answers = (JSON.parse(kept.payload) as { answers: { exists: Array<[string, boolean]> } }).answers;
  const missing = answers.exists.find(([, exists]) => !exists);
  assert.ok(missing, 'the demo findings ask about a path that does not exist');
  const created = path.resolve(fx.project, missing[0]);
  fs.mkdirSync(path.dirname(created), { recursive: true });
  fs.writeFileSync(created, 'now it exists\n');
  const afterFile = await learn();
  assert.ok(afterFile.worked, 'the answer changed: the findings are worked out again');
  assert.deepEqual(seen(afterFile.result), seen((await learn({}, false)).result));

  const claudeLog = fs.readdirSync(fx.claudeProjectDir).find((file) => file.endsWith('.jsonl'))!;
  const log = path.join(fx.claudeProjectDir, claudeLog);
  fs.appendFileSync(log, '\n');
  const later = new Date(fs.statSync(log).mtimeMs + 5000);
  fs.utimesSync(log, later, later);
  const grown = await learn();
  assert.ok(grown.worked && grown.reads === 1, 'a log changed: it alone is read, and the findings worked out again');
  assert.equal((await learn()).worked, false, 'and then they are kept again');
});

test('a written rule’s age is worked out at each learn; other written rules make the learn read the logs again', async () => {
  const { fx, learn } = await fixture();
  const text = '**Python**: run scripts with `uv run python`';
  fs.writeFileSync(
    path.join(fx.project, 'CLAUDE.md'),
    `<!-- headroom:learn:start -->\n## Headroom Learned Patterns\n*Auto-generated by \`headroom learn\` — do not edit manually*\n\n### Environment\n- ${text}\n<!-- headroom:learn:end -->\n`,
  );
  const writtenRules = [{ textKey: ruleTextKey(text), category: 'environment' as const, text, firstWritten: '2026-01-01T00:00:00.000Z', findings: [] }];
  const early = await learn({ writtenRules, now: new Date('2026-01-10T00:00:00Z') });
  assert.ok(early.worked);
  assert.equal(early.result.lifecycle?.[0]?.ageDays, 9);
  assert.equal(early.result.lifecycle?.[0]?.retire, undefined);
  const late = await learn({ writtenRules, now: new Date('2026-03-01T00:00:00Z') });
  assert.equal(late.worked, false, 'the same rules: kept findings');
  assert.equal(late.result.lifecycle?.[0]?.ageDays, 59);
  assert.match(late.result.lifecycle?.[0]?.retire ?? '', /no matching situation in 59 days/);
  const other = await learn({ writtenRules: [{ ...writtenRules[0]!, firstWritten: '2026-01-05T00:00:00.000Z' }], now: new Date('2026-03-01T00:00:00Z') });
  assert.ok(other.worked, 'another written rule: worked out again');
  assert.equal(other.result.lifecycle?.[0]?.ageDays, 55);
});
