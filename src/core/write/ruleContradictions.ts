import { splitCodeSpans } from './codeSpans.js';

/** One instruction a rule gives: use `right`, not `wrong` (a command, a path, a folder or a search pattern). */
export interface RuleDirection {
  right: string;
  wrong: string;
}

/** Marks code span N in a rule's skeleton (a private-use character, removed from the prose): the code cannot match prose words. */
const SPAN = '\uE000';

/**
 * The wordings a rule states a direction in, on its skeleton (prose lower-cased, code span N as ␁N␁): the
 * templates' and what an LLM writes alike. Each captures the spans of the two sides.
 */
const DIRECTIONS: ReadonlyArray<{ pattern: RegExp; right: 1 | 2 }> = [
  // "Run `right`, not `wrong`", "use `right` (not `wrong` — …", "what worked: `right` instead of `wrong`"
  { pattern: /\uE000(\d+)\uE000[^\uE000]{0,40}?\b(?:not|instead of|rather than)\s+\uE000(\d+)\uE000/g, right: 1 },
  // "`wrong` → actually at `right`", "Don't search `wrong` → use `right`", "Skill `wrong` does not exist → use `right`",
  // "`wrong` is not a command → use `right`", "`wrong/` does not exist → its files are in `right/`"
  {
    pattern: /\uE000(\d+)\uE000(?: does not exist| is not a command)?\s*(?:→|->)\s*(?:actually at|use|run|its files are in)\s+\uE000(\d+)\uE000/g,
    right: 2,
  },
  // "Searching `scope` for `wrong` finds nothing — search for `right`"
  { pattern: /\uE000(\d+)\uE000 finds nothing\W+search for\s+\uE000(\d+)\uE000/g, right: 2 },
  // "Don't run `wrong`; use `right`", "never use `wrong`, run `right`"
  { pattern: /\b(?:don't|do not|never)\s+(?:run|use|call)\s+\uE000(\d+)\uE000[^\uE000]{0,20}?\b(?:use|run)\s+\uE000(\d+)\uE000/g, right: 2 },
];

/** How two sides compare: whitespace collapsed, a folder with or without its trailing slash the same. */
function comparable(code: string): string {
  const text = code.replace(/\s+/g, ' ').trim();
  return text.length > 1 ? text.replace(/\/+$/, '') : text;
}

/** The rule's "use this, not that" pairs, as compared (see `comparable`). */
export function ruleDirections(ruleText: string): RuleDirection[] {
  const codes: string[] = [];
  const skeleton = ruleText
    .split(/\r\n|\n|\r/)
    .map((line) =>
      splitCodeSpans(line)
        .map((segment) => {
          if (!segment.code) return segment.text.toLowerCase().replaceAll(SPAN, '');
          codes.push(comparable(segment.text.replace(/^`+ ?/, '').replace(/ ?`+$/, '')));
          return `${SPAN}${codes.length - 1}${SPAN}`;
        })
        .join(''),
    )
    .join(' ');
  const directions: RuleDirection[] = [];
  for (const { pattern, right } of DIRECTIONS) {
    for (const match of skeleton.matchAll(pattern)) {
      const [first, second] = [codes[Number(match[1])], codes[Number(match[2])]];
      const direction = right === 1 ? { right: first, wrong: second } : { right: second, wrong: first };
      if (direction.right !== direction.wrong) directions.push(direction);
    }
  }
  return directions;
}

/** Whether one rule's right command (or path) is the other's wrong one, either way. */
function contradict(a: readonly RuleDirection[], b: readonly RuleDirection[]): boolean {
  return a.some((x) => b.some((y) => x.right === y.wrong || x.wrong === y.right));
}

/**
 * Rules that contradict a rule before them are left out: one rule's right command or path is the other's wrong
 * one ("Run `bun run test`, not `rtk bun run test`" beside "Run `bun test src/`, not `bun run test`"), whatever
 * analyzer wrote them. Give the rules strongest first: the better-supported one stays, the other is reported.
 */
export function withoutContradictions<T extends { text: string }>(rankedRules: readonly T[]): { kept: T[]; dropped: Array<{ rule: T; why: string }> } {
  const kept: Array<{ rule: T; directions: RuleDirection[] }> = [];
  const dropped: Array<{ rule: T; why: string }> = [];
  for (const rule of rankedRules) {
    const directions = ruleDirections(rule.text);
    const stronger = kept.find((other) => contradict(directions, other.directions));
    if (stronger) dropped.push({ rule, why: `contradicts a better-supported rule: ${stronger.rule.text.replace(/\s*\n\s*/g, ' ')}` });
    else kept.push({ rule, directions });
  }
  return { kept: kept.map(({ rule }) => rule), dropped };
}
