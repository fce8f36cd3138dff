import { SEGMENT_SEPARATORS, shellWords } from '../shellWords.js';
import { commandShape } from '../normaliseLauncher.js';
import { commandSubject } from './commandSubject.js';
import { memoizedByText } from '../memoizedByText.js';

/**
 * Words that run nothing worth a rule on their own: shell builtins and setup (`cd`, `export`),
 * and programs that only feed a pipe (`cat <<EOF | go run -`, `echo … | jq`). A rejection is
 * about the program they lead to, never about them.
 */
const NOT_THE_PROGRAM = new Set([
  'cd', 'pushd', 'popd', 'export', 'unset', 'set', 'source', '.', 'alias', 'eval', 'exit', 'return', 'true', 'false', ':',
  'test', '[', 'read', 'cat', 'echo', 'printf', 'sleep', 'wait', 'trap', 'shopt', 'ulimit', 'umask',
]);

// `<<EOF … EOF` (also `<<-'EOF'`, `<<"EOF"`): the body is data, not commands; what follows `<<EOF` on its line stays.
const HEREDOC = /<<-?[ \t]*(['"]?)([A-Za-z_]\w*)\1([^\n]*)\n[\s\S]*?\n[ \t]*\2[ \t]*(?=\n|$)/g;
// A comment line, or a comment after a command (`#` after whitespace); quoted `#`s are rare in rejected commands.
const COMMENT = /(^|\n)[ \t]*#[^\n]*|[ \t]+#[ \t][^\n]*/g;

/** The command text without heredoc bodies and comments. */
function withoutDataAndComments(command: string): string {
  return command.replace(HEREDOC, ' $3').replace(COMMENT, '$1');
}

/** Pipeline stages of every `&&`/`;`/`||` segment, in order, each as its words. */
function stages(command: string): string[][] {
  const result: string[][] = [[]];
  for (const word of shellWords(command)) {
    if (SEGMENT_SEPARATORS.has(word) || word === '|') result.push([]);
    else result[result.length - 1].push(word);
  }
  return result.filter((stage) => stage.length > 0);
}

function quoted(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The kind of command a rejected call would have run (`git push`, `go run`, `mise run`), keyed on the
 * program that actually runs: `cd …&&`, env assignments, comments, wrappers (`sudo`, `time`, `env`,
 * `nohup`), heredoc feeders and builtins skipped. Empty when the command runs nothing but those.
 */
export const runningCommandSubject: (command: string) => string = memoizedByText((command) => {
  for (const stage of stages(withoutDataAndComments(command))) {
    const text = stage.map(quoted).join(' ');
    const program = commandShape(text).program;
    if (program.length > 0 && !NOT_THE_PROGRAM.has(program) && !program.startsWith('#')) return commandSubject(text);
  }
  return '';
});
