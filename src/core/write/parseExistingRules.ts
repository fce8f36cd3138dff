import { CATEGORIES, CATEGORY_HEADINGS, CATEGORY_TARGET, type Category } from '../model/finding.js';
import type { TargetKind } from '../model/finding.js';
import type { ExistingRule } from '../analyze/backend.js';

const CATEGORY_BY_HEADING = new Map<string, Category>(CATEGORIES.map((category) => [CATEGORY_HEADINGS[category].toLowerCase(), category]));

/**
 * The rules in a marker section, read back from the format renderMarkerSection writes:
 * `### Heading` lines set the category (a heading headroom does not write gives 'unknown'),
 * `- ` lines start a rule and indented lines continue it (kept as a second line, trimmed).
 * A rule's target comes from its category, or from the file's kind when the category is unknown.
 */
export function parseExistingRules(section: string, fileKind: TargetKind): ExistingRule[] {
  const rules: ExistingRule[] = [];
  let category: Category | 'unknown' = 'unknown';
  let current: ExistingRule | undefined;
  for (const line of section.split(/\r\n|\n|\r/)) {
    const heading = /^#{3}\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      category = CATEGORY_BY_HEADING.get(heading[1].toLowerCase()) ?? 'unknown';
      current = undefined;
      continue;
    }
    const bullet = /^[-*+]\s+(.*)$/.exec(line);
    if (bullet) {
      current = { category, target: category === 'unknown' ? fileKind : CATEGORY_TARGET[category], text: bullet[1].trim() };
      rules.push(current);
      continue;
    }
    if (current && /^\s+\S/.test(line)) {
      current.text = `${current.text}\n${line.trim()}`;
      continue;
    }
    if (line.trim().length > 0) current = undefined;
  }
  return rules;
}
