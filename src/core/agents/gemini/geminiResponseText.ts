import { geminiFunctionResponsePartSchema } from './geminiRecordSchemas.js';

export interface GeminiResponse {
  /** The whole result text the model saw (output or error), parts joined by newlines. */
  text: string;
  /** True when a functionResponse carried `{error: …}` rather than `{output: …}`. */
  hasError: boolean;
}

/**
 * The text of a tool call's `result` (PartListUnion): a string, one part or an array
 * of parts. A functionResponse gives `response.output` on success and
 * `response.error` on failure or cancellation; any other response object is kept as JSON.
 */
export function geminiResponseText(result: unknown): GeminiResponse {
  const texts: string[] = [];
  let hasError = false;
  const parts = Array.isArray(result) ? result : result === undefined || result === null ? [] : [result];
  for (const part of parts) {
    if (typeof part === 'string') {
      texts.push(part);
      continue;
    }
    const functionResponse = geminiFunctionResponsePartSchema.safeParse(part);
    if (functionResponse.success) {
      const response = functionResponse.data.functionResponse.response;
      const { text, isError } = responseBodyText(response);
      if (isError) hasError = true;
      if (text !== '') texts.push(text);
      continue;
    }
    if (part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string') {
      texts.push((part as { text: string }).text);
    }
  }
  return { text: texts.join('\n'), hasError };
}

function responseBodyText(response: unknown): { text: string; isError: boolean } {
  if (response === undefined || response === null) return { text: '', isError: false };
  if (typeof response === 'string') return { text: response, isError: false };
  if (typeof response !== 'object') return { text: String(response), isError: false };
  const body = response as Record<string, unknown>;
  if (body.error !== undefined && body.error !== null) {
    return { text: stringify(body.error), isError: true };
  }
  if (body.output !== undefined && body.output !== null) return { text: stringify(body.output), isError: false };
  return { text: JSON.stringify(body), isError: false };
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string') {
    return (value as { message: string }).message;
  }
  return JSON.stringify(value);
}
