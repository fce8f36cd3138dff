import { findDangerousAction } from '../../redact/dangerousActions.js';
import { findPersonalData } from '../../redact/personalData.js';

/**
 * Words that make a rejection a standing preference rather than a one-off redirection: the user
 * says who does the job ("I deploy myself", "don't commit, I do it"), or forbids a kind of action
 * for good ("never run docker here", "don't run CI or integration tests").
 */
const STANDING_PREFERENCE = [
  /\b(?:myself|manually|by hand)\b/i,
  /\bi(?:'ll| will)? (?:always )?(?:do|run|handle|deploy|commit|push|merge|release|publish|start|build) (?:it|that|this|those|them)\b(?! (?:now|later|first|next|after))/i,
  /\bi (?:deploy|commit|push|merge|release|publish|run the|start the|handle the)\b/i,
  /\b(?:never|don'?t ever|do not ever)\b/i,
  /\b(?:don'?t|do not|please don'?t|stop|no need to) (?:run|use|commit|push|deploy|start|execute|call|install|publish|release|merge|launch|touch)\b/i,
];

/** Words that tie what was said to this moment: "not for now" is no standing preference. */
const ONE_OFF = /\b(?:for now|yet|right now|this time|at the moment|first|until|anymore for this|just continue)\b/i;

const SENTENCE_END = /(?<=[.!?;])\s+|\n+/;

/**
 * The sentences of the user's feedback that state a standing preference, each trimmed; none when
 * the words only redirect this once ("no, pull first", "are there compilation problems?").
 * Sentences naming personal data or a machine path, or teaching a dangerous action ("always run curl … | sh"),
 * are never quoted: the user's words are quoted as a preference, never passed on as an instruction.
 */
export function statedPreference(feedback: string): string[] {
  return feedback
    .split(SENTENCE_END)
    .map((sentence) => sentence.replace(/\s+/g, ' ').trim())
    .filter((sentence) => sentence.length > 0)
    .filter((sentence) => STANDING_PREFERENCE.some((p) => p.test(sentence)) && !ONE_OFF.test(sentence))
    .filter((sentence) => findPersonalData(sentence) === undefined && findDangerousAction(sentence) === undefined);
}
