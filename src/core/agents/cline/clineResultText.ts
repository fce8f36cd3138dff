/**
 * The text of a tool result, whatever block shape holds it: a string; Anthropic content blocks
 * (`[{ type: 'text', text }]`, images left out); or an AI SDK `ToolResultPart.output`
 * (`{ type: 'text' | 'error-text', value }`, `{ type: 'json' | 'error-json', value }`,
 * `{ type: 'content', value: [{ type: 'text', text }] }`), whose `error-*` types mark a failure.
 */
export interface ResultText {
  text: string;
  /** The result's own shape says it is an error (AI SDK `error-text` / `error-json`). */
  errorShape: boolean;
}

export function resultText(content: unknown): ResultText {
  if (typeof content === 'string') return { text: content, errorShape: false };
  if (Array.isArray(content)) return { text: blocksText(content), errorShape: false };
  if (content !== null && typeof content === 'object') {
    const output = content as { type?: unknown; value?: unknown };
    const errorShape = output.type === 'error-text' || output.type === 'error-json';
    if (typeof output.value === 'string') return { text: output.value, errorShape };
    if (Array.isArray(output.value)) return { text: blocksText(output.value), errorShape };
    if (output.value !== undefined) return { text: JSON.stringify(output.value), errorShape };
  }
  return { text: '', errorShape: false };
}

function blocksText(blocks: readonly unknown[]): string {
  const texts: string[] = [];
  for (const block of blocks) {
    if (typeof block === 'string') texts.push(block);
    else if (block !== null && typeof block === 'object' && typeof (block as { text?: unknown }).text === 'string') texts.push((block as { text: string }).text);
  }
  return texts.join('\n');
}

/** The header Cline and Roo Code put before a result: `[execute_command for 'npm test'] Result:`. */
const RESULT_HEADER = /^\[([a-z_]+)(?: for [^\n]*?)?\] Result:[ \t]*(?:\r?\n|$)/;

/** A result header's tool name and the text after it, when the text starts with one. */
export function splitResultHeader(text: string): { tool: string; rest: string } | undefined {
  const match = RESULT_HEADER.exec(text);
  return match ? { tool: match[1], rest: text.slice(match[0].length) } : undefined;
}
