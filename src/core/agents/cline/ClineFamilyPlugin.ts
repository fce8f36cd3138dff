import type { AgentEnvironment, AgentPlugin, AgentTarget, ParsedSession, ProjectSessions, ScanReporter, SessionFile } from '../plugin.js';
import { isDirectory } from '../fsWalk.js';
import { isSameOrInside, normaliseProjectPath } from '../projectPaths.js';
import * as path from 'node:path';
import { extensionGlobalStorageCandidates } from './editorGlobalStorage.js';
import { listClineTasks, type ClineTask } from './clineTaskIndex.js';
import { parseClineTask } from './parseClineTask.js';

export interface ClineFamilyAgent {
  name: string;
  displayName: string;
  /** The VS Code extension id, as its global storage folder is named (lower case). */
  extensionId: string;
  /** The files the agent reads at start-up, for one project. */
  targets(projectPath: string): AgentTarget[];
}

/**
 * An agent of the Cline family (Cline, Roo Code): VS Code extensions that keep each task in
 * `<editor user data>/User/globalStorage/<extension id>/tasks/<task id>/` (`api_conversation_history.json`,
 * `ui_messages.json`, `task_metadata.json`), in every editor of the VS Code family. A task belongs to the project
 * whose folder is, or contains, the folder the task worked in (clineTaskIndex.ts); a task that names none is
 * reported by `--all` and left out. Outcomes come from the result texts the agents themselves write (clineOutcome.ts).
 */
export class ClineFamilyPlugin implements AgentPlugin {
  readonly name: string;
  readonly displayName: string;

  constructor(private readonly agent: ClineFamilyAgent) {
    this.name = agent.name;
    this.displayName = agent.displayName;
  }

  async detect(environment: AgentEnvironment): Promise<boolean> {
    for (const dir of this.storageDirs(environment)) if (await isDirectory(path.join(dir, 'tasks'))) return true;
    return false;
  }

  async findSessions(projectPath: string, environment: AgentEnvironment, reporter: ScanReporter): Promise<SessionFile[]> {
    const tasks = await this.tasks(environment, reporter);
    return tasks.filter((task) => task.cwd !== undefined && isSameOrInside(projectPath, task.cwd)).map((task) => this.sessionFile(task, projectPath));
  }

  async listProjects(environment: AgentEnvironment, reporter: ScanReporter): Promise<ProjectSessions[]> {
    const projects = new Map<string, ProjectSessions>();
    const unattributed: string[] = [];
    for (const task of await this.tasks(environment, reporter)) {
      if (task.cwd === undefined) {
        unattributed.push(task.historyFile);
        continue;
      }
      const key = normaliseProjectPath(task.cwd);
      const project = projects.get(key) ?? { projectPath: task.cwd, sessions: [] };
      project.sessions.push(this.sessionFile(task, project.projectPath));
      projects.set(key, project);
    }
    if (unattributed.length > 0) {
      const shown = unattributed.slice(0, 5).join(', ');
      const more = unattributed.length > 5 ? ` and ${unattributed.length - 5} more` : '';
      reporter.warn(`${unattributed.length} ${this.displayName} task(s) name no working folder, so no project can be named for them (not scanned): ${shown}${more}.`);
    }
    return [...projects.values()].sort((a, b) => a.projectPath.localeCompare(b.projectPath));
  }

  parse(file: SessionFile): Promise<ParsedSession> {
    return parseClineTask(this.name, this.displayName, file);
  }

  targets(projectPath: string): AgentTarget[] {
    return this.agent.targets(projectPath);
  }

  private storageDirs(environment: AgentEnvironment): string[] {
    return extensionGlobalStorageCandidates(this.agent.extensionId, environment);
  }

  private async tasks(environment: AgentEnvironment, reporter: ScanReporter): Promise<ClineTask[]> {
    const tasks: ClineTask[] = [];
    for (const dir of this.storageDirs(environment)) tasks.push(...(await listClineTasks(dir, this.displayName, reporter)));
    return tasks;
  }

  private sessionFile(task: ClineTask, projectPath: string): SessionFile {
    return { agent: this.name, path: task.historyFile, projectPath, subagent: task.subagent, sessionId: task.taskId };
  }
}
