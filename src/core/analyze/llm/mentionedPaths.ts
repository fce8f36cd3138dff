/**
 * File paths a rule names, so they can be checked against the project and the evidence.
 * Inside `code spans` a token counts when it contains a "/" or ends in a file extension;
 * in prose only when it is clearly a path (./x, ../x, /x, ~/x, or a/b.ext).
 * Globs, URLs, options, variables and shell operators are not paths we can check.
 */
export function mentionedPaths(ruleText: string): string[] {
  const found = new Set<string>();
  const codeSpans = [...ruleText.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
  for (const span of codeSpans) {
    for (const token of tokens(span)) if (looksLikePathInCode(token)) found.add(token);
  }
  const prose = ruleText.replace(/`[^`]*`/g, ' ');
  for (const token of tokens(prose)) if (looksLikePathInProse(token)) found.add(token);
  return [...found];
}

function tokens(text: string): string[] {
  return text
    .split(/\s+/)
    .map(cleanToken)
    .filter((token) => token.length > 0);
}

function cleanToken(raw: string): string {
  return raw
    .replace(/^["'(<[{]+/, '')
    .replace(/["')>\]},;!?]+$/, '')
    .replace(/[.:]+$/, '')
    .replace(/:\d+(?::\d+)?$/, '');
}

const NOT_A_CHECKABLE_PATH = /[*?$<>|&;={}\\]|^-|^[a-z][a-z0-9+.-]*:\/\//i;
const FILE_NAME_WITH_EXTENSION = /^[\w@.+-]*[\w@+-]{2,}\.[A-Za-z][A-Za-z0-9]{0,7}$/;

function looksLikePathInCode(token: string): boolean {
  if (NOT_A_CHECKABLE_PATH.test(token) || token === '/' || token === '.' || token === '..') return false;
  if (token.includes('/')) return /[\w.]/.test(token);
  return FILE_NAME_WITH_EXTENSION.test(token);
}

function looksLikePathInProse(token: string): boolean {
  if (NOT_A_CHECKABLE_PATH.test(token)) return false;
  if (/^(\.{1,2}\/|~\/|\/)[\w.@-]/.test(token)) return true;
  if (!token.includes('/')) return false;
  const last = token.slice(token.lastIndexOf('/') + 1);
  return FILE_NAME_WITH_EXTENSION.test(last);
}
