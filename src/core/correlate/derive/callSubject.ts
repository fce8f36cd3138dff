import { boundedLine } from '../../model/boundedLine.js';
import type { ToolCall } from '../../model/toolCall.js';
import { toCallRef } from '../callRef.js';
import { commandOf, pathOf, patternOf } from '../callViews.js';
import { isPathTool } from '../fileIntent.js';
import { commandSubject } from './commandSubject.js';
import { SEARCH_TOOLS, searchScope } from '../searchIntent.js';
import type { DeriveContext } from './deriveContext.js';

/**
 * Bounds what a finding keeps of a call (a tool's whole JSON input can be kilobytes). Longer than the longest code
 * span a rule may name (MAX_CODE_SPAN_CHARS), so a rule on a cut subject is dropped, never written cut.
 */
const SUBJECT_MAX_CHARS = 120;

/** What a call was about, as shown in a rule: the kind of command (`golangci-lint run`), the file, or the search. */
export function callSubject(call: ToolCall, ctx: DeriveContext): string {
  let subject: string;
  if (call.tool === 'Bash') subject = commandSubject(commandOf(call) ?? '');
  else if (isPathTool(call.tool)) subject = ctx.relative(pathOf(call) ?? '', toCallRef(call));
  else if (SEARCH_TOOLS.has(call.tool)) subject = `${patternOf(call) ?? ''} in ${searchScope(call)}`;
  else subject = JSON.stringify(call.input);
  return boundedLine(subject, SUBJECT_MAX_CHARS);
}
