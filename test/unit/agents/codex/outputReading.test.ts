/** The small readers behind the Codex parser: command text, patch files, output eras, code-mode scripts, outcomes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shellCommandText } from '../../../../src/core/agents/codex/shellCommandText.js';
import { patchFiles } from '../../../../src/core/agents/codex/patchFiles.js';
import { readToolResultText } from '../../../../src/core/agents/codex/toolResultText.js';
import { readCodeModeScript } from '../../../../src/core/agents/codex/codeModeScript.js';
import { describeCodexCall } from '../../../../src/core/agents/codex/describeCodexCall.js';
import { resolveCodexOutcome } from '../../../../src/core/agents/codex/resolveCodexOutcome.js';

test('shell wrappers are dropped; other argv is joined with quoting', () => {
  assert.equal(shellCommandText(['bash', '-lc', 'npm test && echo ok']), 'npm test && echo ok');
  assert.equal(shellCommandText(['/bin/zsh', '-lc', 'pwd']), 'pwd');
  assert.equal(shellCommandText(['pwsh.exe', '-NoProfile', '-Command', 'dir']), 'dir');
  assert.equal(shellCommandText(['python3', '-c', 'import yaml']), "python3 -c 'import yaml'");
  assert.equal(shellCommandText(['bash', 'script.sh']), 'bash script.sh');
});

test('patch files come from Add/Update/Delete headers, raw or inside a JS string literal', () => {
  assert.deepEqual(patchFiles('*** Begin Patch\n*** Update File: a/b.ts\n@@\n-x\n+y\n*** Add File: c d.md\n+hi\n*** End Patch'), ['a/b.ts', 'c d.md']);
  assert.deepEqual(patchFiles('const patch = "*** Begin Patch\\n*** Delete File: /x/y.json\\n*** End Patch";'), ['/x/y.json']);
  assert.deepEqual(patchFiles('no patch here'), []);
});

test('each output era gives its exit code from its own header only', () => {
  assert.deepEqual(readToolResultText('{"output":"boom\\n","metadata":{"exit_code":3,"duration_seconds":0.1}}'), { format: 'json_metadata', exitCode: 3, body: 'boom\n' });
  assert.deepEqual(readToolResultText('Exit code: 0\nWall time: 1 seconds\nOutput:\nExit code: 9\n'), { format: 'exit_code_line', exitCode: 0, body: 'Exit code: 9\n' });
  assert.equal(readToolResultText('Command: make\nChunk ID: 1\nWall time: 0 seconds\nProcess exited with code 2\nOriginal token count: 1\nOutput:\nx').exitCode, 2);
  assert.deepEqual(readToolResultText('Chunk ID: 1\nWall time: 1 seconds\nProcess running with session ID 42\nOutput:\n').running, { kind: 'session', id: '42' });
  // A program that prints "Process exited with code 1" after the Output: line does not count.
  assert.equal(readToolResultText('Chunk ID: 1\nProcess exited with code 0\nOutput:\nProcess exited with code 1\n').exitCode, 0);
  assert.equal(readToolResultText('Script failed\nWall time 0.0 seconds\nOutput:\nScript error: SyntaxError').script, 'failed');
  assert.deepEqual(readToolResultText('Script running with cell ID 4\nWall time 1.0 seconds\nOutput:\n').running, { kind: 'cell', id: '4' });
  assert.equal(readToolResultText('error: everything is fine').format, 'plain');
});

test('code-mode scripts: literal commands are read, commands built at run time are not guessed', () => {
  const one = readCodeModeScript('const r = await tools.exec_command({"cmd":"go test ./...","workdir":"/r"});\ntext(r.output);');
  assert.deepEqual([one.commandCalls, one.commands], [1, ['go test ./...']]);
  const dynamic = readCodeModeScript('await tools.exec_command({cmd:"git check-ref-format " + JSON.stringify(name)})');
  assert.deepEqual([dynamic.commandCalls, dynamic.commands], [1, []]);
  const patch = readCodeModeScript('const patch = "*** Begin Patch\\n*** Add File: /r/x.json\\n+{}\\n*** End Patch";\nawait tools.apply_patch(patch);');
  assert.deepEqual([patch.commandCalls, patch.callsApplyPatch, patch.patchedFiles], [0, true, ['/r/x.json']]);
});

const shell = describeCodexCall({ kind: 'function', name: 'shell_command', arguments: '{"command":"make"}' });
const result = (sample: string) => ({ sample, read: readToolResultText(sample) });

test('outcomes: structured signals first, rejections and aborts by their fixed texts, never by words in the output', () => {
  assert.deepEqual(resolveCodexOutcome(shell, result('Exit code: 0\nWall time: 1 seconds\nOutput:\nERROR: nothing\n'), {}), { outcome: 'ok', exitCode: 0 });
  // exec_command_end beats the output text.
  assert.equal(resolveCodexOutcome(shell, result('Exit code: 0\nOutput:\n'), { execEnd: { exitCode: 2, status: 'failed', output: 'No such file or directory' } }).errorKind, 'file_not_found');
  assert.equal(resolveCodexOutcome(shell, result('exec command rejected by user'), {}).outcome, 'rejected');
  assert.equal(resolveCodexOutcome(shell, result('This action was rejected due to unacceptable risk. Reason: deletes data'), {}).outcome, 'rejected');
  assert.equal(resolveCodexOutcome(shell, result('aborted'), {}).outcome, 'interrupted');
  assert.equal(resolveCodexOutcome(shell, undefined, {}).outcome, 'interrupted');
  // A shell output with no exit code at all is Codex saying it could not run the command.
  assert.deepEqual(resolveCodexOutcome(shell, result('failed to parse function arguments: missing field `command`'), {}), { outcome: 'failed', exitCode: undefined, errorKind: 'tool_validation' });
  // A poll whose process is unknown in this file is still just a poll.
  const poll = describeCodexCall({ kind: 'function', name: 'write_stdin', arguments: '{"session_id":3,"chars":""}' });
  assert.equal(resolveCodexOutcome(poll, result('Chunk ID: 1\nProcess exited with code 1\nOutput:\nFAIL'), {}).outcome, 'ok');
  const patch = describeCodexCall({ kind: 'custom', name: 'apply_patch', input: '*** Begin Patch\n*** Update File: a\n*** End Patch' });
  assert.deepEqual(resolveCodexOutcome(patch, result('{"output":"Success.","metadata":{"exit_code":0}}'), { patchEnd: { success: false, stderr: 'Failed to find expected lines in a' } }), { outcome: 'failed', errorKind: 'edit_mismatch' });
});

test('code-mode outcomes: a failed script fails, a refused one is rejected, several printed codes decide nothing', () => {
  const script = describeCodexCall({ kind: 'custom', name: 'exec', input: 'const r = await tools.exec_command({"cmd":"pytest -q"}); text(JSON.stringify(r));' });
  assert.equal(script.tool, 'Bash');
  assert.equal(script.command, 'pytest -q');
  assert.deepEqual(resolveCodexOutcome(script, result('Script failed\nWall time 0.0 seconds\nOutput:\nScript error: SyntaxError: missing ) after argument list'), {}), { outcome: 'failed', exitCode: undefined, errorKind: 'syntax_error' });
  assert.equal(resolveCodexOutcome(script, result('Script failed\nOutput:\nScript error:\nRejected("This action was rejected due to unacceptable risk.")'), {}).outcome, 'rejected');
  assert.deepEqual(resolveCodexOutcome(script, result('Script completed\nOutput:\n{"exit_code":2,"output":"E   assert 1 == 2"}'), {}), { outcome: 'failed', exitCode: 2, errorKind: 'exit_code' });
  assert.deepEqual(resolveCodexOutcome(script, result('Script completed\nOutput:\n{"exit_code":0}\n{"exit_code":1}'), {}), { outcome: 'ok' });
});
