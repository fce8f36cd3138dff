// Entry point of the in-host integration suite: the extension host loads it through extensionTestsPath and
// calls run(). Used by both runners: code-server (test/harness/run-host-tests.mjs) and @vscode/test-electron
// (test/harness/run-electron-tests.mjs). Compiled to out/test/host/ by test/harness/build-host-suite.mjs.
import * as fs from 'node:fs';
import * as path from 'node:path';

export async function run(): Promise<void> {
  // mocha 12 is an ES module; import() works from this CommonJS file in every extension host.
  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000 });
  const testFiles = fs.readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort();
  for (const name of testFiles) mocha.addFile(path.join(__dirname, name));

  const { passes, failures } = await new Promise<{ passes: number; failures: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0 }));
  });
  console.log(`${passes} passed, ${failures} failed`);
  if (failures > 0 || passes === 0) throw new Error(`${failures} of ${passes + failures} in-host tests failed`);
}
