import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyError } from '../../../src/core/logs/classifyError.js';
import type { ErrorKind } from '../../../src/core/model/toolCall.js';

// One real-looking message per error kind, as the three agents print them.
const CASES: ReadonlyArray<readonly [ErrorKind, string, number?]> = [
  ['file_not_found', '<tool_use_error>File does not exist.</tool_use_error>'],
  ['file_not_found', "cat: services/api/app/models/order.py: No such file or directory", 1],
  ['file_not_found', 'Path does not exist: /repo/modules/billing/src'],
  ['module_not_found', "Traceback (most recent call last):\nModuleNotFoundError: No module named 'fastapi'", 1],
  ['module_not_found', "Error: Cannot find module 'vitest'", 1],
  ['command_not_found', 'bash: line 1: uvx: command not found', 127],
  ['command_not_found', '/bin/sh: 1: poetry: not found', 1],
  ['permission_denied', 'tail: cannot open /var/log/shop/api.log for reading: Permission denied', 1],
  ['permission_denied', 'Permission to use Bash with command rm -rf build has been denied.'],
  ['file_too_large', 'File content (41230 tokens) exceeds maximum allowed tokens (25000). Please use offset and limit parameters to read specific portions of the file.'],
  ['is_directory', 'EISDIR: illegal operation on a directory, read'],
  ['no_matches', 'No matches found for pattern "OrderStatus" in path "web/src"'],
  ['syntax_error', '  File "x.py", line 3\n    def f(:\nSyntaxError: invalid syntax', 1],
  ['syntax_error', "src/cart.ts(4,1): error TS1005: ';' expected.", 2],
  ['timeout', 'Command timed out after 2m 0.0s', 124],
  ['exit_code', 'FAILED tests/test_cart.py::test_total - assert 41 == 42', 1],
  ['tool_validation', '<tool_use_error>InputValidationError: Read failed due to the following issue: The required parameter `file_path` is missing</tool_use_error>'],
  ['edit_mismatch', '<tool_use_error>String to replace not found in file.\nString: foo</tool_use_error>'],
  ['other', 'something went wrong'],
];

for (const [kind, text, exitCode] of CASES) {
  test(`classifies "${text.split('\n').pop()!.slice(0, 60)}" as ${kind}`, () => {
    assert.equal(classifyError(text, exitCode), kind);
  });
}

test('a TypeScript type error mentioning "does not exist" is a failed build, not a missing file', () => {
  const text = "src/cart.ts(12,20): error TS2339: Property 'label' does not exist on type 'Cart'.";
  assert.equal(classifyError(text, 2), 'exit_code');
});

test('a Go test failure whose log mentions "context deadline exceeded" is not a timeout', () => {
  const text = '--- FAIL: TestFetch (0.01s)\n    client_test.go:40: Error: context deadline exceeded\nFAIL';
  assert.equal(classifyError(text, 1), 'exit_code');
});

test('exit code 127 is command_not_found even when the text says nothing', () => {
  assert.equal(classifyError('', 127), 'command_not_found');
});

test('an HTTP "Not Found (404)" from a tool is not a missing command', () => {
  assert.notEqual(classifyError('request failed: Not Found (404)', 1), 'command_not_found');
});
