import type { AgentPlugin } from '../agents/plugin.js';
import type { CallRef } from '../model/finding.js';
import type { ToolCall } from '../model/toolCall.js';

/**
 * The session logs a rule's evidence names, parsed again by their agents' plugins (one parse per file), for
 * buildEvidenceTimeline. A log that is gone or unreadable, or whose agent is not registered, is left out: the
 * timeline then shows what the evidence recorded.
 */
export async function readEvidenceSessions(
  evidence: readonly CallRef[],
  plugins: readonly AgentPlugin[],
  projectPath: string,
  signal?: AbortSignal,
): Promise<Map<string, ToolCall[]>> {
  const sessions = new Map<string, ToolCall[]>();
  const files = new Map(evidence.map((ref) => [ref.file, ref.agent]));
  for (const [file, agent] of files) {
    signal?.throwIfAborted();
    const plugin = plugins.find((p) => p.name === agent);
    if (!plugin) continue;
    try {
      const parsed = await plugin.parse({ agent, path: file, projectPath, subagent: false }, { signal });
      sessions.set(file, [...parsed.calls].sort((a, b) => a.index - b.index));
    } catch {
      if (signal?.aborted) throw signal.reason;
    }
  }
  return sessions;
}
