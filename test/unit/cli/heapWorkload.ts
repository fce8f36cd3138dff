// A scan in miniature, run in its own process by streamingHeap.test.ts: sessions of records built one after the
// other with asynchronous turns between them (a scan awaits its reads), each kept until the next is complete.
// Prints the largest young and old generations seen. Argument "bound": boundHeapGrowth first, as the CLI does.
import { getHeapSpaceStatistics } from 'node:v8';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { boundHeapGrowth } from '../../../src/cli/streamingHeap.js';

async function run(): Promise<void> {
  const tuning = process.argv[2] === 'bound' ? boundHeapGrowth([]) : 'default';
  let youngMb = 0;
  let oldMb = 0;
  let session: object[] = [];
  for (let n = 0; n < 60; n++) {
    const next: object[] = [];
    for (let r = 0; r < 20_000; r++) {
      next.push({ text: `${'x'.repeat(200)}${n}:${r}`, at: r, tags: [n, r] });
      if (r % 1000 === 0) await nextTurn();
    }
    session = next;
    for (const space of getHeapSpaceStatistics()) {
      if (space.space_name === 'new_space') youngMb = Math.max(youngMb, space.space_size / 1048576);
      if (space.space_name === 'old_space') oldMb = Math.max(oldMb, space.space_size / 1048576);
    }
  }
  process.stdout.write(JSON.stringify({ tuning, kept: session.length, youngMb, oldMb }));
}

void run();
