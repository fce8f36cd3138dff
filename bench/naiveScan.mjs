// The naive baseline of `npm run bench`: read every session file whole and JSON.parse every line (a Gemini .json
// session as one document). About what the reference tool does; the scanner is measured against it.
//   node bench/naiveScan.mjs DIR...
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

let records = 0;
let bytes = 0;
for (const dir of process.argv.slice(2)) {
  let names;
  try {
    names = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    continue;
  }
  for (const name of names) {
    if (!/\.jsonl?$/.test(name)) continue;
    const file = path.join(dir, name);
    let text;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    bytes += Buffer.byteLength(text);
    const lines = name.endsWith('.json') ? [text] : text.split('\n');
    for (const line of lines) {
      if (line.trim() === '') continue;
      try {
        JSON.parse(line);
        records += 1;
      } catch {
        // a damaged line: skipped, as any reader would
      }
    }
  }
}
console.log(JSON.stringify({ records, bytes }));
