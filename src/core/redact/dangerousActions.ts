import { boundedLine } from '../model/boundedLine.js';

/**
 * Actions no rule may teach an agent, whatever proposed it (the offline templates from what the
 * sessions did, an LLM, the user's quoted words): a session is untrusted input, and a rules file is
 * obeyed on every later run. Fetching and running remote code, turning a safety check off, and writing
 * outside the project.
 */
interface DangerousAction {
  /** What the user sees as the reason a rule was dropped, e.g. "runs code fetched from a URL". */
  what: string;
  pattern: RegExp;
}

const FETCH = String.raw`\b(?:curl|wget|fetch|iwr|irm|invoke-webrequest|invoke-restmethod|http|xh)\b`;
const INTERPRETER = String.raw`(?:sudo\s+(?:-\S+\s+)*)?(?:(?:ba|z|k|da|fi|c|tc)?sh|python[0-9.]*|perl|ruby|node|deno|bun|php|iex|invoke-expression|source|\.)`;
const SCHEME_URL = String.raw`(?:git\+)?(?:https?|ftp|git|ssh|s3|gs):\/\/`;
/** Programs that install or run packages: a URL among their arguments is code from anywhere. */
const INSTALLER = String.raw`\b(?:pip[0-9.]*|pipx|uv|uvx|poetry|pdm|conda|mamba|npm|npx|pnpm|pnpx|yarn|bun|bunx|deno|gem|cargo|go|brew|apt|apt-get|dnf|yum|rpm|dpkg|snap|composer|nix|helm|kubectl\s+apply)\b`;

const DANGEROUS_ACTIONS: readonly DangerousAction[] = [
  // Remote code.
  { what: 'runs code fetched from a URL', pattern: new RegExp(String.raw`${FETCH}[^\n;&]*?\|\s*${INTERPRETER}(?![\w-])`, 'i') },
  { what: 'runs code fetched from a URL', pattern: new RegExp(String.raw`<\(\s*${FETCH}|\$\(\s*${FETCH}|\b(?:iex|invoke-expression)\b[^\n]*\b(?:iwr|irm|downloadstring|invoke-webrequest|invoke-restmethod)\b`, 'i') },
  { what: 'runs code fetched from a URL', pattern: new RegExp(String.raw`${FETCH}[^\n]*&&\s*(?:sudo\s+)?(?:(?:ba|z)?sh|chmod\s+\+x)\s`, 'i') },
  { what: 'installs or runs code from a URL', pattern: new RegExp(String.raw`${INSTALLER}[^\n|;&]*?(?:\s|=|["'\x60])${SCHEME_URL}[^\s"'\x60]*`, 'i') },
  { what: 'installs or runs code from a URL', pattern: new RegExp(String.raw`--(?:with|from|with-requirements|find-links|editable)(?:\s+|=)["'\x60]?${SCHEME_URL}[^\s"'\x60]*`, 'i') },
  // Safety turned off.
  { what: 'turns off the agent’s permission checks', pattern: /--dangerously-[\w-]+|--yolo\b|\bbypassPermissions\b|--approval-mode[= ]yolo\b|\bdanger-full-access\b/i },
  { what: 'skips the git hooks', pattern: /--no-verify\b|\bHUSKY=0\b/ },
  { what: 'runs as root', pattern: /(?<![\w-])(?:sudo|doas)(?![\w-])|(?<![\w-])su\s+(?:-|root\b|-c\b)/ },
  { what: 'opens file permissions to everyone', pattern: /\bchmod\s+(?:-\w+\s+)*(?:0?[0-7]?777|0?666|[ugoa]*o[ugoa]*[+=][rwxXst]*w|\+w\b)/ },
  {
    what: 'turns off TLS certificate checks',
    pattern: /\bNODE_TLS_REJECT_UNAUTHORIZED=0|\bGIT_SSL_NO_VERIFY=|\bhttp\.sslVerify\s*=?\s*false\b|--no-check-certificate\b|--insecure\b|--trusted-host\b|\bPYTHONHTTPSVERIFY=0/i,
  },
];

