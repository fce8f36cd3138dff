import type { ToolCall } from '../../model/toolCall.js';
import { USER_WORDS_MAX, USER_WORDS_MAX_CHARS } from '../thresholds.js';
import { findPersonalData } from '../../redact/personalData.js';
import { statedPreference } from './statedPreference.js';

/**
 * The user's words on rejected calls that state a standing preference, distinct, bounded: only
 * those sentences, so a rule never quotes a one-off redirection or personal data.
 */
export function preferenceWordsOf(calls: readonly ToolCall[]): string[] {
  return boundedWords(calls.flatMap((call) => statedPreference(call.userFeedback ?? '')));
}

/** The distinct sentences, each cut to USER_WORDS_MAX_CHARS, at most USER_WORDS_MAX of them. */
function boundedWords(sentences: readonly string[]): string[] {
  const words: string[] = [];
  for (const sentence of sentences) {
    const text = sentence.length > USER_WORDS_MAX_CHARS ? `${sentence.slice(0, USER_WORDS_MAX_CHARS - 1)}…` : sentence;
    if (words.includes(text)) continue;
    words.push(text);
    if (words.length === USER_WORDS_MAX) break;
  }
  return words;
}

/** All of the user's feedback on the calls, whitespace collapsed, without any naming personal data or a machine path. */
export function feedbackWordsOf(calls: readonly ToolCall[]): string[] {
  const feedback = calls.map((call) => (call.userFeedback ?? '').replace(/\s+/g, ' ').trim());
  return boundedWords(feedback.filter((text) => text.length > 0 && findPersonalData(text) === undefined));
}

