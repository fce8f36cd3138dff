import * as vscode from 'vscode';
import type { AnalyzerOptions } from './workerProtocol';

/** `headroom.agent`: 'auto' (every agent with sessions) or one agent's name. */
export function agentSetting(): string {
  return vscode.workspace.getConfiguration('headroom').get<string>('agent', 'auto') || 'auto';
}

/** `headroom.memoryFile`: Claude's MEMORY.md in Claude's auto-memory folder ('auto') or at the project root ('project'). */
export function memoryFileSetting(): 'auto' | 'project' {
  return vscode.workspace.getConfiguration('headroom').get<string>('memoryFile', 'auto') === 'project' ? 'project' : 'auto';
}

/** Default analyzer inputs: the `headroom.model` setting, else the spec's automatic choice. */
export async function defaultAnalyzerOptions(): Promise<AnalyzerOptions> {
  const model = vscode.workspace.getConfiguration('headroom').get<string>('model', '')?.trim();
  return model ? { model, modelSource: 'setting headroom.model' } : {};
}
