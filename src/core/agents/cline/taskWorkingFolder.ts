/*
 * The folder a task worked in, as its first user message's environment details state it:
 * Cline "# Current Working Directory (/path) Files" (cline/cline src/core/task/index.ts getEnvironmentDetails),
 * Roo Code "# Current Workspace Directory (/path) Files" (RooCodeInc/Roo-Code
 * src/core/environment/getEnvironmentDetails.ts). Read from the raw JSON text of the history's head, where the
 * path is still a JSON string body (escaped backslashes and quotes), and unescaped as JSON.
 */
const WORKING_DIRECTORY = /# Current (?:Working|Workspace) Directory \(((?:[^"\\]|\\.)+?)\)(?: Files)?\\n/;

export function workingFolderInJsonText(jsonText: string): string | undefined {
  const match = WORKING_DIRECTORY.exec(jsonText);
  if (!match) return undefined;
  try {
    const folder = JSON.parse(`"${match[1]}"`) as string;
    return folder.trim() === '' ? undefined : folder;
  } catch {
    return undefined;
  }
}
