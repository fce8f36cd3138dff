import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyError } from '../../../../src/core/logs/classifyError.js';

/** The rules added to classifyError.ts for Gemini CLI's own error texts (agent-neutral wording). */

test('timeout: "exceeded the timeout"', () => {
  assert.equal(classifyError('Command was automatically cancelled because it exceeded the timeout of 5.0 minutes without output.'), 'timeout');
});

test('file_too_large: "exceeds the 20MB limit"', () => {
  assert.equal(classifyError('File size exceeds the 20MB limit: /repo/data.bin (31.20MB)'), 'file_too_large');
});

test('permission_denied: "denied by policy"', () => {
  assert.equal(classifyError('Tool execution denied by policy. You are in Plan Mode with access to read-only tools.'), 'permission_denied');
});

test('permission_denied: "Path not in workspace" / "outside the allowed workspace"', () => {
  assert.equal(classifyError('Path not in workspace: Attempted path "/etc/hosts" resolves outside the allowed workspace directories: /repo'), 'permission_denied');
  assert.equal(classifyError('Resolved path resolves outside the allowed workspace directories'), 'permission_denied');
});

test('tool_validation: "params must have required property"', () => {
  assert.equal(classifyError("params must have required property 'file_path'"), 'tool_validation');
});

test('tool_validation: "Invalid parameters provided"', () => {
  assert.equal(classifyError('Invalid parameters provided. Reason: Command cannot be empty.'), 'tool_validation');
});

test('tool_validation: "not found in registry"', () => {
  assert.equal(classifyError('Tool "edit_file" not found in registry. Tools must use the exact names that are registered.'), 'tool_validation');
});
