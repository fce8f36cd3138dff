import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURES } from './evidenceFixture.js';

interface FakeCliCall {
  name: string;
  args: string[];
  stdin: string;
  cwd: string;
}

export interface FakeClis {
  /** Folder holding the fake executables; put first on PATH. */
  bin: string;
  /** Parent folder for the CLI's fresh working directories. */
  tempRoot: string;
  env(mode: string, answers: string[]): Record<string, string>;
  calls(): FakeCliCall[];
}

/** Fake claude, gemini and codex executables (shell wrappers around fakeAgentCli.mjs) in a temp folder. */
export function makeFakeClis(names: readonly string[] = ['claude', 'gemini', 'codex']): FakeClis {
  const root = mkdtempSync(path.join(os.tmpdir(), 'headroom-fake-cli-'));
  const bin = path.join(root, 'bin');
  const tempRoot = path.join(root, 'work');
  mkdirSync(bin);
  mkdirSync(tempRoot);
  const script = path.join(FIXTURES, 'fakeAgentCli.mjs');
  for (const name of names) {
    const file = path.join(bin, name);
    writeFileSync(file, `#!/bin/sh\nexec "${process.execPath}" "${script}" "$0" "$@"\n`);
    chmodSync(file, 0o755);
  }
  const record = path.join(root, 'calls.jsonl');
  const answersFile = path.join(root, 'answers.json');
  return {
    bin,
    tempRoot,
    env(mode, answers) {
      writeFileSync(answersFile, JSON.stringify(answers));
      return { PATH: `${bin}:/usr/bin:/bin`, HOME: root, FAKE_MODE: mode, FAKE_RECORD: record, FAKE_ANSWERS: answersFile };
    },
    calls() {
      if (!existsSync(record)) return [];
      return readFileSync(record, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as FakeCliCall);
    },
  };
}
