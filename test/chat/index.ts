// Entry point of the VS Code chat suite (npm run test:chat, test/harness/run-chat-tests.mjs): the extension host
// loads it through extensionTestsPath and calls run(). Compiled to out/test/chat/ like the in-host suite.
import * as fs from 'node:fs';
import * as path from 'node:path';

export async function run(): Promise<void> {
  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 120_000 });
  const testFiles = fs.readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort();
  for (const name of testFiles) mocha.addFile(path.join(__dirname, name));
  const { passes, failures } = await new Promise<{ passes: number; failures: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0 }));
  });
  console.log(`${passes} passed, ${failures} failed`);
  if (failures > 0 || passes === 0) throw new Error(`${failures} of ${passes + failures} VS Code chat tests failed`);
}
