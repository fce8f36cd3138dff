import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * Young generation (new_space as V8 counts it) at which it stops growing. V8's default lets it grow to 32 MB; a
 * scan's survivors are one session's records. Measured on the 500 MB bench history, a cap of 8 MB took no longer
 * than one of 16 MB, which kept 25-30 MB more resident.
 */
export const YOUNG_GENERATION_CAP_BYTES = 8 * 1024 * 1024;

/**
 * How much the old generation may grow past what a full collection left alive, in percent. V8's own factor
 * reaches 4× when the program allocates fast, as a scan does: it keeps ~100 MB of sessions already released.
 * 100 (2×) measured best on the bench history: 50 saved 8 MB more for twice the collection time.
 */
const OLD_GENERATION_GROWTH_PERCENT = 100;

/** Node options that size V8's heap: whoever set one chose the heap themselves, and it is left as they chose. */
const HEAP_SIZE_OPTION = /--(?:max|min)[-_]semi[-_]space[-_]size|--max[-_]old[-_]space[-_]size|--max[-_]heap[-_]size|--heap[-_]growing[-_]percent|--semi[-_]space[-_]growth[-_]factor/;

/** What boundHeapGrowth did: tuned the heap, or left it because the user sized it (`NODE_OPTIONS` or node's flags). */
export type HeapTuning = 'bounded' | 'left as the user set it';

/**
 * Peak memory that does not follow the allocation rate: a scan reads hundreds of MB but keeps one session at a
 * time, and V8's default heuristics, tuned for throughput, let the heap grow to ~190 MB on the bench history
 * (105-118 MB with this, for 5-10% more time). Only the CLI calls it, once, for its own process: the
 * extension runs inside VS Code's extension host, whose process-wide flags are not ours to change (its scan
 * worker's young generation is bounded with resourceLimits instead: runInWorker.ts).
 *
 * The two V8 flags are heuristics read at each collection (growth factors), so setting them after start takes
 * effect; the sizes node takes at start (--max-semi-space-size) cannot be changed later. The young generation
 * grows as V8 grows it until it reaches YOUNG_GENERATION_CAP_BYTES, then stops growing.
 */
export function boundHeapGrowth(nodeOptions: readonly string[]): HeapTuning {
  if (nodeOptions.some((option) => HEAP_SIZE_OPTION.test(option))) return 'left as the user set it';
  setFlagsFromString(`--heap-growing-percent=${OLD_GENERATION_GROWTH_PERCENT}`);
  if (youngGenerationBytes() >= YOUNG_GENERATION_CAP_BYTES) {
    setFlagsFromString('--semi-space-growth-factor=1');
    return 'bounded';
  }
  // V8's own growth (2× a step) up to the cap; checked after each collection, a step cannot overshoot it by much.
  const observer = new PerformanceObserver(() => {
    if (youngGenerationBytes() < YOUNG_GENERATION_CAP_BYTES) return;
    setFlagsFromString('--semi-space-growth-factor=1');
    observer.disconnect();
  });
  observer.observe({ entryTypes: ['gc'] });
  return 'bounded';
}

function youngGenerationBytes(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}
