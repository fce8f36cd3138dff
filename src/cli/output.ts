import { styleText } from 'node:util';
import { withoutControlCharacters } from '../core/redact/controlCharacters.js';

export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on Ctrl-C: scanning stops and LLM requests and agent CLIs are cancelled. */
  signal?: AbortSignal;
}

type Style = Parameters<typeof styleText>[0];

/** Colours only on a terminal, and never when NO_COLOR is set. */
export function painter(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): (style: Style, text: string) => string {
  const enabled = coloursOn(stream, env);
  return (style, text) => (enabled ? styleText(style, text, { validateStream: false }) : text);
}

function coloursOn(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  const enabled = Boolean(stream.isTTY) && !('NO_COLOR' in env) && env.TERM !== 'dumb';
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
  return enabled || forced;
}

/** headroom's own colours (painter): SGR sequences only. */
// eslint-disable-next-line no-control-regex -- matching our own escape sequences is the point
const COLOUR = /\u001b\[[0-9;]*m/;
/** The progress line's own redraw (progressLine): back to the line's start, erase it. */
// eslint-disable-next-line no-control-regex -- matching our own escape sequences is the point
const LINE_REDRAW = /\r\u001b\[2K/;

/**
 * Text as it may reach a terminal: every escape sequence and control character removed
 * (withoutControlCharacters) but for headroom's own colours and progress redraw, and those only when
 * the stream shows them (colours on, a terminal). Strings from sessions are made safe where they are read;
 * this is the last check for everything else (target files in a diff, paths, error messages).
 */
export function terminalSafe(text: string, own: { colours: boolean; redraw: boolean }): string {
  const kept = [...(own.colours ? [COLOUR.source] : []), ...(own.redraw ? [LINE_REDRAW.source] : [])];
  if (kept.length === 0) return withoutControlCharacters(text);
  const ownSequence = new RegExp(`(${kept.join('|')})`);
  return text
    .split(ownSequence)
    .map((part, i) => (i % 2 === 1 ? part : withoutControlCharacters(part)))
    .join('');
}

/** The stream with every write passed through terminalSafe; everything else is the stream's own. */
export function terminalSafeStream<T extends NodeJS.WritableStream & { isTTY?: boolean }>(stream: T, env: NodeJS.ProcessEnv): T {
  const own = { colours: coloursOn(stream, env), redraw: Boolean(stream.isTTY) && env.TERM !== 'dumb' };
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : undefined;
    return (stream.write as (...args: unknown[]) => boolean)(text === undefined ? chunk : terminalSafe(text, own), ...rest);
  };
  return new Proxy(stream, {
    get(target, property) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * JSON for a terminal or a pipe: JSON.stringify escapes C0 controls but writes C1 controls (U+0080–U+009F,
 * which terminals may act on) and the line separators raw; here they are `\uXXXX` escapes too. Same value.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function writeLine(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}

/** "1 session", "3 sessions". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
