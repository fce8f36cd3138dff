/**
 * The files an apply_patch patch touches, in order: `*** Add File: p`,
 * `*** Update File: p`, `*** Delete File: p` (and `*** Move to: p`).
 * Works on the raw patch text and on a patch embedded in a JavaScript string
 * literal (code mode), where line breaks appear as the two characters `\n`.
 */
export function patchFiles(patch: string): string[] {
  const files: string[] = [];
  const pattern = /\*\*\* (?:Add|Update|Delete) File: (.+?)(?=\\n|\r?\n|"|$)/g;
  for (const match of patch.matchAll(pattern)) {
    const file = match[1].trim();
    if (file && !files.includes(file)) files.push(file);
  }
  return files;
}
