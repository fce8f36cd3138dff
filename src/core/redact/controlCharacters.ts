/* eslint-disable no-control-regex -- finding control characters is the point of this file */

/**
 * Terminal escape sequences, 7-bit (ESC …) and 8-bit (C1) forms: CSI (`ESC [` / U+009B, parameters,
 * a final byte: colours, `ESC[2J` clearing the screen), the string sequences OSC, DCS, SOS, PM and APC
 * (`ESC ]` / U+009D …, ended by BEL, `ESC \` or U+009C: OSC 52 sets the clipboard, OSC 8 makes links), and
 * the other two-character escapes (`ESC c` resets the terminal). An unterminated string sequence ends
 * at the line's end: a terminal would swallow the rest, here only the rest of that line goes.
 */
const ESCAPE_SEQUENCE =
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c\n]*(?:\u0007|\u001b\\|\u009c)?|\u001b[ -/]*[0-~]?/g;

/** C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides and isolates (text that reads other than it runs). */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Line breaks other than `\n`: CRLF, a lone CR (progress bars redraw with it), the Unicode line and paragraph separators. */
const OTHER_LINE_BREAK = /\r\n?|[\u2028\u2029]/g;

/**
 * Every character one of the three expressions above starts a match with (ESC, C1 controls, CR, U+2028/U+2029 and
 * the controls themselves): a text without any is returned as it is, after one quick pass instead of three.
 */
const ANY_TO_REWRITE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2028\u2029\u2066-\u2069]/;

/**
 * Text that is safe to show on a terminal and to write into a file: no escape sequence and no control
 * character a terminal acts on; line breaks become `\n`, tabs stay. Idempotent. Every string read from a
 * session goes through this (safeSessionText) before anything else sees it.
 */
export function withoutControlCharacters(text: string): string {
  if (!ANY_TO_REWRITE.test(text)) return text;
  return text.replace(OTHER_LINE_BREAK, '\n').replace(ESCAPE_SEQUENCE, '').replace(CONTROL_CHARACTER, '');
}
