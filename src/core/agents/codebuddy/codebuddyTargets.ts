import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { AgentEnvironment, AgentTarget } from '../plugin.js';
import { codebuddyProjectFolderName, codebuddyProjectsDir, codebuddyRoot } from './codebuddyLocations.js';

/** CodeBuddy Code loads the first 200 lines of its MEMORY.md (cli docs, memory.md "Auto Memory System"). */
const CODEBUDDY_MEMORY_READ_LIMIT_LINES = 200;

/**
 * The files CodeBuddy Code reads at start-up: `CODEBUDDY.md` at the project root, and its auto memory's
 * `MEMORY.md` in `<codebuddy root>/projects/<project folder>/memory/`, or in the older
 * `<codebuddy root>/memories/<project folder>/` when only that one exists: CodeBuddy itself picks the older folder
 * in that case (PathUtils.getProjectMemoryDir in the CLI bundle), and a new folder created beside it would make
 * CodeBuddy drop the user's existing memories.
 */
export function codebuddyTargets(projectPath: string, environment: AgentEnvironment): AgentTarget[] {
  const folderName = codebuddyProjectFolderName(projectPath);
  const current = path.join(codebuddyProjectsDir(environment), folderName, 'memory');
  const legacy = path.join(codebuddyRoot(environment), 'memories', folderName);
  const memoryFolder = !existsSync(current) && existsSync(legacy) ? legacy : current;
  return [
    { kind: 'context', path: path.join(projectPath, 'CODEBUDDY.md'), scope: 'project' },
    {
      kind: 'memory',
      path: path.join(memoryFolder, 'MEMORY.md'),
      scope: 'project',
      readLimitLines: CODEBUDDY_MEMORY_READ_LIMIT_LINES,
      root: codebuddyRoot(environment),
    },
  ];
}
