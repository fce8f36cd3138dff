import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { countLinesSync } from '../../../src/core/fs/countLines.js';
import { RefusedTargetError, resolveTargetFile } from '../../../src/core/fs/targetFile.js';
import { decodeText, detectTextEncoding, encodeText } from '../../../src/core/fs/textEncoding.js';
import { diskProjectFiles } from '../../../src/core/correlate/projectFiles.js';
import { readTextFile } from '../../../src/core/pipeline/readTextFile.js';
import { REPO, tempDir } from '../cli/cliHarness.js';

const posix = process.platform !== 'win32';

function mkfifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

test('encodings: UTF-8 (BOM or not), UTF-16 by BOM; Latin-1 and other 8-bit encodings, UTF-32 and NUL bytes refused', () => {
  assert.deepEqual(detectTextEncoding(Buffer.from('héllo', 'utf8')), { ok: true, encoding: 'utf8' });
  assert.deepEqual(detectTextEncoding(Buffer.from('\uFEFFhi', 'utf8')), { ok: true, encoding: 'utf8' });
  assert.deepEqual(detectTextEncoding(Buffer.from('\uFEFFhi', 'utf16le')), { ok: true, encoding: 'utf16le' });
  assert.deepEqual(detectTextEncoding(Buffer.from([0xfe, 0xff, 0, 0x68])), { ok: true, encoding: 'utf16be' });
  assert.match(String((detectTextEncoding(Buffer.from([0x63, 0x61, 0x66, 0xe9])) as { reason: string }).reason), /not UTF-8 or UTF-16 .*convert it to UTF-8/);
  assert.equal(detectTextEncoding(Buffer.from([0xff, 0xfe, 0, 0, 0x68, 0, 0, 0])).ok, false);
  assert.equal(detectTextEncoding(Buffer.from([0x68, 0, 0xe9])).ok, false);
});

test('every byte string decodes and encodes back to the same bytes in its detected encoding', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      const detected = detectTextEncoding(bytes);
      if (!detected.ok) return;
      const back = encodeText(decodeText(bytes, detected.encoding), detected.encoding);
      assert.ok(Buffer.from(bytes).equals(back));
    }),
    { numRuns: 2000 },
  );
});

test('UTF-16 BE is written back with its BOM first', () => {
  assert.deepEqual([...encodeText('\uFEFFh', 'utf16be')], [0xfe, 0xff, 0, 0x68]);
});

test('resolveTargetFile follows links inside the root and refuses links that lead outside it, dangling ones and special files', { skip: !posix }, async () => {
  const root = tempDir('learn-target-');
  const project = path.join(root, 'project');
  fs.mkdirSync(path.join(project, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(root, '.gitconfig'), '[user]\n');
  fs.writeFileSync(path.join(project, 'docs', 'real.md'), 'x\n');
  fs.symlinkSync('../.gitconfig', path.join(project, 'CLAUDE.md'));
  fs.symlinkSync('docs/real.md', path.join(project, 'AGENTS.md'));
  fs.symlinkSync('nowhere.md', path.join(project, 'GEMINI.md'));
  fs.symlinkSync(root, path.join(project, 'up'));
  mkfifo(path.join(project, 'MEMORY.md'));

  assert.equal(await resolveTargetFile(path.join(project, 'AGENTS.md'), project), fs.realpathSync(path.join(project, 'docs', 'real.md')));
  assert.equal(await resolveTargetFile(path.join(project, 'NEW.md'), project), path.join(fs.realpathSync(project), 'NEW.md'));
  await assert.rejects(resolveTargetFile(path.join(project, 'CLAUDE.md'), project), (e: unknown) => e instanceof RefusedTargetError && /outside/.test(e.message));
  await assert.rejects(resolveTargetFile(path.join(project, 'up', 'CLAUDE.md'), project), /outside/);
  await assert.rejects(resolveTargetFile(path.join(project, 'GEMINI.md'), project), /does not exist/);
  await assert.rejects(resolveTargetFile(path.join(project, 'MEMORY.md'), project), /named pipe \(FIFO\)/);
  // readTextFile refuses the same way without blocking on the FIFO, also without a root.
  await assert.rejects(readTextFile(path.join(project, 'MEMORY.md')), (e: unknown) => e instanceof RefusedTargetError && /FIFO/.test(e.message));
  await assert.rejects(readTextFile(path.join(project, 'CLAUDE.md'), { root: project }), RefusedTargetError);
  assert.equal(await readTextFile(path.join(project, 'AGENTS.md'), { root: project }), 'x\n');
});

test('line counts: a FIFO and /dev/zero are not read (no hang), a file is counted', { skip: !posix }, () => {
  const dir = tempDir('learn-lines-');
  mkfifo(path.join(dir, 'pipe.log'));
  fs.writeFileSync(path.join(dir, 'a.txt'), 'one\ntwo\nthree');
  fs.writeFileSync(path.join(dir, 'b.txt'), '');
  const files = diskProjectFiles(dir);
  assert.equal(files.lineCount('pipe.log'), undefined);
  assert.equal(files.lineCount('/dev/zero'), undefined);
  assert.equal(files.lineCount('a.txt'), 3);
  assert.equal(files.lineCount('b.txt'), 0);
  assert.equal(countLinesSync(path.join(dir, 'a.txt'), 4), undefined);
});

test('the line count of a 200 MB file streams in bounded memory', { skip: !posix }, () => {
  const dir = tempDir('learn-huge-');
  const file = path.join(dir, 'huge.log');
  const fd = fs.openSync(file, 'w');
  const block = Buffer.alloc(1024 * 1024, 'x\n'.repeat(512));
  for (let i = 0; i < 200; i++) fs.writeSync(fd, block);
  fs.closeSync(fd);
  const script = `
    const { diskProjectFiles } = require(${JSON.stringify(path.join(REPO, 'src/core/correlate/projectFiles.ts'))});
    const lines = diskProjectFiles(${JSON.stringify(dir)}).lineCount('huge.log');
    process.stdout.write(JSON.stringify({ lines, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: REPO, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const { lines, maxRssMb } = JSON.parse(run.stdout) as { lines: number; maxRssMb: number };
  assert.equal(lines, 200 * 512 * 1024);
  assert.ok(maxRssMb < 180, `peak RSS ${maxRssMb} MB while counting a 200 MB file`);
});
