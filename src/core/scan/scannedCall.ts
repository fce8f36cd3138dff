import { OK_OUTPUT_EXCERPT_CHARS, type ToolCall } from '../model/toolCall.js';
import { excerptOfSafeText } from '../redact/safeSessionText.js';
import { safeToolCall } from './safeToolCall.js';

/**
 * A parsed call as a scan keeps it: made safe (safeToolCall), and for a call that succeeded only a short excerpt
 * of its output (only failures need their full excerpt; a long history of successes would otherwise dominate
 * memory). Depends on the call alone, so the scan cache keeps it ready for the next scan.
 */
export function scannedCall(call: ToolCall): ToolCall {
  const safe = safeToolCall(call);
  // safeToolCall made the output safe: its shorter excerpt is a cut, not a second redaction.
  if (safe.outcome === 'ok') safe.output = excerptOfSafeText(safe.output, OK_OUTPUT_EXCERPT_CHARS);
  return safe;
}
