import { z } from 'zod';

/**
 * Shapes of the Gemini CLI chat-recording records this scanner reads
 * (packages/core/src/services/chatRecordingTypes.ts upstream). Every object is
 * loose: Gemini adds fields every few releases and unknown ones are ignored.
 */

/** One entry of `toolCalls[]` on a `type: "gemini"` message. */
export const geminiToolCallRecordSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  args: z.record(z.string(), z.unknown()).nullish(),
  /** PartListUnion: a string, one part or an array of parts (normally one functionResponse). */
  result: z.unknown().optional(),
  status: z.string().optional(),
  timestamp: z.string().optional(),
  resultDisplay: z.unknown().optional(),
  displayName: z.string().optional(),
  agentId: z.string().optional(),
});
export type GeminiToolCallRecord = z.infer<typeof geminiToolCallRecordSchema>;

/** A message record: user prompt, model turn, or UI notice (info, error, warning). */
export const geminiMessageRecordSchema = z.looseObject({
  id: z.string(),
  timestamp: z.string().optional(),
  type: z.string(),
  content: z.unknown().optional(),
  toolCalls: z.array(z.unknown()).optional(),
});

/** Conversation-level fields: the JSONL metadata line, a `$set` body, or the top of a legacy document. */
export const geminiConversationFieldsSchema = z.looseObject({
  sessionId: z.string().optional(),
  projectHash: z.string().optional(),
  startTime: z.string().optional(),
  lastUpdated: z.string().optional(),
  kind: z.string().optional(),
  messages: z.array(z.unknown()).optional(),
});
export type GeminiConversationFields = z.infer<typeof geminiConversationFieldsSchema>;

/** JSONL: `{"$set": {…}}` — a metadata update; `$set.messages` is a full checkpoint of the history. */
export const geminiSetRecordSchema = z.looseObject({
  $set: geminiConversationFieldsSchema,
});

/** JSONL: `{"$rewindTo": "<messageId>"}` — drops that message and every message after it. */
export const geminiRewindRecordSchema = z.looseObject({
  $rewindTo: z.string(),
});

/** The legacy single-document session file (`session-*.json`, Gemini CLI ≤ 0.38). */
export const geminiLegacyDocumentSchema = z.looseObject({
  sessionId: z.string(),
  projectHash: z.string().optional(),
  startTime: z.string().optional(),
  lastUpdated: z.string().optional(),
  kind: z.string().optional(),
  messages: z.array(z.unknown()),
});

/** `~/.gemini/projects.json`: absolute project path → slug of its `tmp/<slug>` folder. */
export const geminiProjectRegistrySchema = z.looseObject({
  projects: z.record(z.string(), z.string()),
});

/** The `functionResponse` part that carries a tool's result. */
export const geminiFunctionResponsePartSchema = z.looseObject({
  functionResponse: z.looseObject({
    id: z.string().optional(),
    name: z.string().optional(),
    response: z.unknown().optional(),
  }),
});
