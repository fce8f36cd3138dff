/** Text shown on one line of a report or a rule: whitespace runs made one space, trimmed, cut with … at `max` characters. */
export function boundedLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
