/**
 * Splits a shell command into words, honouring single and double quotes and backslash escapes.
 * Control operators (&&, ||, ;, |) come out as their own words so callers can split segments.
 * Not a shell parser: enough to compare two commands, never to run one.
 */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  const flush = () => {
    if (inWord) words.push(current);
    current = '';
    inWord = false;
  };
  for (let i = 0; i < command.length; i++) {
    const ch = command[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < command.length) current += command[++i];
      else current += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < command.length) {
      current += command[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      flush();
    } else if (ch === '&' && command[i + 1] === '&') {
      flush();
      words.push('&&');
      i++;
    } else if (ch === '|' && command[i + 1] === '|') {
      flush();
      words.push('||');
      i++;
    } else if (ch === ';' || ch === '|' || ch === '\n') {
      flush();
      words.push(ch === '\n' ? ';' : ch);
    } else {
      current += ch;
      inWord = true;
    }
  }
  flush();
  return words;
}

export const SEGMENT_SEPARATORS: ReadonlySet<string> = new Set(['&&', '||', ';']);
