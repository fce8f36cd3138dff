import { createDefaultRegistry } from '../core/agents/builtins.js';
import { processEnvironment } from '../core/agents/environment.js';
import { runScanCommand } from './scanCommand.js';
import { runLearnCommand } from './learnCommand.js';
import { runEvalCommand } from './evalCommand.js';
import { runCacheCommand } from './cacheCommand.js';
import { LEARN_HELP } from './learnHelp.js';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './usageError.js';
import { terminalSafeStream, writeLine, type CliIO } from './output.js';
import { loadPluginPackages, takePluginOptions } from './pluginPackages.js';
import { boundHeapGrowth } from './streamingHeap.js';
import { cliVersion } from './version.js';

/** `headroom-learn --help`: the learn command is the default, so its help (every flag, exit codes, environment) is the main help. */
export const MAIN_HELP = LEARN_HELP;

/** Exit code of a run stopped by Ctrl-C (128 + SIGINT), as shells expect. */
export const EXIT_INTERRUPTED = 130;

/** What the process that runs main() provides beyond its io. */
export interface CliHost {
  /** import() of plugin packages (PluginSearch.importModule). */
  importModule?: (url: string) => Promise<unknown>;
}

export async function main(argv: string[], rawIo: CliIO, host: CliHost = {}): Promise<number> {
  // Every byte headroom-learn prints goes through terminalSafe: no escape sequence from a session or a file reaches the terminal.
  const io: CliIO = { ...rawIo, stdout: terminalSafeStream(rawIo.stdout, rawIo.env), stderr: terminalSafeStream(rawIo.stderr, rawIo.env) };
  const registry = createDefaultRegistry();
  const environment = processEnvironment(io.env);
  try {
    const { named, rest: args } = takePluginOptions(argv);
    const [command, ...rest] = args;
    if (command === '--version' || command === '-v') {
      writeLine(io.stdout, `headroom-learn ${cliVersion()}`);
      return EXIT_OK;
    }
    if (command !== '--help' && command !== '-h' && command !== 'help') {
      const search = { cliDir: __dirname, named, cwd: io.cwd, env: io.env, execPath: process.execPath, platform: process.platform, importModule: host.importModule };
      const loaded = await loadPluginPackages(search, registry, (message, reported) => {
        // A failure the scan's reporter has is listed with the scan's problems; the others (detect, targets) are printed here.
        if (!reported) writeLine(io.stderr, `headroom-learn: ${message}`);
      });
      for (const warning of loaded.warnings) writeLine(io.stderr, `headroom-learn: ${warning}`);
    }
    if (command === 'scan') return await runScanCommand(rest, io, registry, environment);
    if (command === '--help' || command === '-h' || command === 'help') {
      io.stdout.write(MAIN_HELP);
      return EXIT_OK;
    }
    if (command === 'eval') return await runEvalCommand(rest, io, registry, environment);
    if (command === 'cache') return await runCacheCommand(rest, io, environment);
    if (command === 'learn') return await runLearnCommand(rest, io, registry, environment);
    if (command === undefined || command.startsWith('-')) return await runLearnCommand(args, io, registry, environment);
    throw new UsageError(`Unknown command "${command}". Run "headroom-learn --help".`);
  } catch (error) {
    if (io.signal?.aborted) {
      writeLine(io.stderr, 'headroom-learn: stopped by the user before the run finished.');
      return EXIT_INTERRUPTED;
    }
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

/** Exit code of a run stopped by SIGTERM (128 + 15). */
export const EXIT_TERMINATED = 143;

/** How long a stopped run may take to wind down (close files, end agent CLIs) before the process exits anyway. */
const STOP_GRACE_MS = 1500;

/**
 * The process around main(): Ctrl-C or SIGTERM stops the run (the signal aborts every read, request and agent
 * CLI) and exits 130 or 143 with "stopped", within STOP_GRACE_MS even if something does not wind down; a second
 * Ctrl-C exits at once. Output closed early (piped to `head`) is not an error: the rest is dropped quietly. The
 * heap is bounded for a streaming workload (streamingHeap.ts).
 */
export function runAsProcess(host: CliHost = {}): void {
  boundHeapGrowth([...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)]);
  const controller = new AbortController();
  let stopCode = EXIT_INTERRUPTED;
  const stop = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(stopCode);
    stopCode = signal === 'SIGTERM' ? EXIT_TERMINATED : EXIT_INTERRUPTED;
    process.stderr.write('\nheadroom-learn: stopping (press Ctrl-C again to quit at once) …\n');
    controller.abort(new Error('Stopped by the user.'));
    setTimeout(() => {
      process.stderr.write('headroom-learn: stopped.\n');
      process.exit(stopCode);
    }, STOP_GRACE_MS).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  for (const stream of [process.stdout, process.stderr]) stream.on('error', ignoreClosedOutput);
  const io = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), signal: controller.signal };
  void main(process.argv.slice(2), io, host).then((code) => {
    // An aborted run exits now: a read or agent CLI that is still winding down must not keep the process alive.
    if (controller.signal.aborted) process.exit(stopCode);
    process.exitCode = code;
  });
}

/** EPIPE (the reader, e.g. `head`, is gone) and writes after it: nothing more can be shown, so nothing to report. */
function ignoreClosedOutput(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
  throw error;
}

if (require.main === module) runAsProcess();
