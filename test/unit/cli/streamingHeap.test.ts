// The CLI bounds V8's heap for its streaming work (src/cli/streamingHeap.ts): the young generation stops at its
// cap and the old one grows 2× past what is alive, where V8's defaults keep ~100 MB of released sessions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { boundHeapGrowth, YOUNG_GENERATION_CAP_BYTES } from '../../../src/cli/streamingHeap.js';
import { REPO } from './cliHarness.js';

interface HeapPeaks {
  tuning: string;
  kept: number;
  youngMb: number;
  oldMb: number;
}

function workload(mode: 'bound' | 'default'): HeapPeaks {
  const script = path.join(REPO, 'test', 'unit', 'cli', 'heapWorkload.ts');
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', script, mode], { cwd: REPO, env, encoding: 'utf8' })) as HeapPeaks;
}

test('a scan-like run keeps a young generation at the cap and an old one near what it keeps alive', () => {
  const bound = workload('bound');
  const unbound = workload('default');
  assert.equal(bound.tuning, 'bounded');
  assert.equal(bound.kept, 20_000);
  const capMb = YOUNG_GENERATION_CAP_BYTES / 1048576;
  assert.ok(bound.youngMb <= capMb, `young generation ${bound.youngMb} MB, cap ${capMb} MB`);
  // Without the bound, V8 grows both further on the same run: the test can fail.
  assert.ok(unbound.youngMb > capMb, `V8's default young generation: ${unbound.youngMb} MB`);
  assert.ok(bound.oldMb < unbound.oldMb * 0.75, `old generation ${bound.oldMb} MB bound, ${unbound.oldMb} MB default`);
});

test('a heap the user sized with node options is left as they set it', () => {
  for (const options of [['--max-old-space-size=4096'], ['--max_semi_space_size=2'], ['--inspect', '--heap-growing-percent=30']]) {
    assert.equal(boundHeapGrowth(options), 'left as the user set it', options.join(' '));
  }
});
