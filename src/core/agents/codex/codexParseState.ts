import { z } from 'zod';
import { errorKindSchema, inputSchema, normalisedToolSchema, outcomeSchema } from '../../model/toolCallSchema.js';
import type { CallFamily } from './describeCodexCall.js';

// The state of a rollout parse (parseCodexRollout.ts: RolloutState, its CodexSessionBuilder and SkippedLines) after
// some lines, as plain JSON: what a scan-cache checkpoint keeps so a rollout that only grew is read on from there.

const FAMILIES = ['shell', 'continuation', 'patch', 'code_mode', 'mcp', 'other'] as const satisfies readonly CallFamily[];

const describedCallSchema = z.object({
  tool: normalisedToolSchema,
  originalTool: z.string(),
  family: z.enum(FAMILIES),
  input: inputSchema,
  command: z.string().optional(),
  path: z.string().optional(),
  pattern: z.string().optional(),
  continues: z.string().optional(),
  scriptCommandCalls: z.number().optional(),
});

const callSchema = z.object({
  callId: z.string(),
  line: z.number().int(),
  timestamp: z.string().optional(),
  cwd: z.string().optional(),
  described: describedCallSchema,
  aborted: z.boolean(),
  batch: z.number().int(),
  known: z.object({ outcome: outcomeSchema, exitCode: z.number().optional(), errorKind: errorKindSchema.optional() }).optional(),
});

const outputSchema = z.object({
  line: z.number().int(),
  excerpt: z.string(),
  bytes: z.number().int(),
  result: z.object({
    sample: z.string(),
    read: z.object({
      format: z.enum(['json_metadata', 'exit_code_line', 'unified_exec', 'code_mode', 'plain']),
      exitCode: z.number().optional(),
      running: z.object({ kind: z.enum(['session', 'cell']), id: z.string() }).optional(),
      script: z.enum(['completed', 'failed']).optional(),
      body: z.string(),
    }),
  }),
});

const eventsSchema = z.object({
  line: z.number().int().optional(),
  execEnd: z.object({ exitCode: z.number(), status: z.string().optional(), output: z.string().optional() }).optional(),
  patchEnd: z.object({ success: z.boolean(), stderr: z.string().optional() }).optional(),
  mcpEnd: z.object({ failed: z.boolean(), text: z.string() }).optional(),
});

const codexBuilderStateSchema = z.object({
  calls: z.array(callSchema),
  outputs: z.array(z.tuple([z.string(), outputSchema])),
  events: z.array(z.tuple([z.string(), eventsSchema])),
  batch: z.number().int(),
  resultSinceLastCall: z.boolean(),
});
export type CodexBuilderState = z.infer<typeof codexBuilderStateSchema>;

const skippedLinesStateSchema = z.object({ count: z.number().int(), warnings: z.array(z.string()), unlisted: z.number().int() });

export const codexParseStateSchema = z.object({
  builder: codexBuilderStateSchema,
  skipped: skippedLinesStateSchema,
  sessionId: z.string().optional(),
  startedAt: z.string().optional(),
  sessionCwd: z.string().optional(),
  currentCwd: z.string().optional(),
  subagent: z.boolean(),
});
export type CodexParseState = z.infer<typeof codexParseStateSchema>;
