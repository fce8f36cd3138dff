// Builds a real opencode.db with sql.js at test time, with the tables and columns OpenCode's drizzle schema
// declares (anomalyco/opencode packages/opencode/src/project/project.sql.ts, session/session.sql.ts; Timestamps
// from storage/schema.sql.ts are time_created/time_updated in ms) and part JSON shaped as session/message-v2.ts
// ToolPart / ToolState.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { loadSqlJs } from '../../../../src/core/logs/sqlite/loadSqlJs.js';

const SCHEMA = `
CREATE TABLE project (
  id text PRIMARY KEY NOT NULL, worktree text NOT NULL, vcs text, name text, icon_url text, icon_color text,
  time_created integer NOT NULL, time_updated integer NOT NULL, time_initialized integer, sandboxes text NOT NULL, commands text
);
CREATE TABLE session (
  id text PRIMARY KEY NOT NULL, project_id text NOT NULL, workspace_id text, parent_id text, slug text NOT NULL,
  directory text NOT NULL, title text NOT NULL, version text NOT NULL, share_url text, summary_additions integer,
  summary_deletions integer, summary_files integer, summary_diffs text, revert text, permission text,
  time_created integer NOT NULL, time_updated integer NOT NULL, time_compacting integer, time_archived integer,
  FOREIGN KEY (project_id) REFERENCES project(id) ON DELETE cascade
);
CREATE INDEX session_project_idx ON session (project_id);
CREATE INDEX session_parent_idx ON session (parent_id);
CREATE TABLE message (
  id text PRIMARY KEY NOT NULL, session_id text NOT NULL, time_created integer NOT NULL, time_updated integer NOT NULL,
  data text NOT NULL, FOREIGN KEY (session_id) REFERENCES session(id) ON DELETE cascade
);
CREATE INDEX message_session_time_created_id_idx ON message (session_id, time_created, id);
CREATE TABLE part (
  id text PRIMARY KEY NOT NULL, message_id text NOT NULL, session_id text NOT NULL, time_created integer NOT NULL,
  time_updated integer NOT NULL, data text NOT NULL, FOREIGN KEY (message_id) REFERENCES message(id) ON DELETE cascade
);
CREATE INDEX part_message_id_id_idx ON part (message_id, id);
CREATE INDEX part_session_idx ON part (session_id);
`;

interface ToolPartSpec {
  tool: string;
  input: Record<string, unknown>;
  /** completed (with output and metadata), error (with error), or a state the call never left. */
  status: 'completed' | 'error' | 'running' | 'pending';
  output?: string;
  error?: string;
  metadata?: Record<string, unknown>;
}

/** One assistant message: its parts in order (a step-start, then tool parts), or raw `data` text for damaged rows. */
type PartSpec = ToolPartSpec | { raw: string } | { text: string };

export interface SessionSpec {
  id: string;
  directory: string;
  parentId?: string;
  /** Minutes after the base time. */
  at: number;
  /** Each inner array is one assistant message (one model step). */
  messages: PartSpec[][];
}

export interface ProjectSpec {
  id: string;
  worktree: string;
  sessions: SessionSpec[];
}

const BASE = Date.parse('2026-03-02T09:00:00.000Z');

function partData(spec: PartSpec, callId: string, time: number): string {
  if ('raw' in spec) return spec.raw;
  if ('text' in spec) return JSON.stringify({ type: 'text', text: spec.text });
  const state: Record<string, unknown> = { status: spec.status, input: spec.input };
  if (spec.status === 'completed') Object.assign(state, { output: spec.output ?? '', title: spec.tool, metadata: spec.metadata ?? {}, time: { start: time, end: time + 500 } });
  if (spec.status === 'error') Object.assign(state, { error: spec.error ?? '', time: { start: time, end: time + 500 }, ...(spec.metadata ? { metadata: spec.metadata } : {}) });
  if (spec.status === 'running') Object.assign(state, { time: { start: time } });
  if (spec.status === 'pending') Object.assign(state, { raw: JSON.stringify(spec.input) });
  return JSON.stringify({ type: 'tool', callID: callId, tool: spec.tool, state });
}

/** Writes `<dataHome>/opencode/opencode.db` with the projects given; returns the database path. */
export async function writeOpencodeDatabase(dataHome: string, projects: ProjectSpec[]): Promise<string> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.run(SCHEMA);
  let counter = 0;
  const nextId = (prefix: string) => `${prefix}_${String(++counter).padStart(6, '0')}`;
  for (const project of projects) {
    db.run('INSERT INTO project (id, worktree, vcs, time_created, time_updated, sandboxes) VALUES (?, ?, ?, ?, ?, ?)', [project.id, project.worktree, 'git', BASE, BASE, '[]']);
    for (const session of project.sessions) {
      const start = BASE + session.at * 60_000;
      db.run(
        'INSERT INTO session (id, project_id, parent_id, slug, directory, title, version, time_created, time_updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [session.id, project.id, session.parentId ?? null, session.id, session.directory, `title of ${session.id}`, '1.2.0', start, start],
      );
      let time = start;
      for (const parts of session.messages) {
        time += 1000;
        const messageId = nextId('msg');
        db.run('INSERT INTO message (id, session_id, time_created, time_updated, data) VALUES (?, ?, ?, ?, ?)', [
          messageId,
          session.id,
          time,
          time,
          JSON.stringify({ role: 'assistant', time: { created: time }, parentID: 'msg_user', modelID: 'm', providerID: 'p', mode: 'build', agent: 'build', path: { cwd: session.directory, root: project.worktree }, cost: 0, tokens: { input: 0, output: 0, reasoning: 0, cache: { read: 0, write: 0 } } }),
        ]);
        db.run('INSERT INTO part (id, message_id, session_id, time_created, time_updated, data) VALUES (?, ?, ?, ?, ?, ?)', [nextId('prt'), messageId, session.id, time, time, JSON.stringify({ type: 'step-start' })]);
        for (const spec of parts) {
          time += 1000;
          db.run('INSERT INTO part (id, message_id, session_id, time_created, time_updated, data) VALUES (?, ?, ?, ?, ?, ?)', [nextId('prt'), messageId, session.id, time, time, partData(spec, nextId('call'), time)]);
        }
      }
    }
  }
  const file = path.join(dataHome, 'opencode', 'opencode.db');
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, db.export());
  db.close();
  return file;
}
