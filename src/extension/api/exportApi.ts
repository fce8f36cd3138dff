// Light (the entry bundle builds activate()'s value with it): only `vscode` and types.
import * as vscode from 'vscode';
import type { HeadroomLearnApi } from './headroomApi.js';
import type { HeadroomTestingApi, HeadroomTestingHooks } from './testingHooks.js';

/**
 * The one gate for test hooks: VS Code runs an extension in ExtensionMode.Test only when it is loaded from
 * extensionDevelopmentPath by a test runner (extensionTestsPath: our code-server and @vscode/test-electron
 * runners). An installed Headroom Learn is in Production mode, also while another extension's tests run, so
 * other extensions never get these hooks; no environment variable or setting can turn them on.
 */
export function testHooksEnabled(mode: vscode.ExtensionMode): boolean {
  return mode === vscode.ExtensionMode.Test;
}

/**
 * activate()'s return value: the public API, frozen, plus (under extension tests only) a `testing` property with
 * the hooks. `hooks` is called only when the gate is open, on the first read of `testing`.
 */
export function exportApi(context: vscode.ExtensionContext, api: HeadroomLearnApi, hooks: () => HeadroomTestingHooks): HeadroomLearnApi {
  if (!testHooksEnabled(context.extensionMode)) return Object.freeze({ ...api });
  // A getter: the hooks are the main bundle's, which starts when the tests first read them, not at activation.
  let testing: HeadroomTestingApi | undefined;
  const withTesting = Object.defineProperty({ ...api }, 'testing', {
    enumerable: true,
    get: () => (testing ??= Object.freeze({ ...hooks(), logUri: context.logUri, globalStorageUri: context.globalStorageUri })),
  });
  return Object.freeze(withTesting);
}
