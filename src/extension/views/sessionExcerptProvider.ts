import { createReadStream, existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import * as vscode from 'vscode';
import { splitDatabaseSessionPath } from '../../core/agents/databaseSessionPath.js';
import type { CallRef } from '../../core/model/finding.js';
import { safeSessionText } from '../../core/redact/safeSessionText.js';
import { sessionScheme } from '../documentSchemes.js';

/** Records shown before and after the cited one. */
const CONTEXT_RECORDS = 6;
/** Session records can be huge (file contents, long outputs): each shown line is cut to this. */
const MAX_LINE_CHARS = 1200;

interface Excerpt {
  text: string;
  /** 0-based line of the cited record in `text`. */
  citedLine: number;
}

/** Strings longer than this are shortened in the formatted view of the cited record. */
const MAX_FORMATTED_STRING_CHARS = 400;

/** The cited record pretty-printed (long strings shortened), so its fields can be read at a glance. */
function formatRecord(record: unknown): string[] {
  const text = JSON.stringify(
    record,
    (_key, value: unknown) => {
      if (typeof value !== 'string') return value;
      // Made safe before it is shortened, so the cut cannot leave part of a secret.
      const safe = safeSessionText(value);
      return safe.length > MAX_FORMATTED_STRING_CHARS ? `${safe.slice(0, MAX_FORMATTED_STRING_CHARS)} … (${safe.length - MAX_FORMATTED_STRING_CHARS} more characters)` : safe;
    },
    2,
  );
  return text === undefined ? [] : text.split('\n');
}

function formattedSection(record: unknown, title: string): string[] {
  const lines = formatRecord(record);
  return lines.length === 0 ? [] : ['', `// ${title}`, ...lines];
}

/** A log line made safe (safeSessionText) and then, only then, shortened. */
function cut(raw: string): string {
  const line = safeSessionText(raw);
  return line.length <= MAX_LINE_CHARS ? line : vscode.l10n.t('{0} … ({1} more characters)', line.slice(0, MAX_LINE_CHARS), line.length - MAX_LINE_CHARS);
}

async function jsonlExcerpt(file: string, line: number): Promise<{ lines: string[]; first: number; cited?: string }> {
  const first = Math.max(1, line - CONTEXT_RECORDS);
  const last = line + CONTEXT_RECORDS;
  const lines: string[] = [];
  let cited: string | undefined;
  const reader = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let number = 0;
  try {
    for await (const text of reader) {
      number++;
      if (number < first) continue;
      if (number > last) break;
      if (number === line) cited = text;
      lines.push(cut(text));
    }
  } finally {
    reader.close();
  }
  return { lines, first, cited };
}

/** Single-document JSON sessions: `line` is the position of the message in the document's array. */
async function jsonDocumentExcerpt(file: string, position: number): Promise<{ lines: string[]; citedOffset: number; cited: unknown } | undefined> {
  let document: unknown;
  try {
    document = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
  const array = Array.isArray(document)
    ? document
    : Object.values(document as Record<string, unknown>).find((value): value is unknown[] => Array.isArray(value) && value.length >= position);
  if (!array) return undefined;
  const lines: string[] = [];
  let citedOffset = 0;
  for (let i = Math.max(0, position - 1 - CONTEXT_RECORDS); i < Math.min(array.length, position + CONTEXT_RECORDS); i++) {
    if (i === position - 1) citedOffset = lines.length;
    lines.push(cut(`[${i + 1}] ${JSON.stringify(array[i])}`));
  }
  return { lines, citedOffset, cited: array[position - 1] };
}

/**
 * Secrets and personal data in a log (keys pasted into prompts, tokens in command output) are masked line by
 * line, before any line is cut (see cut), so an excerpt opened while sharing a screen shows none, and line
 * positions do not move. The header (file path, the error's message) is made safe here too.
 */
function redacted(lines: readonly string[]): string {
  return lines.map((line) => safeSessionText(line)).join('\n');
}

function parseRecord(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The lines of a session log near one record, with a header; the cursor goes to the cited record. */
async function sessionExcerpt(file: string, line: number, label: string): Promise<Excerpt> {
  const header = [`// ${label}`, `// ${file}`];
  const inDatabase = splitDatabaseSessionPath(file);
  if (inDatabase && !existsSync(file)) {
    // OpenCode's and Cursor's sessions live in a database, named <database>#<session id>: no log lines to show.
    header.push(vscode.l10n.t('// This session is stored in the database {0} (session {1}, record {2}); it has no log file to show an excerpt of.', inDatabase.database, inDatabase.sessionId, line));
    return { text: redacted(header), citedLine: 0 };
  }
  try {
    if (file.endsWith('.json')) {
      const doc = await jsonDocumentExcerpt(file, line);
      if (doc) {
        header.push(vscode.l10n.t('// Message {0} of the session document (neighbours around it); read-only.', line), '');
        const formatted = formattedSection(doc.cited, vscode.l10n.t('Message {0}, formatted:', line));
        return { text: redacted([...header, ...doc.lines, ...formatted]), citedLine: header.length + doc.citedOffset };
      }
    }
    const { lines, first, cited } = await jsonlExcerpt(file, line);
    header.push(vscode.l10n.t('// Lines {0}–{1} of the log; the cited record is line {2} (formatted below). Read-only.', first, first + lines.length - 1, line), '');
    const formatted = cited === undefined ? [] : formattedSection(parseRecord(cited), vscode.l10n.t('Line {0}, formatted:', line));
    return { text: redacted([...header, ...lines, ...formatted]), citedLine: header.length + (line - first) };
  } catch (error) {
    header.push(vscode.l10n.t('// The session log cannot be read: {0}', (error as Error).message));
    return { text: redacted(header), citedLine: 0 };
  }
}

/** Read-only excerpts of session logs: `headroom-session:/<log path>?line=N&label=…`. */
export class SessionExcerptProvider implements vscode.TextDocumentContentProvider {
  private readonly cited = new Map<string, number>();

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const query = new URLSearchParams(uri.query);
    const excerpt = await sessionExcerpt(uri.fsPath, Number(query.get('line') ?? '1'), query.get('label') ?? '');
    this.cited.set(uri.toString(), excerpt.citedLine);
    return excerpt.text;
  }

  static uriFor(ref: CallRef): vscode.Uri {
    const label = vscode.l10n.t('{0} session {1}, {2} call #{3}{4}', ref.agent, ref.sessionId, ref.tool, ref.index + 1, ref.timestamp ? ` (${ref.timestamp})` : '');
    return vscode.Uri.file(ref.file).with({ scheme: sessionScheme, query: new URLSearchParams({ line: String(ref.line), label }).toString() });
  }

  /** Opens the excerpt of a call's record in a read-only preview editor, cursor on the record. */
  async open(ref: CallRef): Promise<vscode.TextEditor> {
    const uri = SessionExcerptProvider.uriFor(ref);
    const document = await vscode.workspace.openTextDocument(uri);
    const line = Math.min(this.cited.get(uri.toString()) ?? 0, document.lineCount - 1);
    const position = new vscode.Position(line, 0);
    return vscode.window.showTextDocument(document, {
      preview: true,
      selection: new vscode.Range(position, position),
    });
  }

  static fileName(ref: CallRef): string {
    return path.basename(ref.file);
  }
}
