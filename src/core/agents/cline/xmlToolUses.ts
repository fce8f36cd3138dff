import { CLINE_FAMILY_TOOL_NAMES } from './clineToolNames.js';

export interface XmlToolUse {
  name: string;
  params: Record<string, string>;
}

const TOOL_TAG = new RegExp(`<(${CLINE_FAMILY_TOOL_NAMES.join('|')})>([\\s\\S]*?)</\\1>`, 'g');
const PARAM_TAG = /<([a-z_]+)>([\s\S]*?)<\/\1>/g;

/**
 * The tool uses an assistant message of the XML era holds in its text: `<tool_name><param>value</param>…</tool_name>`
 * for the known tool names, in order, each parameter's value trimmed (as cline/cline
 * src/core/assistant-message/parse-assistant-message.ts reads them). A tag left open (a reply cut off) is no call.
 */
export function xmlToolUses(text: string): XmlToolUse[] {
  const uses: XmlToolUse[] = [];
  for (const match of text.matchAll(TOOL_TAG)) {
    const params: Record<string, string> = {};
    for (const param of match[2].matchAll(PARAM_TAG)) {
      if (!(param[1] in params)) params[param[1]] = param[2].trim();
    }
    uses.push({ name: match[1], params });
  }
  return uses;
}
