import type { ToolCall } from '../../model/toolCall.js';
import { USER_WORDS_MAX, USER_WORDS_MAX_CHARS } from '../thresholds.js';

/** The user's own feedback on rejected calls, distinct, whitespace collapsed, bounded. */
export function userWordsOf(calls: readonly ToolCall[]): string[] {
  const words: string[] = [];
  for (const call of calls) {
    const text = call.userFeedback?.replace(/\s+/g, ' ').trim();
    if (!text || words.includes(text)) continue;
    words.push(text.length > USER_WORDS_MAX_CHARS ? `${text.slice(0, USER_WORDS_MAX_CHARS - 1)}…` : text);
    if (words.length === USER_WORDS_MAX) break;
  }
  return words;
}
