import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { emptyRuleState, ruleStateSchema, type RuleState } from './ruleState.js';
import { readRegularTextFile } from '../logs/regularFile.js';

/** The state file's name inside the state folder. */
const STATE_FILE = 'rules-written.json';

/**
 * Where headroom keeps its own state (the CLI and the extension use the same file, so they agree on when a rule
 * was first written): `$HEADROOM_LEARN_STATE_DIR`, else `$XDG_STATE_HOME/headroom-learn`, else per platform
 * `~/.local/state/headroom-learn`, `~/Library/Application Support/headroom-learn`, `%LOCALAPPDATA%\headroom-learn`.
 */
export function ruleStatePath(env: NodeJS.ProcessEnv, home: string, platform: NodeJS.Platform = process.platform): string {
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  if (env.HEADROOM_LEARN_STATE_DIR) return join(env.HEADROOM_LEARN_STATE_DIR, STATE_FILE);
  if (env.XDG_STATE_HOME) return join(env.XDG_STATE_HOME, 'headroom-learn', STATE_FILE);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'headroom-learn', STATE_FILE);
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'headroom-learn', STATE_FILE);
  return join(home, '.local', 'state', 'headroom-learn', STATE_FILE);
}

/**
 * The state, or an empty one: a missing file is the first run; an unreadable, damaged or other-version file is
 * discarded with a warning (it only holds figures; the rules themselves are in the agents' files), never an error.
 */
export async function readRuleState(file: string): Promise<{ state: RuleState; warning?: string }> {
  let text: string;
  try {
    text = await readRegularTextFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: emptyRuleState() };
    return { state: emptyRuleState(), warning: `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}); rule history ignored` };
  }
  try {
    const parsed = ruleStateSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { state: parsed.data as unknown as RuleState };
  } catch {
    // not JSON: discarded below
  }
  return { state: emptyRuleState(), warning: `${file} is damaged or from another version; rule history discarded (it is rewritten at the next write)` };
}

/** Writes the state atomically: a temporary file in the same folder renamed over it. */
export async function writeRuleState(file: string, state: RuleState): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temporary, `${JSON.stringify(state, null, 1)}\n`, 'utf8');
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
