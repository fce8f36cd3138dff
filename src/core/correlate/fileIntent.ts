import type { ErrorKind, NormalisedTool, ToolCall } from '../model/toolCall.js';
import { isRangedRead, pathOf } from './callViews.js';
import type { IntentMatch } from './intent.js';
import { nearBasename } from './nearBasename.js';
import { samePath } from './samePath.js';

const FILE_TOOLS: ReadonlySet<NormalisedTool> = new Set(['Read', 'Edit', 'Write']);
/** A later call with one of these tools proves the file was there. */
const PROVES_FILE_EXISTS: ReadonlySet<NormalisedTool> = new Set(['Read', 'Edit']);
/** Only these failures are about *where* the file is; an edit mismatch on another file is not a path fix. */
export const PATH_ERROR_KINDS: ReadonlySet<ErrorKind> = new Set(['file_not_found', 'is_directory']);

export function isPathTool(tool: NormalisedTool): boolean {
  return FILE_TOOLS.has(tool) || tool === 'LS';
}

function comparable(failed: ToolCall, candidate: ToolCall): boolean {
  if (failed.tool === candidate.tool) return true;
  return FILE_TOOLS.has(failed.tool) && PROVES_FILE_EXISTS.has(candidate.tool);
}

/** Read / Edit / Write / LS: the same file reached at a near name, or a too-large file read by range. */
export function sameFileIntent(failed: ToolCall, candidate: ToolCall): IntentMatch {
  if (!isPathTool(failed.tool) || !isPathTool(candidate.tool) || !comparable(failed, candidate)) return undefined;
  const wrong = pathOf(failed);
  const right = pathOf(candidate);
  if (!wrong || !right) return undefined;
  if (samePath(wrong, right, failed.cwd ?? candidate.cwd)) {
    if (failed.errorKind === 'file_too_large' && candidate.tool === 'Read') {
      return isRangedRead(candidate) ? { kind: 'read_range', from: wrong, to: right } : 'retry';
    }
    return candidate.tool === failed.tool ? 'retry' : undefined;
  }
  if (!failed.errorKind || !PATH_ERROR_KINDS.has(failed.errorKind)) return undefined;
  return nearBasename(wrong, right) ? { kind: 'path', from: wrong, to: right } : undefined;
}
