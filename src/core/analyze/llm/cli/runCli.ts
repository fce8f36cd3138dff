import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LlmError } from '../llmError.js';

/** Longest stdout or stderr kept from a CLI run. */
const MAX_CLI_OUTPUT_BYTES = 8 * 1024 * 1024;
/** Time between asking a CLI to stop and killing it. */
const KILL_GRACE_MS = 2_000;

export interface CliRunOptions {
  /** Backend name for errors, e.g. "claude-cli". */
  backend: string;
  /** Absolute path of the executable. */
  executable: string;
  args: readonly string[];
  stdin: string;
  /** The whole environment the CLI gets; nothing is inherited implicitly. */
  env: Readonly<Record<string, string | undefined>>;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Folder in which the fresh working directory is made (default: the OS temp folder). */
  tempRoot?: string;
  platform?: NodeJS.Platform;
}

export interface CliRunResult {
  exitCode: number | null;
  /** The signal that ended the process, if one did. */
  exitSignal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The fresh working directory the CLI ran in (already removed). */
  cwd: string;
}

/**
 * Runs an agent CLI once: prompt on stdin, in a fresh empty temporary directory (never the user's
 * repository, whose settings or hooks could run commands), with the given environment only.
 * Stopped (its whole process group) on timeout or cancel; the directory is removed afterwards.
 */
export async function runCli(options: CliRunOptions): Promise<CliRunResult> {
  const platform = options.platform ?? process.platform;
  const name = path.basename(options.executable);
  if (options.signal?.aborted) throw cancelled(options.backend, name);
  const cwd = mkdtempSync(path.join(options.tempRoot ?? os.tmpdir(), 'headroom-learn-'));
  try {
    return await spawnAndCollect(options, cwd, platform, name);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

function spawnAndCollect(options: CliRunOptions, cwd: string, platform: NodeJS.Platform, name: string): Promise<CliRunResult> {
  return new Promise((resolve, reject) => {
    const needsShell = platform === 'win32' && /\.(cmd|bat)$/i.test(options.executable);
    const child = spawn(needsShell ? `"${options.executable}"` : options.executable, [...options.args].map((arg) => (needsShell ? quoteForCmd(arg) : arg)), {
      cwd,
      env: definedEntries(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: platform !== 'win32',
      shell: needsShell,
      windowsHide: true,
    });
    const stdout = new BoundedText(MAX_CLI_OUTPUT_BYTES);
    const stderr = new BoundedText(MAX_CLI_OUTPUT_BYTES);
    child.stdout.on('data', (chunk: Buffer) => stdout.add(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.add(chunk));
    child.stdin.on('error', () => {
      // The CLI may exit before reading all of stdin; its exit status tells what happened.
    });

    let stoppedBecause: 'timeout' | 'cancel' | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = (why: 'timeout' | 'cancel') => {
      if (stoppedBecause) return;
      stoppedBecause = why;
      signalTree(child.pid, 'SIGTERM', platform, () => child.kill('SIGTERM'));
      killTimer = setTimeout(() => signalTree(child.pid, 'SIGKILL', platform, () => child.kill('SIGKILL')), KILL_GRACE_MS);
      killTimer.unref();
    };
    const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
    const onAbort = () => stop('cancel');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const cleanUp = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };

    child.on('error', (error: NodeJS.ErrnoException) => {
      cleanUp();
      if (killTimer) clearTimeout(killTimer);
      const kind = error.code === 'ENOENT' || error.code === 'EACCES' ? 'cli_not_found' : 'cli_failed';
      reject(new LlmError(kind, `Could not start ${name} (${error.code ?? error.message}).`, { backend: options.backend, cause: error }));
    });
    child.on('close', (exitCode, exitSignal) => {
      cleanUp();
      if (killTimer) clearTimeout(killTimer);
      if (stoppedBecause === 'cancel') return reject(cancelled(options.backend, name));
      if (stoppedBecause === 'timeout') {
        return reject(
          new LlmError('timeout', `${name} did not answer within ${Math.round(options.timeoutMs / 1000)} s and was stopped.`, {
            backend: options.backend,
          }),
        );
      }
      resolve({ exitCode, exitSignal, stdout: stdout.text(), stderr: stderr.text(), cwd });
    });
    child.stdin.end(options.stdin);
  });
}

function cancelled(backend: string, name: string): LlmError {
  return new LlmError('cancelled', `${name} was cancelled.`, { backend });
}

/** On POSIX the CLI leads its own process group, so its children stop with it. */
function signalTree(pid: number | undefined, signal: NodeJS.Signals, platform: NodeJS.Platform, fallback: () => void): void {
  if (pid === undefined) return;
  if (platform === 'win32') return fallback();
  try {
    process.kill(-pid, signal);
  } catch {
    fallback();
  }
}

function definedEntries(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** cmd.exe quoting for the fixed flags we pass (the prompt goes on stdin, never on the command line). */
function quoteForCmd(arg: string): string {
  return arg === '' ? '""' : /[\s"&|<>^]/.test(arg) ? `"${arg.replace(/"/g, '""')}"` : arg;
}

class BoundedText {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly limit: number) {}
  add(chunk: Buffer): void {
    if (this.size >= this.limit) return;
    const kept = chunk.subarray(0, this.limit - this.size);
    this.chunks.push(kept);
    this.size += kept.length;
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
