// No `vscode` import: the scan worker uses this too.
import type { AgentPlugin, ParsedSession, SessionFile } from '../../core/agents/plugin.js';
import type { AgentScan } from '../../core/scan/scanProject.js';

/**
 * An agent whose sessions were already parsed elsewhere (the extension host, for plugins registered by other
 * extensions, whose live objects cannot cross into the scan worker) replayed as a plugin, so `learnProject` in the
 * worker correlates and analyses them together with the built-in agents' sessions. Targets come with the scan.
 */
export interface PrescannedAgent {
  scan: AgentScan;
  /** The plugin's targets for the project, computed in the host. */
  targets: ReturnType<AgentPlugin['targets']>;
}

export function prescannedPlugin({ scan, targets }: PrescannedAgent): AgentPlugin {
  const byPath = new Map<string, ParsedSession>(scan.sessions.map((session) => [session.file, session]));
  const files: SessionFile[] = scan.sessions.map((session) => ({
    agent: scan.agent,
    path: session.file,
    projectPath: scan.projectPath,
    subagent: session.subagent,
    sessionId: session.sessionId,
  }));
  return {
    name: scan.agent,
    displayName: scan.displayName,
    detect: async () => true,
    findSessions: async () => files,
    listProjects: async () => [{ projectPath: scan.projectPath, sessions: files }],
    parse: async (file) => {
      const session = byPath.get(file.path);
      if (!session) throw new Error(`${file.path} was not scanned in the extension host.`);
      return session;
    },
    targets: () => targets,
  };
}