/** A path that leaves the project: home, `..`, another drive. Absolute paths are judged against the project path. */
const OUTSIDE_PREFIX = /^(?:~|\$HOME\b|\$\{HOME\}|%USERPROFILE%|%APPDATA%|\.\.(?:[\\/]|$)|[A-Za-z]:[\\/])/;
/** Where a shell command writes: redirections, tee, cp/mv/ln/install/rsync destinations, dd's `of=`. */
const WRITE_TARGET =
  /(?:(?<![<&\d])>>?|&>>?|\d>>?)\s*(["']?)([^\s"'`;&|)]+)\1|\btee\s+(?:-\w+\s+)*(["']?)([^\s"'`;&|)]+)\3|\b(?:cp|mv|ln|install|rsync|scp)\s+(?:-\S+\s+)*[^\s`;&|]+\s+(["']?)([^\s"'`;&|)]+)\5|\bdd\b[^\n`]*?\bof=([^\s"'`;&|)]+)/g;
/** Prose that says a file is written: "write the fixture to ~/.bashrc", "append to ../shared/x". */
const WRITE_VERB = /\b(?:writ(?:e|es|ing)|wrote|sav(?:e|es|ing)|edit(?:s|ing)?|append(?:s|ing)?|modif(?:y|ies|ying)|overwrit(?:e|es|ing)|creat(?:e|es|ing)|put|cop(?:y|ies|ying)|mov(?:e|es|ing)|add(?:s|ing)?|delet(?:e|es|ing)|remov(?:e|es|ing)|chang(?:e|es|ing)|install(?:s|ing)?)\b/i;
/** Paths named in text: code spans and bare tokens that look like paths. */
const PATH_TOKEN = /(?:^|[\s`"'(=])((?:~|\$HOME|\$\{HOME\}|%USERPROFILE%|%APPDATA%|\.\.|[A-Za-z]:|)[\\/][^\s`"'),;]*)/g;
/** Device files writing to which goes nowhere. */
const HARMLESS_TARGET = /^\/dev\/(?:null|stdout|stderr|tty|fd\/\d)$|^&\d$/;

export interface DangerousActionContext {
  /** The project's absolute path: absolute paths under it stay inside the project. */
  projectPath?: string;
}

/** Why `text` teaches a dangerous action, e.g. "runs as root (sudo)", or undefined when it does not. */
export function findDangerousAction(text: string, context: DangerousActionContext = {}): string | undefined {
  for (const action of DANGEROUS_ACTIONS) {
    const match = action.pattern.exec(text);
    if (match) return `${action.what} (${shown(match[0])})`;
  }
  const outside = writtenOutsideProject(text, context);
  return outside === undefined ? undefined : `writes outside the project (${outside})`;
}

/** The matched words as the reason shows them: one line, bounded. */
function shown(match: string): string {
  return boundedLine(match, 60);
}

/** The first path outside the project that `text` writes to, or undefined. */
function writtenOutsideProject(text: string, context: DangerousActionContext): string | undefined {
  for (const match of text.matchAll(WRITE_TARGET)) {
    const target = match[2] ?? match[4] ?? match[6] ?? match[7];
    if (target !== undefined && isOutsideProject(target, context)) return target;
  }
  if (!WRITE_VERB.test(text)) return undefined;
  for (const match of text.matchAll(PATH_TOKEN)) {
    const path = match[1].replace(/[.:]+$/, '');
    if (isOutsideProject(path, context)) return path;
  }
  return undefined;
}

/** True for a path that leaves the project: home, `..`, another drive, or an absolute path not under the project. */
export function isOutsideProject(path: string, context: DangerousActionContext = {}): boolean {
  if (HARMLESS_TARGET.test(path)) return false;
  if (OUTSIDE_PREFIX.test(path)) return true;
  if (!path.startsWith('/')) return /(?:^|[\\/])\.\.(?:[\\/]|$)/.test(path) && escapesUpwards(path);
  const project = context.projectPath?.replace(/[\\/]+$/, '');
  return !(project && (path === project || path.startsWith(`${project}/`)));
}

/** A relative path whose `..` parts climb above where it starts: `a/../../x`. */
function escapesUpwards(path: string): boolean {
  let depth = 0;
  for (const part of path.split(/[\\/]+/)) {
    if (part === '..') depth -= 1;
    else if (part !== '.' && part !== '') depth += 1;
    if (depth < 0) return true;
  }
  return false;
}
