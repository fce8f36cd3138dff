import { statSync } from 'node:fs';
import * as path from 'node:path';
import type { AgentTarget } from '../plugin.js';
import { isWindowsPath } from '../projectPaths.js';
import { ClineFamilyPlugin } from './ClineFamilyPlugin.js';

function join(projectPath: string, ...parts: string[]): string {
  return isWindowsPath(projectPath) ? path.win32.join(projectPath, ...parts) : path.join(projectPath, ...parts);
}

/** One file for both kinds of rule: these agents have no separate memory file. */
function bothKinds(file: string): AgentTarget[] {
  return [
    { kind: 'context', path: file, scope: 'project' },
    { kind: 'memory', path: file, scope: 'project' },
  ];
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Cline (`saoudrizwan.claude-dev`) reads the project's `.clinerules`: a file, or a folder whose every file it reads
 * (cline/cline src/core/context/instructions/user-instructions/cline-rules.ts). A `.clinerules` file gets our marker
 * section; when it is a folder, our rules go to `.clinerules/headroom-learn.md`, a file of our own.
 */
export function clinePlugin(): ClineFamilyPlugin {
  return new ClineFamilyPlugin({
    name: 'cline',
    displayName: 'Cline',
    extensionId: 'saoudrizwan.claude-dev',
    targets: (projectPath) => {
      const rules = join(projectPath, '.clinerules');
      return bothKinds(isFolder(rules) ? join(rules, 'headroom-learn.md') : rules);
    },
  });
}

/**
 * Roo Code (`rooveterinaryinc.roo-cline`) reads every file in the project's `.roo/rules/`
 * (RooCodeInc/Roo-Code src/core/prompts/sections/custom-instructions.ts): ours is `.roo/rules/headroom-learn.md`.
 */
export function rooCodePlugin(): ClineFamilyPlugin {
  return new ClineFamilyPlugin({
    name: 'roo',
    displayName: 'Roo Code',
    extensionId: 'rooveterinaryinc.roo-cline',
    targets: (projectPath) => bothKinds(join(projectPath, '.roo', 'rules', 'headroom-learn.md')),
  });
}
