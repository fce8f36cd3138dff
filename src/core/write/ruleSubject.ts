import { splitCodeSpans } from './codeSpans.js';
import type { Category } from '../model/finding.js';

/** Compares rule texts regardless of line breaks and runs of spaces. */
export function normalizeRuleText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * What a rule is about: its bold label (`**Python**: …`, `**python_runtime**: …`) or else its
 * first code span (the wrong path, the large file, the narrow search folder). Two rules of
 * one category with the same subject but different text contradict each other.
 */
export function ruleSubject(text: string): string | undefined {
  const label = /^\*\*(.+?)\*\*/.exec(text.trim());
  if (label) return label[1].trim().toLowerCase();
  const code = codeSpanContents(text)[0];
  return code === undefined ? undefined : code.toLowerCase();
}

/**
 * The paths a rule depends on still existing. With an arrow ("→ actually at `x`", "→ use `y`")
 * only what follows the arrow counts: the part before is the wrong guess, which is expected to
 * be missing. A file-path correction without an arrow names only a wrong path, so nothing is
 * checked. Only code spans that look like a path are taken: no spaces, a `/` or a file
 * extension, no globs, no elisions (`…`, `...`), no URLs or variables.
 */
export function pathsNamedBy(category: Category | 'unknown', text: string): string[] {
  const arrow = /→|->|-&gt;/.exec(text);
  if (!arrow && category === 'file_path') return [];
  const relevant = arrow ? text.slice(arrow.index + arrow[0].length) : text;
  return codeSpanContents(relevant).filter(looksLikePath);
}

function looksLikePath(candidate: string): boolean {
  if (candidate.length === 0 || /\s/.test(candidate)) return false;
  if (/^[-$%]/.test(candidate) || candidate.includes('://')) return false;
  if (/[*?[\]{}<>|]/.test(candidate) || candidate.includes('...') || candidate.includes('…')) return false;
  if (candidate.includes('[REDACTED')) return false;
  return candidate.includes('/') || /\.[A-Za-z][A-Za-z0-9]{0,7}$/.test(candidate);
}

function codeSpanContents(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line) => splitCodeSpans(line))
    .filter((segment) => segment.code)
    .map((segment) => segment.text.replace(/^`+|`+$/g, '').trim());
}
