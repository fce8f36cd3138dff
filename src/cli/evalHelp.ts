const EVAL_USAGE = 'Usage: headroom-learn eval [--project PATH | --all] [--split 0.7] [--model TEXT] [--min-occurrences N] [--plugin NAME|PATH] [--no-cache] [--json]';

export const EVAL_HELP = `${EVAL_USAGE}

Backtest: do the learnings help? Orders the project's sessions by start time (checkpoint and resume
copies of a session count once), learns rules from the first share of them as "learn" would, then
replays the later sessions' failures against those rules and counts the failures a rule covers
(exact per-category definitions, see README.md), the output tokens they cost, and the rules that
never matched. Reads only; nothing is written.

Options:
  --project PATH        Project folder (default: the current directory)
  --all                 Every project any agent has sessions for
  --split SHARE         Share of the sessions to learn from, between 0 and 1 (default 0.7)
  --model TEXT          The analyzer, as for learn (default: the same selection as learn)
  --min-occurrences N   Times a pattern must be seen before it becomes a rule (default 2)
  --plugin NAME|PATH    Load an agent plugin package (repeatable), as for learn
  --no-cache            Parse every session log afresh, without the scan cache
  --json                Print the result as JSON (shape documented in README.md)
  -h, --help            Show this help

Exit codes: 0 success (also nothing to replay), 1 failure (e.g. the analysis failed),
2 bad usage (e.g. --split outside (0, 1)), 130 stopped with Ctrl-C.
`;
