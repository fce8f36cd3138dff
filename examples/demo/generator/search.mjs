// A tiny ripgrep stand-in over examples/demo/project, so search results in the logs match the files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { PROJECT_DIR } from './lib.mjs';

export function listFiles(relDir) {
  const root = path.join(PROJECT_DIR, relDir);
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(path.relative(PROJECT_DIR, full).split(path.sep).join('/'));
    }
  };
  if (statSync(root).isDirectory()) walk(root);
  else out.push(relDir);
  return out;
}

/** Matches as { file, line, text } (file relative to the project), in path order. */
export function search(pattern, relDir) {
  const re = new RegExp(pattern);
  const hits = [];
  for (const file of listFiles(relDir)) {
    readFileSync(path.join(PROJECT_DIR, file), 'utf8')
      .split('\n')
      .forEach((text, i) => {
        if (re.test(text)) hits.push({ file, line: i + 1, text });
      });
  }
  return hits;
}

export function matchingFiles(pattern, relDir) {
  return [...new Set(search(pattern, relDir).map((h) => h.file))];
}
