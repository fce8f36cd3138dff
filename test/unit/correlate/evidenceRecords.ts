import * as fs from 'node:fs';
import type { CallRef } from '../../../src/core/model/finding.js';

/**
 * Re-opens the record an evidence reference points at: the `line`-th line of a JSONL file, or
 * the `line`-th message of a single-document JSON session. Returns its JSON text.
 */
function citedRecord(ref: Pick<CallRef, 'file' | 'line'>): string {
  const text = fs.readFileSync(ref.file, 'utf8');
  if (ref.file.endsWith('.json') || text.trimStart().startsWith('{\n') || !text.includes('\n{')) {
    try {
      const doc = JSON.parse(text) as { messages?: unknown[] };
      if (Array.isArray(doc.messages)) return JSON.stringify(doc.messages[ref.line - 1] ?? null);
    } catch {
      // not a single document: read it as JSONL
    }
  }
  const line = text.split('\n')[ref.line - 1];
  return line === undefined ? 'null' : JSON.stringify(JSON.parse(line));
}

/** The cited record holds this call's result: it names the call's id. */
export function citesCall(ref: CallRef): boolean {
  return ref.callId !== undefined && citedRecord(ref).includes(JSON.stringify(ref.callId));
}
