import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { Commands } from '../../../src/extension/commands.js';

const root = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

test('the command map lists exactly the commands package.json contributes', () => {
  const contributed = manifest.contributes.commands.map((command: { command: string }) => command.command).sort();
  assert.deepEqual(Object.values(Commands).sort(), contributed);
});

test('src/extension names a headroom.* command only through the command map', () => {
  const ids = new Set<string>(Object.values(Commands));
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && full !== path.join(root, 'src', 'extension', 'commands.ts')) {
        for (const match of readFileSync(full, 'utf8').matchAll(/['"`](headroom\.[A-Za-z.]+)['"`]/g)) {
          if (ids.has(match[1]!)) offenders.push(`${path.relative(root, full)}: ${match[1]}`);
        }
      }
    }
  };
  walk(path.join(root, 'src', 'extension'));
  assert.deepEqual(offenders, []);
});
