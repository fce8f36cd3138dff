import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { describeFsError, listDir } from '../fsWalk.js';
import type { ScanReporter } from '../plugin.js';
import { openRegularFile, readRegularFile } from '../../logs/regularFile.js';
import { workingFolderInJsonText } from './taskWorkingFolder.js';

/** The conversation file of a task folder (cline/cline src/core/storage/disk.ts GlobalFileNames.apiConversationHistory). */
const TASK_HISTORY_FILE = 'api_conversation_history.json';

/** How much of a conversation file's head is read to find the working folder (its first message comes first). */
const HEAD_BYTES = 256 * 1024;

export interface ClineTask {
  taskId: string;
  /** Absolute path of the task's api_conversation_history.json. */
  historyFile: string;
  /** The folder the task worked in, when any record names it. */
  cwd?: string;
  /** A subtask started by another task (Roo Code's history item names its parent). */
  subagent: boolean;
}

/** Cline's task index, `<globalStorage>/state/taskHistory.json` (cline/cline src/shared/HistoryItem.ts). */
const clineHistoryIndexSchema = z.array(z.object({ id: z.string(), cwdOnTaskInitialization: z.string().optional() }).loose());

/** Roo Code's per-task `history_item.json` (RooCodeInc/Roo-Code src/core/task-persistence/TaskHistoryStore.ts). */
const rooHistoryItemSchema = z.object({ id: z.string(), workspace: z.string().optional(), parentTaskId: z.string().optional() }).loose();

/**
 * The tasks in one extension's global storage folder, each with its working folder: Cline's task index first,
 * then Roo Code's history item, then the environment details of the conversation's first message. A folder
 * without a conversation file has nothing to learn from and is left out; damaged index files are reported.
 */
export async function listClineTasks(storageDir: string, displayName: string, reporter: ScanReporter): Promise<ClineTask[]> {
  const tasksDir = path.join(storageDir, 'tasks');
  const entries = (await listDir(tasksDir, reporter)).filter((e) => e.isDirectory() && !e.name.startsWith('_') && !e.name.startsWith('.'));
  if (entries.length === 0) return [];
  const indexed = await readClineHistoryIndex(path.join(storageDir, 'state', 'taskHistory.json'), displayName, reporter);
  const tasks: ClineTask[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const taskDir = path.join(tasksDir, entry.name);
    const historyFile = path.join(taskDir, TASK_HISTORY_FILE);
    if (!(await isFile(historyFile))) continue;
    const item = await readRooHistoryItem(path.join(taskDir, 'history_item.json'), displayName, reporter);
    const task: ClineTask = { taskId: entry.name, historyFile, subagent: item?.parentTaskId !== undefined };
    const cwd = indexed.get(entry.name) ?? item?.workspace ?? (await workingFolderOfHistory(historyFile, reporter));
    if (cwd !== undefined && cwd !== '') task.cwd = cwd;
    tasks.push(task);
  }
  return tasks;
}

async function readClineHistoryIndex(file: string, displayName: string, reporter: ScanReporter): Promise<Map<string, string>> {
  const folders = new Map<string, string>();
  const value = await readJsonFile(file, displayName, reporter);
  if (value === undefined) return folders;
  const index = clineHistoryIndexSchema.safeParse(value);
  if (!index.success) {
    reporter.warn(`${displayName}: ${file} is not a task index (an array of tasks); working folders are read from the tasks instead.`);
    return folders;
  }
  for (const item of index.data) if (item.cwdOnTaskInitialization) folders.set(item.id, item.cwdOnTaskInitialization);
  return folders;
}

async function readRooHistoryItem(file: string, displayName: string, reporter: ScanReporter): Promise<z.infer<typeof rooHistoryItemSchema> | undefined> {
  const value = await readJsonFile(file, displayName, reporter);
  if (value === undefined) return undefined;
  const item = rooHistoryItemSchema.safeParse(value);
  if (!item.success) reporter.warn(`${displayName}: ${file} is not a task history item; skipped.`);
  return item.success ? item.data : undefined;
}

/** A small JSON file; missing is undefined, unreadable or damaged is reported and undefined. */
async function readJsonFile(file: string, displayName: string, reporter: ScanReporter): Promise<unknown> {
  let text: string;
  try {
    text = (await readRegularFile(file)).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') reporter.warn(`${displayName}: cannot read ${file}: ${describeFsError(error)}; skipped.`);
    return undefined;
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    reporter.warn(`${displayName}: ${file} is not valid JSON (damaged); skipped.`);
    return undefined;
  }
}

/** The working folder named in the head of a conversation file, if any. */
async function workingFolderOfHistory(file: string, reporter: ScanReporter): Promise<string | undefined> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await openRegularFile(file);
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return workingFolderInJsonText(buffer.subarray(0, bytesRead).toString('utf8'));
  } catch (error) {
    reporter.warn(`Cannot read ${file}: ${describeFsError(error)}; skipped.`);
    return undefined;
  } finally {
    await handle?.close();
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}
