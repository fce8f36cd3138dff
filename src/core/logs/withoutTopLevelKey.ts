/**
 * Byte-level cutting of one member out of a JSON object line, before the line is decoded and parsed: a record's
 * bulky field the scanner never reads (Claude Code's `toolUseResult`, which repeats the tool's whole output and
 * holds most of a transcript's bytes) costs neither UTF-8 decoding nor JSON.parse. Strings are skipped by jumping
 * from quote to quote (Buffer.indexOf); UTF-8 continuation bytes never equal `"` or `\`, so the jumps are exact.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * `line` without the top-level member named `key` (and the comma that joined it), or undefined when the line has
 * no such member or is not an object whose members this scanner can follow up to it (the caller then parses the
 * line whole, so a damaged line is reported exactly as before). Only the members before and including `key` are
 * followed; JSON.parse checks everything that is kept.
 */
export function withoutTopLevelKey(line: Buffer, key: Buffer): Buffer | undefined {
  let at = skipSpace(line, 0);
  if (line[at] !== OPEN_BRACE) return undefined;
  let commaBefore = -1;
  at += 1;
  for (;;) {
    at = skipSpace(line, at);
    if (line[at] !== QUOTE) return undefined;
    const memberStart = at;
    const keyEnd = skipString(line, at);
    if (keyEnd === -1) return undefined;
    at = skipSpace(line, keyEnd);
    if (line[at] !== COLON) return undefined;
    const valueEnd = skipValue(line, skipSpace(line, at + 1));
    if (valueEnd === -1) return undefined;
    at = skipSpace(line, valueEnd);
    const next = line[at];
    if (next !== COMMA && next !== CLOSE_BRACE) return undefined;
    if (keyEnd - memberStart - 2 === key.length && line.compare(key, 0, key.length, memberStart + 1, keyEnd - 1) === 0) {
      // Drop `"key":value,` when a member follows, else `,"key":value` (the last member), else the only member.
      if (next === COMMA) return Buffer.concat([line.subarray(0, memberStart), line.subarray(at + 1)]);
      if (commaBefore !== -1) return Buffer.concat([line.subarray(0, commaBefore), line.subarray(at)]);
      return Buffer.concat([line.subarray(0, memberStart), line.subarray(at)]);
    }
    if (next === CLOSE_BRACE) return undefined;
    commaBefore = at;
    at += 1;
  }
}

function skipSpace(line: Buffer, at: number): number {
  let i = at;
  for (;;) {
    const byte = line[i];
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return i;
    i += 1;
  }
}

/** The index after the string that starts at `at` (its opening quote), or -1 when it does not end. */
function skipString(line: Buffer, at: number): number {
  let from = at + 1;
  for (;;) {
    const quote = line.indexOf(QUOTE, from);
    if (quote === -1) return -1;
    let backslashes = 0;
    for (let i = quote - 1; line[i] === BACKSLASH; i--) backslashes += 1;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** The index after the value that starts at `at`, or -1 when it does not end where a value can. */
function skipValue(line: Buffer, at: number): number {
  const first = line[at];
  if (first === QUOTE) return skipString(line, at);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) return skipScalar(line, at);
  let depth = 0;
  for (let i = at; i < line.length; ) {
    const byte = line[i]!;
    if (byte === QUOTE) {
      i = skipString(line, i);
      if (i === -1) return -1;
      continue;
    }
    if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth += 1;
    else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
    i += 1;
  }
  return -1;
}

/** A number, true, false or null: up to the next delimiter. */
function skipScalar(line: Buffer, at: number): number {
  let i = at;
  while (i < line.length) {
    const byte = line[i]!;
    if (byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || byte === 0x20 || byte === 0x09 || byte === 0x0d) break;
    i += 1;
  }
  return i === at ? -1 : i;
}
