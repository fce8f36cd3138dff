import { z } from 'zod';

/**
 * The JSON Cursor keeps in `cursorDiskKV` of `globalStorage/state.vscdb`. Cursor is closed source; the shapes are
 * those documented from its databases by michaeldhood/chatrxiv docs/cursor/storage-reference.md (composerData
 * `_v` 10, bubbles `_v` 3) and read by the Mantra parser (src parsers/cursor/mod.rs: toolFormerData name, rawArgs,
 * result, status, userDecision, toolCallId). Only the fields used are named: composerData also holds encryption
 * keys, which are never read into anything kept.
 */

const toolFormerDataSchema = z.object({
  name: z.string().optional(),
  toolCallId: z.string().optional(),
  status: z.string().optional(),
  /** The call's arguments as a JSON string (`params` in newer builds). */
  rawArgs: z.string().optional(),
  params: z.string().optional(),
  /** The result as a JSON string, or plain text. */
  result: z.string().optional(),
  /** 'accepted' | 'rejected' when the call needed the user's approval. */
  userDecision: z.string().optional(),
  additionalData: z.object({ status: z.string().optional() }).passthrough().optional(),
});
export type CursorToolFormerData = z.infer<typeof toolFormerDataSchema>;

/** One message ("bubble"): type 1 the user, 2 the assistant; an assistant bubble with toolFormerData is one tool call. */
export const cursorBubbleSchema = z.object({
  type: z.number().optional(),
  bubbleId: z.string().optional(),
  createdAt: z.union([z.string(), z.number()]).optional(),
  toolFormerData: toolFormerDataSchema.optional(),
  /** User bubbles: the workspace folders (file URIs) in the window the request was sent from. */
  workspaceUris: z.array(z.string()).optional(),
});
export type CursorBubble = z.infer<typeof cursorBubbleSchema>;

/** `composerData:<id>`: one chat, its bubbles in order (split storage) or inline (older builds). */
export const cursorComposerSchema = z.object({
  composerId: z.string().min(1),
  createdAt: z.number().optional(),
  fullConversationHeadersOnly: z.array(z.object({ bubbleId: z.string(), type: z.number().optional() })).optional(),
  conversation: z.array(z.unknown()).optional(),
  workspaceIdentifier: z.object({ id: z.string().optional() }).passthrough().optional(),
});
export type CursorComposer = z.infer<typeof cursorComposerSchema>;

/** A workspace's `ItemTable` value under `composer.composerData`: the chats of that window. */
export const cursorWorkspaceComposersSchema = z.object({
  allComposers: z.array(z.object({ composerId: z.string() })).optional(),
});

/** `workspaceStorage/<id>/workspace.json`, as VS Code writes it: the folder the window had open. */
export const workspaceJsonSchema = z.object({ folder: z.string().optional() });
