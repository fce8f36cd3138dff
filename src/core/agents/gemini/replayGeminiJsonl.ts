import type { JsonLine } from '../../logs/readJsonLines.js';
import type { GeminiConversation, PlacedMessage } from './geminiConversation.js';
import {
  geminiConversationFieldsSchema,
  geminiMessageRecordSchema,
  geminiRewindRecordSchema,
  geminiSetRecordSchema,
  type GeminiConversationFields,
} from './geminiRecordSchemas.js';
import { notedRecords, type SessionNotes } from './sessionNotes.js';


/**
 * Replays a Gemini JSONL session (v0.39+) into its final history, the way Gemini CLI
 * itself loads it (chatRecordingService.loadConversationRecord):
 *
 * - the metadata line (`sessionId`, `projectHash`, …) sets the conversation fields;
 * - a message record (has `id`) is appended, or replaces the earlier record with the same id
 *   in place (messages are re-appended whenever they change: last one wins);
 * - `{"$set": {…}}` updates the fields; a `$set.messages` array is a full checkpoint that
 *   replaces the history at that point (records after it keep applying, as the writer
 *   keeps appending to the checkpointed history);
 * - `{"$rewindTo": id}` drops that message and every later one. The writer only writes it
 *   for a message it has; if this replay does not have it the history is left as it is
 *   and a warning is noted (Gemini's own loader would empty the history).
 *
 * Anything else (non-JSON, truncated, oversized, unknown shape) is counted and noted, never fatal.
 */
export async function replayGeminiJsonl(lines: AsyncIterable<JsonLine>, notes: SessionNotes): Promise<GeminiConversation> {
  const conversation: GeminiConversation = { messages: [] };
  let history = new Map<string, PlacedMessage>();

  const applyFields = (fields: GeminiConversationFields): void => {
    if (fields.sessionId !== undefined) conversation.sessionId = fields.sessionId;
    if (fields.startTime !== undefined) conversation.startTime = fields.startTime;
    if (fields.kind !== undefined) conversation.kind = fields.kind;
  };
  const checkpoint = (messages: unknown[], line: number): void => {
    history = new Map();
    messages.forEach((message, position) => {
      const parsed = geminiMessageRecordSchema.safeParse(message);
      if (parsed.success) history.set(parsed.data.id, { record: message, line });
      else notes.skip(line, `entry ${position + 1} of the messages checkpoint is not a message record; skipped`);
    });
  };

  for await (const { value, line } of notedRecords(lines, notes)) {
    const rewind = geminiRewindRecordSchema.safeParse(value);
    if (rewind.success) {
      if (!rewindTo(history, rewind.data.$rewindTo)) notes.warn(line, `$rewindTo names message ${rewind.data.$rewindTo}, which is not in the history; ignored`);
      continue;
    }
    if (isObjectWithString(value, 'id')) {
      const message = geminiMessageRecordSchema.safeParse(value);
      if (!message.success) {
        notes.skip(line, 'record with an id but no message type; skipped');
        continue;
      }
      history.set(message.data.id, { record: value, line });
      continue;
    }
    const set = geminiSetRecordSchema.safeParse(value);
    if (set.success) {
      applyFields(set.data.$set);
      if (set.data.$set.messages) checkpoint(set.data.$set.messages, line);
      continue;
    }
    if (isObjectWithString(value, 'sessionId')) {
      const fields = geminiConversationFieldsSchema.safeParse(value);
      if (fields.success) {
        applyFields(fields.data);
        // A whole conversation on one line (a compact legacy document) carries its messages here.
        if (fields.data.messages) checkpoint(fields.data.messages, line);
        continue;
      }
    }
    notes.skip(line, 'unknown record type; skipped');
  }
  conversation.messages = [...history.values()];
  return conversation;
}

/** Drops `id` and every message after it; false when `id` is not in the history. */
function rewindTo(history: Map<string, PlacedMessage>, id: string): boolean {
  if (!history.has(id)) return false;
  let dropping = false;
  for (const key of [...history.keys()]) {
    if (key === id) dropping = true;
    if (dropping) history.delete(key);
  }
  return true;
}

function isObjectWithString(value: unknown, key: string): boolean {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[key] === 'string';
}
