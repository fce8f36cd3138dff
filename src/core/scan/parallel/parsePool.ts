import { Worker } from 'node:worker_threads';
import type { ParsedSession, SessionFile } from '../../agents/plugin.js';
import { rebuildParseError, type ParseReply, type ParseRequest } from './parseMessages.js';
import type { SessionFigures } from '../sessionFigures.js';

interface ParseTask {
  request: ParseRequest;
  signal?: AbortSignal;
  resolve(parsed: ParsedSession | SessionFigures): void;
  reject(error: unknown): void;
}

interface PoolThread {
  worker: Worker;
  task?: ParseTask;
}

/**
 * Worker threads that parse session files with the built-in agent plugins (parseWorker.ts), started on first use
 * and kept for the next scan. Idle threads do not keep the process alive (unref), busy ones do. A cancelled parse
 * ends its thread (it may be deep in a large file); a thread that dies fails its file and is replaced on demand.
 */
export class ParsePool {
  private readonly threads: PoolThread[] = [];
  private readonly queue: ParseTask[] = [];
  private nextId = 1;

  constructor(
    private readonly script: string,
    readonly size: number,
  ) {}

  parse(agent: string, file: SessionFile, signal?: AbortSignal): Promise<ParsedSession> {
    return this.request({ id: this.nextId++, agent, file }, signal) as Promise<ParsedSession>;
  }

  /** Parses the file on a thread, which sends back only what a figures-only scan counts (sessionFigures). */
  figures(agent: string, file: SessionFile, signal?: AbortSignal): Promise<SessionFigures> {
    return this.request({ id: this.nextId++, agent, file, want: 'figures' }, signal) as Promise<SessionFigures>;
  }

  private request(request: ParseRequest, signal?: AbortSignal): Promise<ParsedSession | SessionFigures> {
    return new Promise<ParsedSession | SessionFigures>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => this.cancel(task);
      // The listener goes with the task: one signal serves every file of a scan.
      const settled = () => signal?.removeEventListener('abort', onAbort);
      const task: ParseTask = {
        request,
        signal,
        resolve: (parsed) => (settled(), resolve(parsed)),
        reject: (error) => (settled(), reject(error)),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(task);
      this.dispatch();
    });
  }

  /** Ends every thread; queued parses fail. The pool starts threads again if used afterwards. */
  async close(): Promise<void> {
    for (const task of this.queue.splice(0)) task.reject(new Error('The parse pool was closed.'));
    await Promise.all(this.threads.splice(0).map((thread) => thread.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const thread = this.threads.find((t) => t.task === undefined) ?? this.startThread();
      if (!thread) return;
      const task = this.queue.shift()!;
      thread.task = task;
      thread.worker.ref();
      thread.worker.postMessage(task.request);
    }
  }

  private startThread(): PoolThread | undefined {
    if (this.threads.length >= this.size) return undefined;
    const thread: PoolThread = { worker: new Worker(this.script) };
    thread.worker.on('message', (reply: ParseReply) => this.finish(thread, reply));
    thread.worker.on('error', (error) => this.drop(thread, error));
    thread.worker.on('exit', (code) => this.drop(thread, new Error(`A parse worker stopped (exit code ${code}).`)));
    this.threads.push(thread);
    return thread;
  }

  private finish(thread: PoolThread, reply: ParseReply): void {
    const task = thread.task;
    thread.task = undefined;
    if (task && task.request.id === reply.id) {
      if ('parsed' in reply) task.resolve(reply.parsed);
      else if ('figures' in reply) task.resolve(reply.figures);
      else task.reject(rebuildParseError(reply.failure));
    }
    if (this.queue.length === 0) thread.worker.unref();
    this.dispatch();
  }

  /** A thread that failed or was ended: its file fails, the thread is forgotten, the queue moves on. */
  private drop(thread: PoolThread, error: unknown): void {
    const at = this.threads.indexOf(thread);
    if (at === -1) return;
    this.threads.splice(at, 1);
    thread.task?.reject(error);
    thread.task = undefined;
    this.dispatch();
  }

  private cancel(task: ParseTask): void {
    const queued = this.queue.indexOf(task);
    if (queued !== -1) this.queue.splice(queued, 1);
    const thread = this.threads.find((t) => t.task === task);
    task.reject(task.signal?.reason);
    if (thread) {
      thread.task = undefined;
      this.drop(thread, task.signal?.reason);
      void thread.worker.terminate();
    }
  }
}
