import * as os from 'node:os';
import type { AgentEnvironment } from './plugin.js';

/** The real environment of this process (front ends only; core takes it as an input). */
export function processEnvironment(env: NodeJS.ProcessEnv = process.env): AgentEnvironment {
  return { home: env.HOME || env.USERPROFILE || os.homedir(), env: { ...env } };
}
