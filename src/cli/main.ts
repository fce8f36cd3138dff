import { createDefaultRegistry } from '../core/agents/builtins.js';
import { processEnvironment } from '../core/agents/environment.js';
import { runScanCommand } from './scanCommand.js';
import { runLearnCommand } from './learnCommand.js';
import { LEARN_HELP } from './learnHelp.js';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './usageError.js';
import { writeLine, type CliIO } from './output.js';

/** `headroom-learn --help`: the learn command is the default, so its help (every flag, exit codes, environment) is the main help. */
export const MAIN_HELP = LEARN_HELP;

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  const registry = createDefaultRegistry();
  const environment = processEnvironment(io.env);
  try {
    if (command === 'scan') return await runScanCommand(rest, io, registry, environment);
    if (command === '--help' || command === '-h' || command === 'help') {
      io.stdout.write(MAIN_HELP);
      return EXIT_OK;
    }
    if (command === 'learn') return await runLearnCommand(rest, io, registry, environment);
    if (command === undefined || command.startsWith('-')) return await runLearnCommand(argv, io, registry, environment);
    throw new UsageError(`Unknown command "${command}". Run "headroom-learn --help".`);
  } catch (error) {
    if (error instanceof UsageError) {
      writeLine(io.stderr, `headroom-learn: ${error.message}`);
      return EXIT_USAGE;
    }
    if (error instanceof CliError) {
      writeLine(io.stderr, `headroom-learn: ${error.message}`);
      return EXIT_FAILURE;
    }
    writeLine(io.stderr, `headroom-learn: unexpected error: ${(error as Error)?.message ?? String(error)}`);
    if (io.env.HEADROOM_DEBUG) writeLine(io.stderr, (error as Error)?.stack ?? '');
    writeLine(io.stderr, 'Set HEADROOM_DEBUG=1 for details and report it at https://github.com/headroom/headroom-learn/issues.');
    return EXIT_FAILURE;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
  );
}
