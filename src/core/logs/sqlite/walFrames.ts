/**
 * SQLite's write-ahead log, applied to a copy of the database image, so a reader that cannot open a WAL database
 * (sql.js keeps the whole database in memory and has no shared-memory index) still sees every committed
 * transaction. OpenCode opens opencode.db with `PRAGMA journal_mode = WAL` (anomalyco/opencode
 * packages/opencode/src/storage/db.ts), and Cursor's state.vscdb runs in WAL mode too: the newest sessions are
 * often only in the `-wal` file until the agent checkpoints.
 *
 * The format is SQLite's own (https://www.sqlite.org/fileformat2.html#walformat): a 32-byte header (magic,
 * version, page size, checkpoint sequence, two salts, a checksum), then frames of a 24-byte header (page number,
 * database size in pages for the frame that commits a transaction, the salts, a running checksum) and one page.
 * Only frames up to the last valid commit frame count, exactly as SQLite's recovery reads them: a frame whose
 * salts differ from the header's, or whose running checksum does not match, ends the log.
 */

const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;
const WAL_MAGIC_LITTLE_ENDIAN = 0x377f0682;
const WAL_MAGIC_BIG_ENDIAN = 0x377f0683;
/** Offsets 18 and 19 of the database header: file format write/read version, 2 for WAL, 1 for a rollback journal. */
const FORMAT_VERSION_OFFSETS = [18, 19] as const;

interface Checksum {
  s0: number;
  s1: number;
}

/** SQLite's WAL checksum over `bytes` (a multiple of 8), continuing from `start`. */
function walChecksum(bytes: Uint8Array, bigEndian: boolean, start: Checksum): Checksum {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let { s0, s1 } = start;
  for (let i = 0; i + 8 <= bytes.byteLength; i += 8) {
    s0 = (s0 + view.getUint32(i, !bigEndian) + s1) >>> 0;
    s1 = (s1 + view.getUint32(i + 4, !bigEndian) + s0) >>> 0;
  }
  return { s0, s1 };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.byteLength + b.byteLength);
  joined.set(a, 0);
  joined.set(b, a.byteLength);
  return joined;
}

/** The committed pages of a WAL: the latest committed copy of each page, and the database size after the last commit. */
export interface CommittedWal {
  pageSize: number;
  /** Database size in pages after the last committed transaction. */
  pages: number;
  /** Page number (1-based) → that page's bytes. */
  frames: Map<number, Uint8Array>;
}

/** The committed part of a WAL file, or undefined when it has no valid header or no committed transaction. */
export function readCommittedWal(wal: Uint8Array): CommittedWal | undefined {
  if (wal.byteLength < WAL_HEADER_BYTES) return undefined;
  const view = new DataView(wal.buffer, wal.byteOffset, wal.byteLength);
  const magic = view.getUint32(0, false);
  if (magic !== WAL_MAGIC_LITTLE_ENDIAN && magic !== WAL_MAGIC_BIG_ENDIAN) return undefined;
  const bigEndian = magic === WAL_MAGIC_BIG_ENDIAN;
  const pageSize = view.getUint32(8, false);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return undefined;
  const salt1 = view.getUint32(16, false);
  const salt2 = view.getUint32(20, false);
  let checksum = walChecksum(wal.subarray(0, 24), bigEndian, { s0: 0, s1: 0 });
  if (checksum.s0 !== view.getUint32(24, false) || checksum.s1 !== view.getUint32(28, false)) return undefined;

  const committed = new Map<number, Uint8Array>();
  const pending = new Map<number, Uint8Array>();
  let pages: number | undefined;
  const frameBytes = FRAME_HEADER_BYTES + pageSize;
  for (let offset = WAL_HEADER_BYTES; offset + frameBytes <= wal.byteLength; offset += frameBytes) {
    const pageNumber = view.getUint32(offset, false);
    const sizeAfterCommit = view.getUint32(offset + 4, false);
    if (pageNumber === 0) break;
    if (view.getUint32(offset + 8, false) !== salt1 || view.getUint32(offset + 12, false) !== salt2) break;
    const page = wal.subarray(offset + FRAME_HEADER_BYTES, offset + frameBytes);
    checksum = walChecksum(concat(wal.subarray(offset, offset + 8), page), bigEndian, checksum);
    if (checksum.s0 !== view.getUint32(offset + 16, false) || checksum.s1 !== view.getUint32(offset + 20, false)) break;
    pending.set(pageNumber, page);
    if (sizeAfterCommit !== 0) {
      for (const [n, bytes] of pending) committed.set(n, bytes);
      pending.clear();
      pages = sizeAfterCommit;
    }
  }
  return pages === undefined ? undefined : { pageSize, pages, frames: committed };
}

/**
 * The database as SQLite would read it with its WAL: the committed WAL pages written over a copy of the main
 * file, cut or grown to the size of the last commit, and marked as a rollback-journal database (header bytes 18
 * and 19 set to 1) so an in-memory reader opens it without looking for a WAL. Without a committed WAL the
 * database bytes themselves are marked and returned, not copied (a database can be hundreds of megabytes): the
 * caller passes bytes it owns, read for this.
 */
export function databaseWithWal(database: Uint8Array, wal: Uint8Array | undefined): Uint8Array {
  const committed = wal ? readCommittedWal(wal) : undefined;
  let image = database;
  if (committed) {
    image = new Uint8Array(committed.pages * committed.pageSize);
    image.set(database.subarray(0, Math.min(database.byteLength, image.byteLength)), 0);
    for (const [pageNumber, page] of committed.frames) {
      if (pageNumber <= committed.pages) image.set(page, (pageNumber - 1) * committed.pageSize);
    }
  }
  if (image.byteLength > FORMAT_VERSION_OFFSETS[1]) for (const offset of FORMAT_VERSION_OFFSETS) if (image[offset] === 2) image[offset] = 1;
  return image;
}
