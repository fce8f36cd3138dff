/** A message of a Gemini session as it stands at the end of the log, with where it was last written. */
export interface PlacedMessage {
  /** The raw message record (validated when its tool calls are read). */
  record: unknown;
  /** JSONL: 1-based line of the record that last wrote it. Legacy JSON: 1-based position in `messages`. */
  line: number;
}

/** What a session file says once its updates are applied: conversation fields and final history. */
export interface GeminiConversation {
  sessionId?: string;
  startTime?: string;
  kind?: string;
  messages: PlacedMessage[];
}
