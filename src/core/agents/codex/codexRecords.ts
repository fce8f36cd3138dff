import { z } from 'zod';

/**
 * The parts of Codex CLI rollout records this scanner reads (log-formats.md §2).
 * Every schema lists only the fields used; unknown fields are ignored, so new
 * Codex versions that add fields still parse.
 */

/** Envelope format (Sept 2025 →): one `{timestamp, type, payload}` per line. */
export const envelopeSchema = z.object({
  timestamp: z.string().optional(),
  type: z.string(),
  payload: z.unknown(),
});

export const ENVELOPE_TYPES = new Set([
  'session_meta',
  'turn_context',
  'response_item',
  'event_msg',
  'compacted',
  'world_state',
  'inter_agent_communication_metadata',
]);

export const sessionMetaSchema = z.object({
  id: z.string().optional(),
  timestamp: z.string().optional(),
  cwd: z.string().optional(),
  /** 'cli', 'exec', 'vscode', … or `{subagent: …}` for a sub-agent thread. */
  source: z.unknown().optional(),
  /** The repository state at the start (0.1x+): `{commit_hash, branch, repository_url}`. */
  git: z.object({ branch: z.string().optional().catch(undefined) }).nullable().optional().catch(undefined),
});

export const turnContextSchema = z.object({
  cwd: z.string().optional(),
});

/** Headerless mid-2025 JSONL: line 1 is a session header without `type`. */
export const headerlessHeaderSchema = z.object({
  id: z.string(),
  timestamp: z.string().optional(),
  cwd: z.string().optional(),
});

/** Response item types a rollout may hold (bare in headerless files, as `response_item` payloads otherwise). */
export const RESPONSE_ITEM_TYPES = new Set([
  'message',
  'reasoning',
  'function_call',
  'function_call_output',
  'custom_tool_call',
  'custom_tool_call_output',
  'local_shell_call',
  'web_search_call',
  'tool_search_call',
  'tool_search_output',
  'image_generation_call',
  'ghost_snapshot',
  'compaction',
  'compaction_summary',
  'other',
]);

export const functionCallSchema = z.object({
  type: z.literal('function_call'),
  name: z.string(),
  /** A JSON string (sometimes not valid JSON when the model wrote it badly). */
  arguments: z.string().optional(),
  call_id: z.string(),
  namespace: z.string().optional(),
});

/**
 * A web search the model ran on OpenAI's side (codex-rs/protocol/src/models.rs `ResponseItem::WebSearchCall`):
 * `status` (completed, failed, …) and `action` (`{type:"search", query, queries}`, `{type:"open_page", url}`,
 * `{type:"find_in_page", url, pattern}`). Its `id` is never written to the rollout and its result is not in it:
 * the item is the whole call.
 */
export const webSearchCallSchema = z.object({
  type: z.literal('web_search_call'),
  status: z.string().optional().catch(undefined),
  action: z.record(z.string(), z.unknown()).optional().catch(undefined),
});

export const customToolCallSchema = z.object({
  type: z.literal('custom_tool_call'),
  name: z.string(),
  input: z.string(),
  call_id: z.string(),
});

export const localShellCallSchema = z.object({
  type: z.literal('local_shell_call'),
  call_id: z.string().nullish(),
  id: z.string().nullish(),
  action: z.object({
    type: z.string().optional(),
    command: z.array(z.string()),
    workdir: z.string().nullish(),
    working_directory: z.string().nullish(),
    timeout_ms: z.number().nullish(),
  }),
});

export const toolOutputSchema = z.object({
  type: z.enum(['function_call_output', 'custom_tool_call_output']),
  call_id: z.string(),
  /** Normally a string; an array of content items (code mode), or `{content, success}` in some builds. */
  output: z.unknown(),
});

export const messageSchema = z.object({
  type: z.literal('message'),
  role: z.string(),
  content: z.array(z.object({ type: z.string().optional(), text: z.string().optional() })).optional(),
});

export const eventTypeSchema = z.object({ type: z.string() });

export const execCommandEndSchema = z.object({
  type: z.literal('exec_command_end'),
  call_id: z.string(),
  exit_code: z.number(),
  /** 'completed' | 'failed' | 'declined' (absent in older builds). */
  status: z.string().optional(),
  aggregated_output: z.string().optional(),
  stderr: z.string().optional(),
});

export const patchApplyEndSchema = z.object({
  type: z.literal('patch_apply_end'),
  call_id: z.string(),
  success: z.boolean(),
  stdout: z.string().optional(),
  stderr: z.string().optional(),
});

export const mcpToolCallEndSchema = z.object({
  type: z.literal('mcp_tool_call_end'),
  call_id: z.string(),
  result: z.unknown(),
});

/** Legacy TypeScript CLI (Apr–May 2025): one pretty-printed JSON document per session. */
export const legacyDocumentSchema = z.object({
  session: z.object({
    id: z.string().optional(),
    timestamp: z.string().optional(),
  }),
  items: z.array(z.unknown()),
});
