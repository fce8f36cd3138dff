import { commandShape } from '../normaliseLauncher.js';
import { memoizedByText } from '../memoizedByText.js';

/** The first argument that is not a flag or a flag's value: `--filter @shop/web typecheck` → typecheck. */
function firstOperand(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('-')) return arg;
    if (!arg.includes('=') && args[i + 1] !== undefined && !args[i + 1].startsWith('-')) i++;
  }
  return undefined;
}

/**
 * Task runners whose subcommand only says "run a task": the task is what the command does
 * (`mise run test:ci` and `mise run fmt` are different kinds of command; the user who rejects one may run the other daily).
 */
const TASK_VERBS: Readonly<Record<string, string>> = { mise: 'run', rtx: 'run', cargo: 'make', deno: 'task', pixi: 'run', hatch: 'run' };

/**
 * The "kind" of a command, for grouping rejections and denials: the program (as typed for package
 * managers) and its subcommand when it has one: `gradle build`, `git push`, `npm publish`, `rm`; for task
 * runners, the task too: `mise run test:ci` (unless `withTask: false`: a sandbox denies the runner, whatever the task).
 */
export function commandSubject(command: string, options: { withTask?: boolean } = {}): string {
  return options.withTask === false ? subjectWithoutTask(command) : subjectWithTask(command);
}

const subjectWithTask = memoizedByText((command) => subjectOf(command, true));
const subjectWithoutTask = memoizedByText((command) => subjectOf(command, false));

function subjectOf(command: string, withTask: boolean): string {
  const shape = commandShape(command);
  const launcherWords = shape.launcher.split(' ');
  const program = shape.program === 'node-pm' ? launcherWords[launcherWords.length - 1] : shape.program;
  const sub = firstOperand(shape.args);
  const isSubcommand = sub !== undefined && /^[a-z][a-z0-9:-]*$/.test(sub);
  if (!isSubcommand) return program;
  if (withTask && TASK_VERBS[program] === sub) {
    const task = firstOperand(shape.args.slice(shape.args.indexOf(sub) + 1));
    if (task !== undefined && /^[\w][\w:.-]*$/.test(task)) return `${program} ${sub} ${task}`;
  }
  return `${program} ${sub}`;
}
