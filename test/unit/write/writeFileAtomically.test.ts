import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileChangedError, writeFileAtomically } from '../../../src/cli/writeFileAtomically.js';

async function tempFolder(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'headroom-write-'));
}

test('replaces the content and keeps mode 0640, leaving no temporary file', async (t) => {
  const dir = await tempFolder();
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'CLAUDE.md');
  await fs.writeFile(file, 'old\r\n');
  await fs.chmod(file, 0o640);
  await writeFileAtomically(file, 'old\r\nnew\r\n', { expectedText: 'old\r\n' });
  assert.equal(await fs.readFile(file, 'utf8'), 'old\r\nnew\r\n');
  assert.equal((await fs.stat(file)).mode & 0o777, 0o640);
  assert.deepEqual(await fs.readdir(dir), ['CLAUDE.md']);
});

test('refuses when the file changed since it was read, and leaves it as it is', async (t) => {
  const dir = await tempFolder();
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'AGENTS.md');
  await fs.writeFile(file, 'edited by the user meanwhile\n');
  await assert.rejects(writeFileAtomically(file, 'ours', { expectedText: 'what we read\n' }), (error: unknown) => {
    assert.ok(error instanceof FileChangedError);
    assert.match(error.message, /AGENTS\.md changed since it was read; nothing was written/);
    return true;
  });
  assert.equal(await fs.readFile(file, 'utf8'), 'edited by the user meanwhile\n');
  assert.deepEqual(await fs.readdir(dir), ['AGENTS.md']);
});

test('refuses when a file planned as new appeared meanwhile', async (t) => {
  const dir = await tempFolder();
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'GEMINI.md');
  await fs.writeFile(file, 'someone else\n');
  await assert.rejects(writeFileAtomically(file, 'ours', { expectedText: undefined }), FileChangedError);
});

test('creates missing parent folders for a new file', async (t) => {
  const dir = await tempFolder();
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, '.claude', 'projects', '-p', 'memory', 'MEMORY.md');
  await writeFileAtomically(file, 'section\n', { expectedText: undefined });
  assert.equal(await fs.readFile(file, 'utf8'), 'section\n');
});

test('writes through a symbolic link, keeping the link', async (t) => {
  const dir = await tempFolder();
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  const real = path.join(dir, 'AGENTS.md');
  const link = path.join(dir, 'CLAUDE.md');
  await fs.writeFile(real, 'a\n');
  await fs.symlink('AGENTS.md', link);
  await writeFileAtomically(link, 'b\n', { expectedText: 'a\n' });
  assert.ok((await fs.lstat(link)).isSymbolicLink());
  assert.equal(await fs.readFile(real, 'utf8'), 'b\n');
});

test('keeps a byte-order mark byte for byte', async (t) => {
  const dir = await tempFolder();
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'x.md');
  await fs.writeFile(file, Buffer.from([0xef, 0xbb, 0xbf, 0x61]));
  const read = await fs.readFile(file, 'utf8');
  await writeFileAtomically(file, `${read}b`, { expectedText: read });
  assert.deepEqual([...(await fs.readFile(file))], [0xef, 0xbb, 0xbf, 0x61, 0x62]);
});
