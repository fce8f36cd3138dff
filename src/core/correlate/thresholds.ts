/**
 * Every number the correlation and the findings depend on, in one place.
 * Each has a unit test on both sides of it (test/unit/correlate/thresholds.test.ts).
 */

/** How many calls after a failure are searched for the call that fixed it (the 10 calls that follow). */
export const CORRECTION_WINDOW_CALLS = 10;

/** Two file names are "near" when their edit distance is at most max(this, longer length / divisor)… */
export const BASENAME_MIN_EDIT_DISTANCE = 2;
/** …so a 12-character name tolerates 4 edits, an 8-character one 2. */
export const BASENAME_EDIT_DISTANCE_DIVISOR = 3;

/** Same program (after normalising launchers): share at least this fraction (Jaccard) of their arguments. */
export const SAME_PROGRAM_ARGS_OVERLAP_MIN = 0.5;
/** Different programs: share at least this fraction (Jaccard) of all their tokens. */
export const COMMAND_TOKEN_OVERLAP_MIN = 0.6;

/** A finding needs this many occurrences… */
export const MIN_OCCURRENCES = 2;
/** …or this many when the user said it in their own words (rejection feedback). */
export const MIN_OCCURRENCES_USER_STATED = 1;
/**
 * …and it must have happened in this many sessions: within one session it is one episode (one stuck
 * moment, one task), however many calls it took. The user's own words are enough on their own.
 */
export const MIN_SESSIONS = 2;

/** Different wrong paths in one missing folder, all found in one other folder, that make one folder rule instead of per-file rules. */
export const FOLDER_RULE_MIN_WRONG_PATHS = 2;

/** A gate rule names at most this many of the checks that failed most (`goconst`, `errcheck`, `ireturn`). */
export const GATE_CHECKS_SHOWN = 3;

/** A command the user rejected without stating a preference is a preference only when rejected in this many sessions. */
export const PREFERENCE_MIN_SESSIONS = 2;

/** Consecutive failures of the same call that make a retry streak. */
export const RETRY_STREAK_MIN = 3;

/** Rough size of a token, for the waste estimate. */
export const BYTES_PER_TOKEN = 4;

/** At most this many of the user's own quotes are kept per finding, each cut to the length below. */
export const USER_WORDS_MAX = 3;
export const USER_WORDS_MAX_CHARS = 200;

/** A search pattern counts as corrected (not a new search) within max(this, longer length / divisor) edits. */
export const SEARCH_PATTERN_MIN_EDIT_DISTANCE = 2;
export const SEARCH_PATTERN_EDIT_DISTANCE_DIVISOR = 3;
