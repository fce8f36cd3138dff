import { z } from 'zod';
import { analyzerAnswerSchema, type AnalyzerAnswer } from './answerSchema.js';

export type ParsedAnswer = { ok: true; answer: AnalyzerAnswer } | { ok: false; error: string };

/**
 * The model's reply as a validated answer. The JSON may be the whole reply, inside a fenced
 * block, or between the first "{" and the last "}"; the first candidate that is JSON is validated.
 */
export function parseAnswer(reply: string): ParsedAnswer {
  const json = firstJsonValue(reply);
  if (json === undefined) return { ok: false, error: 'The answer is not JSON (no JSON object found).' };
  const result = analyzerAnswerSchema.safeParse(json);
  if (result.success) return { ok: true, answer: result.data };
  return { ok: false, error: `The JSON does not match the schema: ${z.prettifyError(result.error)}` };
}

function firstJsonValue(reply: string): unknown {
  for (const candidate of jsonCandidates(reply)) {
    try {
      return JSON.parse(candidate);
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

function jsonCandidates(reply: string): string[] {
  const candidates = [reply.trim()];
  const fenced = /```(?:json)?\s*\n([\s\S]*?)\n\s*```/i.exec(reply);
  if (fenced) candidates.push(fenced[1].trim());
  const first = reply.indexOf('{');
  const last = reply.lastIndexOf('}');
  if (first >= 0 && last > first) candidates.push(reply.slice(first, last + 1));
  return candidates;
}
