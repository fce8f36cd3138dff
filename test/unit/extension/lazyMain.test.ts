import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CommandTable } from '../../../src/extension/activation/commandTable.js';
import { LazyMain, MainBundleError } from '../../../src/extension/activation/lazyMain.js';

test('LazyMain starts the main bundle once, on the first get()', () => {
  let starts = 0;
  const main = new LazyMain(() => ({ started: ++starts }), () => assert.fail('no failure to report'));
  assert.equal(main.isLoaded, false);
  assert.deepEqual(main.get(), { started: 1 });
  assert.deepEqual(main.get(), { started: 1 });
  assert.equal(main.isLoaded, true);
  assert.equal(starts, 1);
});

test('LazyMain reports a failure to start and throws it, to every caller, without starting twice', () => {
  let starts = 0;
  const reported: MainBundleError[] = [];
  const main = new LazyMain<object>(
    () => {
      starts++;
      throw new Error("Cannot find module 'dist/extensionMain.js'");
    },
    (error) => reported.push(error),
  );
  assert.throws(() => main.get(), (error: unknown) => error instanceof MainBundleError && /Cannot find module/.test(error.message));
  assert.throws(() => main.get(), MainBundleError);
  assert.equal(starts, 1, 'a bundle that may have registered part of itself is not started again');
  assert.equal(reported.length, 2, 'each caller that needed it is told');
  assert.equal(main.isLoaded, false);
});

test('CommandTable runs the registered handler with its arguments, without starting the main bundle', () => {
  const table = new CommandTable();
  table.register('headroom.showLog', (...args: unknown[]) => args.length);
  assert.equal(table.run('headroom.showLog', ['a', 'b'], () => assert.fail('the handler is there')), 2);
});

test('CommandTable starts the main bundle for a command without a handler, then runs the handler it registered', () => {
  const table = new CommandTable();
  let starts = 0;
  const startMain = () => {
    starts++;
    table.register('headroom.learn', () => 'learned');
  };
  assert.equal(table.run('headroom.learn', [], startMain), 'learned');
  assert.equal(starts, 1);
});

test('CommandTable: a command still without a handler after the start is an error; a failed start is thrown', () => {
  const table = new CommandTable();
  assert.throws(() => table.run('headroom.learn', [], () => {}), /headroom\.learn has no handler/);
  assert.throws(
    () =>
      table.run('headroom.learn', [], () => {
        throw new MainBundleError('missing');
      }),
    MainBundleError,
  );
});

test('CommandTable: one handler per command; disposing it frees the id', () => {
  const table = new CommandTable();
  const registration = table.register('headroom.learn', () => 1);
  assert.throws(() => table.register('headroom.learn', () => 2), /already has a handler/);
  registration.dispose();
  assert.equal(table.has('headroom.learn'), false);
  table.register('headroom.learn', () => 3);
  assert.equal(table.run('headroom.learn', [], () => {}), 3);
});
