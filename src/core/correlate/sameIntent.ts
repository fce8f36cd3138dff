import { isDeepStrictEqual } from 'node:util';
import type { ToolCall } from '../model/toolCall.js';
import { sameCommandIntent } from './commandIntent.js';
import { isPathTool, sameFileIntent } from './fileIntent.js';
import type { IntentMatch } from './intent.js';
import { sameNameIntent } from './nameIntent.js';
import { SEARCH_TOOLS, sameSearchIntent } from './searchIntent.js';

/**
 * A name the tooling did not know, called under another name, first (any tool); else dispatches to the rule of the
 * failed call's tool family. Calls of different families never pair.
 */
export function sameIntent(failed: ToolCall, candidate: ToolCall): IntentMatch {
  const renamed = sameNameIntent(failed, candidate);
  if (renamed) return renamed;
  if (failed.tool === 'Bash') return candidate.tool === 'Bash' ? sameCommandIntent(failed, candidate) : undefined;
  if (SEARCH_TOOLS.has(failed.tool)) return sameSearchIntent(failed, candidate);
  if (isPathTool(failed.tool)) return sameFileIntent(failed, candidate);
  return failed.tool === candidate.tool && failed.originalTool === candidate.originalTool && isDeepStrictEqual(failed.input, candidate.input)
    ? 'retry'
    : undefined;
}
