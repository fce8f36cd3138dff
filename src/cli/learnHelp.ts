import { DEFAULT_RETIRE_AFTER_DAYS } from '../core/lifecycle/ruleLifecycle.js';
import { DEFAULT_RULE_CAPS, MAX_RULE_CAP } from '../core/write/ruleCaps.js';

const LEARN_USAGE =
  'Usage: headroom-learn [--project PATH | --all] [--apply] [--agent NAME] [--plugin NAME|PATH] [--model TEXT] [--memory-file auto|project] [--min-occurrences N] [--retire-after-days N] [--retire] [--max-rules-context N] [--max-rules-memory N] [--explain] [--no-cache] [--json]';

export const LEARN_HELP = `${LEARN_USAGE}
       headroom-learn scan [--project PATH | --all] [--agent NAME] [--no-cache] [--json]
       headroom-learn eval [--project PATH | --all] [--split 0.7] [--model TEXT] [--min-occurrences N] [--no-cache] [--json]
       headroom-learn cache clear | info
       headroom-learn --version

Reads the project's past agent sessions, pairs every failed tool call with the call that fixed it,
turns the repeated ones into rules, and shows the change to each file the agents read at start-up
as a unified diff (dry run: nothing is written). --apply writes the changes.

The learnings are facts about the project, so every agent that has sessions for it gets all of
them, in its own files:
  Claude Code  CLAUDE.md (project root) and MEMORY.md (Claude's auto-memory folder for the project,
               <claude root>/projects/<encoded path>/memory/MEMORY.md; --memory-file project: project root)
  Codex CLI    AGENTS.md (project root) and instructions.md in the Codex home (shared by all projects:
               each project owns its own tagged section there)
  Gemini CLI   GEMINI.md (project root)
Only the section between <!-- headroom:learn:start --> and <!-- headroom:learn:end --> is changed;
everything else in the file is kept byte for byte.

Options:
  --project PATH        Project folder (default: the current directory)
  --all                 Every project any agent has sessions for (progress on stderr); projects
                        whose folder no longer exists are reported and skipped
  --apply               Write the changes (default: dry run). Each file is replaced atomically; a file
                        that changed since it was read is refused (run again), the others are written
  --agent NAME          auto (every agent with sessions, default), or one agent: claude, codex, gemini,
                        vscode-chat, cline, roo, codebuddy, grok, opencode, cursor, or a plugin's name
  --plugin NAME|PATH    Load an agent plugin package (repeatable); headroom-learn-plugin-* packages beside
                        headroom-learn or in npm's global folder are loaded without it
  --model TEXT          The analyzer: a model name (claude-…, gpt-…/o3-…, gemini-…, or prefixed
                        anthropic/, openai/, gemini/), claude-cli, gemini-cli, codex-cli, or offline.
                        Default: an API key, then HEADROOM_LEARN_CLI, then the first of claude, gemini,
                        codex on PATH, else offline (templates, nothing leaves the machine)
  --memory-file WHERE   auto (default): Claude Code's own MEMORY.md; project: MEMORY.md at the project root
  --min-occurrences N   Times a pattern must be seen before it becomes a rule (default 2; once is
                        enough when the user said it in their own words)
  --retire-after-days N A rule headroom wrote more than N days ago (default ${DEFAULT_RETIRE_AFTER_DAYS}) whose situation has not
                        occurred since is listed as a candidate to retire ("retire? …" in the summary)
  --retire              Remove those candidates from the sections (with --apply); without it they are
                        only listed. Rules written earlier also show how often their failure recurred
  --max-rules-context N At most N rules in each context file: CLAUDE.md, AGENTS.md, GEMINI.md (default
                        ${DEFAULT_RULE_CAPS.context}, up to ${MAX_RULE_CAP}). Rules are ranked strongest first (later failures the backtest
                        shows them preventing, sessions seen, recency, tokens wasted); the rest are listed
                        as "not proposed: over the cap of N for FILE"
  --max-rules-memory N  At most N rules in each memory file: MEMORY.md, instructions.md (default ${DEFAULT_RULE_CAPS.memory})
  --explain             Show why each proposed rule was proposed: the thresholds it passed, its backtest
                        figure and its evidence as episodes (the failed call and its error, the calls in
                        between, the call that worked, the user's words, each with file:line), and every
                        candidate that was not proposed with its reason (secrets redacted)
  --no-cache            Parse every session log afresh and ask the model afresh, without the cache (see
                        "cache" below: the logs' parsed calls, each project's findings, the model's answers)
  --json                Print the result as JSON (shape documented in README.md), with a "proposals"
                        entry per file and, with --apply, "written"
  -h, --help            Show this help

Commands:
  learn                 The same as no command
  scan                  Count sessions, tool calls and failures per agent, without analysing them
  eval                  Backtest: learn from the older sessions, count the later failures the rules
                        would have covered (headroom-learn eval --help)
  cache clear           Empty the cache, where each session log's parsed calls, each project's findings
                        and the model's answers are kept: the next run reads only the logs that changed,
                        and an unchanged project's findings and rules come back at once (cache --help)

Exit codes:
  0  success, including "nothing to learn" and "up to date"
  1  failure: a file could not be read or written (an unreadable session file: --apply writes nothing),
     a file refused (a link leading outside the project, a FIFO, an encoding it cannot keep), broken
     markers, a file changed before writing, the analysis failed, the project folder does not exist
  2  bad usage: an unknown flag, --agent or --model, a --max-rules-… that is not a whole number from
     1 to ${MAX_RULE_CAP}, or both --project and --all
  130  stopped with Ctrl-C, 143 with SIGTERM (LLM requests and agent CLIs are cancelled; a second
       Ctrl-C quits at once)

Environment:
  CLAUDE_CONFIG_DIR     Claude Code's folder (default ~/.claude)
  CODEX_HOME            Codex CLI's folder (default ~/.codex)
  GEMINI_CLI_HOME       The folder holding Gemini CLI's .gemini (default ~)
  HEADROOM_VSCODE_USER_DIRS
                        More VS Code User folders to read chat sessions from (code-server, portable installs)
  CODEBUDDY_CONFIG_DIR  CodeBuddy Code's folder (default ~/.codebuddy)
  GROK_HOME             Grok CLI's folder (default ~/.grok)
  ANTHROPIC_API_KEY, OPENAI_API_KEY, GEMINI_API_KEY
                        API keys; the first one set picks the analyzer when there is no --model
  HEADROOM_LEARN_CLI    claude, gemini or codex: analyze with that agent's CLI (subscription, no key)
  ANTHROPIC_BASE_URL, OPENAI_BASE_URL, GOOGLE_GEMINI_BASE_URL
                        Send API requests through a gateway or proxy
  HEADROOM_LEARN_STATE_DIR
                        Where headroom remembers the rules it wrote (default $XDG_STATE_HOME/headroom-learn
                        or ~/.local/state/headroom-learn; shared with the VS Code extension)
  HEADROOM_LEARN_CACHE_DIR
                        The scan cache's folder (default $XDG_CACHE_HOME/headroom-learn or
                        ~/.cache/headroom-learn)
  HEADROOM_LEARN_NO_CODE_CACHE
                        Set: compile headroom-learn afresh at every start (by default V8's compiled code is
                        kept in code-cache/ in the cache folder)
  NO_COLOR              Plain output without colours (colours are used only on a terminal)
  HEADROOM_DEBUG        Print stack traces of unexpected errors

Examples:
  headroom-learn                              dry run for the current folder
  headroom-learn --project ~/shop --apply     write the learnings for ~/shop
  headroom-learn --all --apply                every project with sessions
  headroom-learn --model offline --json       no LLM, JSON out
`;
