/**
 * How a target file's bytes become the text the planner edits, and back, so that every byte outside the marker
 * section survives an edit. The rule, applied in this order:
 * 1. a UTF-32 byte-order mark → refused (no agent reads it; rare enough not to guess at);
 * 2. a UTF-16 byte-order mark (FF FE, FE FF) → UTF-16 LE/BE; the text keeps U+FEFF first, so it is written back;
 * 3. valid UTF-8 (with or without its BOM, which stays in the text as U+FEFF as Node reads it) → UTF-8;
 * 4. anything else with a NUL byte → refused (UTF-16 without a BOM, or not text at all);
 * 5. anything else → Windows-1252, the legacy 8-bit encoding of files written on Windows and a superset of
 *    Latin-1's printable characters. Text in a legacy 8-bit encoding with any non-ASCII byte is almost never valid
 *    UTF-8, so step 3 does not take it. The mapping is one to one for all 256 byte values (the five bytes
 *    Windows-1252 leaves undefined map to the C1 controls, as WHATWG decodes them), so the text outside the
 *    markers is written back byte for byte whatever 8-bit encoding the file really uses. The section is written
 *    only when Windows-1252 can represent every character of the new text; otherwise the file is refused, never
 *    written with a mixture of encodings.
 */
export type TextEncodingName = 'utf8' | 'utf16le' | 'utf16be' | 'windows1252';

export type DetectedEncoding = { ok: true; encoding: TextEncodingName } | { ok: false; reason: string };

/** The bytes 0x80–0x9F in Windows-1252 (undefined ones as the C1 control of the same value). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const CP1252_ENCODE = new Map<number, number>(CP1252_HIGH.map((code, i) => [code, 0x80 + i]));

/** Human name of an encoding, for messages. */
export function encodingLabel(encoding: TextEncodingName): string {
  return { utf8: 'UTF-8', utf16le: 'UTF-16 LE', utf16be: 'UTF-16 BE', windows1252: 'Windows-1252 (Latin-1)' }[encoding];
}

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
  return { ok: true, encoding: 'windows1252' };
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
    case 'windows1252': {
      let text = '';
      for (const byte of buffer) text += String.fromCharCode(byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : byte);
      return text;
    }
  }
}

/** The bytes of a text in an encoding; undefined when the encoding cannot represent one of its characters. */
export function encodeText(text: string, encoding: TextEncodingName): Buffer | undefined {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf16le':
      return Buffer.from(text, 'utf16le');
    case 'utf16be':
      return swapBytePairs(Buffer.from(text, 'utf16le'));
    case 'windows1252': {
      const bytes = Buffer.alloc(text.length);
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        const byte = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : CP1252_ENCODE.get(code);
        if (byte === undefined) return undefined;
        bytes[i] = byte;
      }
      return bytes;
    }
  }
}

/** The first character of `text` that `encoding` cannot represent, for a message. */
export function firstUnencodable(text: string, encoding: TextEncodingName): string | undefined {
  if (encoding !== 'windows1252') return undefined;
  for (const char of text) if (encodeText(char, encoding) === undefined) return char;
  return undefined;
}
