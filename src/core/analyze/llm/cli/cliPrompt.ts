import type { LlmRequest } from '../llmClient.js';

/**
 * A request as one stdin text for an agent CLI: the instructions, then the turns. A follow-up
 * (after an unusable answer) quotes the previous answer.
 */
export function renderCliPrompt(request: LlmRequest): string {
  const turns = request.turns.map((turn) =>
    turn.role === 'user' ? turn.text : `Your previous answer was:\n<<<\n${turn.text}\n>>>`,
  );
  return [request.system, ...turns].join('\n\n');
}
