import { HEAD_CHUNK_BYTES, readJsonLines } from '../../logs/readJsonLines.js';

/** Records looked at before deciding; both formats show their kind in the first few lines. */
const HEAD_RECORDS = 50;

/**
 * Which record format a CodeBuddy Code session file holds. CodeBuddy 2.x writes its agent-loop items
 * (`function_call`, `function_call_result`, `message` with a `role`: codebuddyRecords.ts); earlier CodeBuddy
 * versions wrote Claude Code's transcript records (`user`/`assistant` with a `message`), which the Claude parser
 * reads. Decided per file from its first records; a file showing neither is read as items.
 */
export async function codebuddyFileFormat(filePath: string, signal?: AbortSignal): Promise<'items' | 'claude'> {
  let seen = 0;
  for await (const item of readJsonLines(filePath, signal, { chunkBytes: HEAD_CHUNK_BYTES })) {
    if (item.kind !== 'record') continue;
    const record = item.value as { type?: unknown; role?: unknown; message?: unknown } | null;
    const type = record?.type;
    if (type === 'function_call' || type === 'function_call_result' || (type === 'message' && typeof record?.role === 'string')) return 'items';
    if ((type === 'assistant' || type === 'user') && typeof record?.message === 'object' && record.message !== null) return 'claude';
    if (++seen >= HEAD_RECORDS) break;
  }
  return 'items';
}
