import type { LearnProgress } from '../core/pipeline/learnProgress.js';

/** Longest a progress line gets, so it never wraps and leaves debris on a narrow terminal. */
const MAX_PROGRESS_CHARS = 78;

export interface ProgressLine {
  update(progress: LearnProgress): void;
  /** Erases the line, so the report that follows starts clean. */
  clear(): void;
}

/**
 * One self-overwriting status line on stderr ("claude: 12/40 sessions …") while a project is
 * learned. Only on a terminal: in pipes, CI logs and files it prints nothing at all.
 */
export function progressLine(stream: NodeJS.WritableStream & { isTTY?: boolean }, env: NodeJS.ProcessEnv): ProgressLine {
  const enabled = Boolean(stream.isTTY) && env.TERM !== 'dumb';
  let shown = false;
  const show = (text: string) => {
    if (!enabled) return;
    stream.write(`\r\x1b[2K${text.length > MAX_PROGRESS_CHARS ? `${text.slice(0, MAX_PROGRESS_CHARS - 1)}…` : text}`);
    shown = true;
  };
  return {
    update(progress) {
      show(describeProgress(progress));
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}

export function describeProgress(progress: LearnProgress): string {
  switch (progress.phase) {
    case 'scan':
      return `Scanning ${progress.agent} sessions: ${progress.done}/${progress.total} …`;
    case 'correlate':
      return `Pairing failures with their fixes in ${progress.sessions} session${progress.sessions === 1 ? '' : 's'} …`;
    case 'analyze':
      return `Analyzing ${progress.findings} finding${progress.findings === 1 ? '' : 's'} with ${progress.backend} …`;
  }
}
