/**
 * How a target file's bytes become the text the planner edits, and back, so that every byte outside the marker
 * section survives an edit. The rule, applied in this order:
 * 1. a UTF-32 byte-order mark → refused (no agent reads it; rare enough not to guess at);
 * 2. a UTF-16 byte-order mark (FF FE, FE FF) → UTF-16 LE/BE; the text keeps U+FEFF first, so it is written back;
 * 3. valid UTF-8 (with or without its BOM, which stays in the text as U+FEFF as Node reads it) → UTF-8;
 * 4. anything else → refused with a message, left untouched (issue 14): a legacy 8-bit file (Latin-1, Windows-1252,
 *    Latin-2, …) cannot be told apart from another by its bytes, so the section's characters (—, →, “”) would be
 *    written as bytes that mean something else in the file's real encoding; and UTF-16 without a BOM or binary
 *    data is no rules file. Converting the file to UTF-8 lets headroom write it.
 */
export type TextEncodingName = 'utf8' | 'utf16le' | 'utf16be';

export type DetectedEncoding = { ok: true; encoding: TextEncodingName } | { ok: false; reason: string };

export function detectTextEncoding(bytes: Uint8Array): DetectedEncoding {
  const b = bytes;
  if ((b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) || (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff)) {
    return { ok: false, reason: 'it is encoded in UTF-32' };
  }
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) {
    if (b.length % 2 !== 0) return { ok: false, reason: 'it starts with a UTF-16 byte-order mark but has an odd number of bytes' };
    return { ok: true, encoding: b[0] === 0xff ? 'utf16le' : 'utf16be' };
  }
  if (isValidUtf8(b)) return { ok: true, encoding: 'utf8' };
  if (b.includes(0)) return { ok: false, reason: 'it is neither UTF-8 nor UTF-16 with a byte-order mark (it holds NUL bytes)' };
  return { ok: false, reason: 'it is not UTF-8 or UTF-16 (a legacy 8-bit encoding such as Latin-1?); convert it to UTF-8 to let headroom write it' };
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function swapBytePairs(bytes: Uint8Array): Buffer {
  const swapped = Buffer.from(bytes);
  swapped.swap16();
  return swapped;
}

/** The text of bytes in a detected encoding; a BOM stays in the text as U+FEFF. Lossless: encodeText gives the bytes back. */
export function decodeText(bytes: Uint8Array, encoding: TextEncodingName): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (encoding) {
    case 'utf8':
      return buffer.toString('utf8');
    case 'utf16le':
      return buffer.toString('utf16le');
    case 'utf16be':
      return swapBytePairs(buffer).toString('utf16le');
  }
}

/** The bytes of a text in an encoding (every one it uses holds every character). */
export function encodeText(text: string, encoding: TextEncodingName): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf16le':
      return Buffer.from(text, 'utf16le');
    case 'utf16be':
      return swapBytePairs(Buffer.from(text, 'utf16le'));
  }
}
