import type { ClaudeToolResultBlock } from './claudeRecords.js';

/**
 * The text of a tool_result: its string content, or the text parts of its content
 * list joined by newlines (MCP tools and image reads answer with lists). Parts
 * without text are named, e.g. "[image]", so an image-only result is not empty.
 */
export function claudeResultText(content: ClaudeToolResultBlock['content']): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (typeof part.text === 'string' ? part.text : `[${part.type}]`)).join('\n');
}
