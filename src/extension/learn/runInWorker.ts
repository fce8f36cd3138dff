import { Worker } from 'node:worker_threads';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { ProjectFindings } from '../../core/pipeline/findFindings.js';
import type { AnalyzerChosenMessage, LearnRequest, ProgressMessage, ProjectLearnResult, WorkerToHost } from './workerProtocol.js';

/** The run was cancelled by the user; the worker is gone. */
export class LearnCancelledError extends Error {
  override readonly name = 'LearnCancelledError';
  constructor() {
    super('Learn was cancelled.');
  }
}

/** The worker reported a failure. `userFacing` errors (e.g. a model setting that cannot be honoured) are shown as they are. */
export class LearnWorkerError extends Error {
  override readonly name = 'LearnWorkerError';
  constructor(
    message: string,
    readonly userFacing: boolean,
    readonly workerStack?: string,
    /** The chosen LLM failed (not a setting, not a file). */
    readonly analyzerFailed = false,
  ) {
    super(message);
  }
}

export interface WorkerRunOptions {
  /** dist/scanWorker.js inside the installed extension. */
  workerScript: string;
  token: vscode.CancellationToken;
  onProgress: (progress: ProgressMessage) => void;
  /** The worker chose its analyzer (before scanning): which backend and why. */
  onAnalyzer?: (chosen: AnalyzerChosenMessage) => void;
  /** A line the worker asks to be logged. */
  onLog?: (message: string) => void;
  /** Variables added to the worker's environment (this window's own VS Code chat storage). */
  extraEnv?: Readonly<Record<string, string>>;
}

let running = 0;
let started = 0;
/** Scan workers alive now (a cancelled run's worker is gone once this drops). */
export function liveScanWorkers(): number {
  return running;
}
/** Scan workers started since activation (a run refused before scanning starts none). */
export function startedScanWorkers(): number {
  return started;
}

/**
 * The scan worker's young generation (V8's default grows it to 48 MB: three times a 16 MB semi-space). A scan keeps
 * one session at a time alive, so a small one costs no time: measured (scripts/measure-second-learn.mjs with these
 * limits, the largest project of the 500 MB bench history), a first Learn peaked at 191-195 MB of process RSS
 * against 207-215 MB with V8's default, in 2.3-2.6 s against 2.6-2.7 s. The old generation keeps V8's default: a
 * bound there would end a Learn on a large session with an out-of-memory error. scripts/measure-second-learn.mjs
 * starts its workers with the same limits.
 */
const SCAN_WORKER_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 12 };

/** How long a cancelled worker gets to abort cleanly (kill CLI children through its signal) before it is terminated. */
const ABORT_GRACE_MS = 300;

/** What the worker did: learned every project, or (`deferToHost`) stopped after the findings for the host to analyse. */
export type WorkerOutcome = { readonly stage: 'learned'; readonly projects: ProjectLearnResult[] } | { readonly stage: 'found'; readonly projects: ProjectFindings[] };

/**
 * Runs one Learn request in a new worker thread and resolves with its result. Cancelling the token aborts the
 * worker's signal (CLI backends kill their children) and then terminates the thread, which also drops any
 * LLM request in flight. The worker inherits this process's environment.
 */
export function runLearnInWorker(request: LearnRequest, options: WorkerRunOptions): Promise<WorkerOutcome> {
  return new Promise((resolve, reject) => {
    if (options.token.isCancellationRequested) {
      reject(new LearnCancelledError());
      return;
    }
    // The request (with any API keys from SecretStorage) goes in the start message below, not in argv or env.
    const worker = new Worker(path.resolve(options.workerScript), { env: { ...process.env, ...options.extraEnv }, resourceLimits: SCAN_WORKER_RESOURCE_LIMITS });
    running++;
    started++;
    worker.once('exit', () => running--);
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      cancellation.dispose();
      action();
    };
    const cancellation = options.token.onCancellationRequested(() => {
      finish(() => reject(new LearnCancelledError()));
      worker.postMessage({ type: 'abort' });
      setTimeout(() => void worker.terminate(), ABORT_GRACE_MS);
    });
    worker.on('message', (message: WorkerToHost) => {
      if (settled) return;
      if (message.type === 'progress') options.onProgress(message);
      else if (message.type === 'analyzer') options.onAnalyzer?.(message);
      else if (message.type === 'log') options.onLog?.(message.message);
      else if (message.type === 'result') finish(() => resolve({ stage: 'learned', projects: message.projects }));
      else if (message.type === 'findings') finish(() => resolve({ stage: 'found', projects: message.projects }));
      else if (message.type === 'error') {
        finish(() => reject(new LearnWorkerError(message.message, message.userFacing, message.stack, message.analyzerFailed ?? false)));
      }
      if (settled) void worker.terminate();
    });
    worker.on('error', (error) => finish(() => reject(new LearnWorkerError(error.message, false, error.stack))));
    worker.on('exit', (code) => finish(() => reject(new LearnWorkerError(`The scan worker stopped (exit code ${code}) before it finished.`, false))));
    worker.postMessage(request);
  });
}
