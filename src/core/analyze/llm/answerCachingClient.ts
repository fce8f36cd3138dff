import { z } from 'zod';
import type { ProjectResultCache, ProjectResultKey } from '../../scan/cache/projectResultCache.js';
import type { LlmClient, LlmReply } from './llmClient.js';

const llmReplySchema = z.object({ text: z.string(), inputTokens: z.number().optional(), outputTokens: z.number().optional() }) satisfies z.ZodType<LlmReply>;


/** An answer depends on nothing but its request (the identity): the key has nothing more to compare. */
const ANSWER_KEY: ProjectResultKey = { parsers: [], logs: [], options: null };

/**
 * `client` with its replies kept in the cache's results, by backend, model and the whole request (system prompt,
 * turns, limit): a second Learn on an unchanged history sends the same request and gets the same rules back without
 * a model call (no cost, no wait); anything changed in the evidence or the rules already written changes the
 * request. Only replies are kept, never failures. The request holds only redacted text (LlmAnalyzer redacts
 * before building it), so the cache holds nothing the model was not allowed to see.
 */
export function answerCachingClient(client: LlmClient, results: ProjectResultCache): LlmClient {
  return {
    backend: client.backend,
    model: client.model,
    async complete(request, signal) {
      const identity = { backend: client.backend, model: client.model ?? null, request };
      const kept = await results.get('answer', identity, ANSWER_KEY, llmReplySchema);
      if (kept) return { ...kept, fromCache: true };
      const reply = await client.complete(request, signal);
      await results.put('answer', identity, ANSWER_KEY, { text: reply.text, inputTokens: reply.inputTokens, outputTokens: reply.outputTokens });
      return reply;
    },
  };
}
