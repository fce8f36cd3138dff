/**
 * The text of a Codex `*_output` item. `output` is normally a string; code-mode
 * outputs are an array of `input_text` / `input_image` items; some builds wrote
 * `{content, success}`. Images become a placeholder, never their data.
 */
export function outputText(output: unknown): string {
  if (typeof output === 'string') return output;
  if (Array.isArray(output)) return joinItems(output);
  if (output && typeof output === 'object') {
    const content = (output as { content?: unknown }).content;
    if (typeof content === 'string') return content;
    if (Array.isArray(content)) return joinItems(content);
  }
  return output === undefined || output === null ? '' : JSON.stringify(output);
}

/** Items on their own lines (code mode prints each `text()` call as one item). */
function joinItems(items: unknown[]): string {
  let text = '';
  for (const item of items) {
    const part = contentItemText(item);
    if (part === '') continue;
    text += text === '' || text.endsWith('\n') ? part : `\n${part}`;
  }
  return text;
}

function contentItemText(item: unknown): string {
  if (typeof item === 'string') return item;
  if (!item || typeof item !== 'object') return '';
  const { type, text } = item as { type?: unknown; text?: unknown };
  if (typeof text === 'string') return text;
  if (typeof type === 'string' && type.includes('image')) return '[image]';
  return '';
}
