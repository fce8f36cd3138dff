import { z } from 'zod';
import { errorKindSchema, inputSchema, outcomeSchema } from '../../model/toolCallSchema.js';

// The state of ClaudeSessionBuilder (parseClaudeSession.ts) after some lines of a transcript, as plain JSON: what a
// scan-cache checkpoint keeps so a transcript that only grew is read on from there (ResumableParser).

const useSchema = z.object({
  block: z.object({ type: z.literal('tool_use'), id: z.string(), name: z.string(), input: inputSchema }),
  line: z.number().int(),
  timestamp: z.string().optional(),
  cwd: z.string().optional(),
  sidechain: z.boolean(),
  turn: z.string().optional(),
});

const resultSchema = z.object({
  outcome: outcomeSchema,
  errorKind: errorKindSchema.optional(),
  exitCode: z.number().optional(),
  userFeedback: z.string().optional(),
  line: z.number().int(),
  timestamp: z.string().optional(),
  output: z.string(),
  outputBytes: z.number().int(),
});

export const claudeParseStateSchema = z.object({
  uses: z.array(useSchema),
  results: z.array(z.tuple([z.string(), resultSchema])),
  warnings: z.object({ kept: z.array(z.string()), dropped: z.number().int() }),
  skippedLines: z.number().int(),
  recordedSessionId: z.string().optional(),
  cwd: z.string().optional(),
  startedAt: z.string().optional(),
});
export type ClaudeParseState = z.infer<typeof claudeParseStateSchema>;
