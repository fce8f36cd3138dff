import { z } from 'zod';

// The shapes VS Code writes for a chat session, from its own source (microsoft/vscode):
// - the log entries: src/vs/workbench/contrib/chat/common/model/objectMutationLog.ts (EntryKind, Entry);
// - the session and its requests: ISerializableChatData v3 in src/vs/workbench/contrib/chat/common/model/chatModel.ts;
// - a tool call: IChatToolInvocationSerialized, ConfirmedReason / ToolConfirmKind and IChatTerminalToolInvocationData
//   in src/vs/workbench/contrib/chat/common/chatService/chatService.ts.
// Only the fields headroom reads are checked; everything else passes through untouched.

const pathKey = z.union([z.string(), z.number().int().nonnegative()]);
export type ChatMutationPath = Array<string | number>;

/** One line of the mutation log: 0 Initial, 1 Set, 2 Push (truncate to `i`, then append `v`), 3 Delete. */
export const chatMutationEntrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal(0), v: z.unknown() }),
  z.object({ kind: z.literal(1), k: z.array(pathKey), v: z.unknown() }),
  z.object({ kind: z.literal(2), k: z.array(pathKey), v: z.array(z.unknown()).optional(), i: z.number().int().nonnegative().optional() }),
  z.object({ kind: z.literal(3), k: z.array(pathKey) }),
]);
export type ChatMutationEntry = z.infer<typeof chatMutationEntrySchema>;

/** The session: `{version, sessionId, creationDate, requests[]}` (a whole `.json` file in VS Code before the log). */
export const chatSessionSchema = z.object({
  sessionId: z.string().optional(),
  creationDate: z.number().optional(),
  requests: z.array(z.unknown()),
});

/**
 * `modelState.value` (ResponseModelState): 0 pending, 1 complete, 2 cancelled, 3 failed, 4 needs input.
 * Older sessions have no modelState; `isCanceled` said a request was stopped.
 */
export const chatRequestSchema = z.object({
  requestId: z.string().optional(),
  timestamp: z.number().optional(),
  response: z.array(z.unknown()).optional(),
  modelState: z.object({ value: z.number().int() }).optional(),
  isCanceled: z.boolean().optional(),
});
export type ChatRequest = z.infer<typeof chatRequestSchema>;

const markdownOrString = z.union([z.string(), z.object({ value: z.string() })]);

/** `ConfirmedReason` (1.104+): `{type: ToolConfirmKind}` with 0 Denied … 5 Skipped; a boolean before 1.104. */
const confirmedSchema = z.union([z.boolean(), z.object({ type: z.number().int(), reason: markdownOrString.optional() })]);

/** IChatTerminalToolInvocationData (and the legacy `{kind:'terminal', command}`). */
export const terminalDataSchema = z.object({
  kind: z.literal('terminal'),
  commandLine: z.object({ original: z.string().optional(), userEdited: z.string().optional(), toolEdited: z.string().optional() }).optional(),
  command: z.string().optional(),
  cwd: z.unknown().optional(),
  terminalCommandState: z.object({ exitCode: z.number().int().optional() }).optional(),
  terminalCommandOutput: z.object({ text: z.string().optional() }).optional(),
});
export type TerminalData = z.infer<typeof terminalDataSchema>;

/** IToolResultInputOutputDetails: the input as JSON text, the output parts, `isError` when the tool threw. */
export const resultDetailsSchema = z.object({
  input: z.string().optional(),
  output: z.array(z.object({ value: z.unknown().optional(), isText: z.boolean().optional() })).optional(),
  isError: z.boolean().optional(),
});

/** A response part of kind `toolInvocationSerialized` (IChatToolInvocationSerialized). */
export const toolInvocationSchema = z.object({
  kind: z.literal('toolInvocationSerialized'),
  toolId: z.string(),
  toolCallId: z.string(),
  isComplete: z.boolean().optional(),
  isConfirmed: confirmedSchema.optional().nullable(),
  resultDetails: z.unknown().optional(),
  toolSpecificData: z.unknown().optional(),
  source: z.object({ type: z.string().optional() }).passthrough().optional().nullable(),
});
export type ToolInvocation = z.infer<typeof toolInvocationSchema>;

/** `workspaceStorage/<id>/workspace.json`: the folder (or .code-workspace file) of that storage folder, as a URI. */
export const workspaceJsonSchema = z.object({ folder: z.string().optional(), workspace: z.string().optional() });
