import type { CorrectionKind } from '../model/finding.js';

/**
 * How a later call relates to an earlier failed one:
 * - a correction of some kind (same intent, changed input, and it worked);
 * - 'retry': the same call again (or the same target reached another way) — the failure was
 *   transient or fixed elsewhere, so it is not a correction and the search stops;
 * - undefined: a different intent, keep looking.
 */
export type IntentMatch = { kind: CorrectionKind; from: string; to: string } | 'retry' | undefined;
