// An agent plugin for Headroom Learn (https://github.com/headroom/headroom-learn), as an npm package.
// Installed beside headroom-learn or globally under a name starting with "headroom-learn-plugin-", it is loaded by
// the command line on its own; `headroom-learn --plugin ./path/to/it` loads it from anywhere. The same object can be
// registered in VS Code with the extension's registerAgentPlugin. The contract is AgentPlugin in
// src/core/agents/plugin.ts; everything a plugin returns is validated, stamped with its name and made safe there.
//
// The made-up "Example Agent" keeps one JSONL file per session in ~/.example-agent/sessions/ (or $EXAMPLE_AGENT_HOME):
//   {"type":"session","id":"s1","cwd":"/work/shop","startedAt":"2026-01-01T10:00:00Z"}
//   {"type":"call","id":"c1","tool":"shell","command":"python3 -m pytest","exitCode":1,"output":"No module named pytest"}
//   {"type":"call","id":"c2","tool":"read","path":"src/util.ts","error":"ENOENT: no such file or directory"}
//   {"type":"call","id":"c3","tool":"shell","command":"rm -rf build","denied":true}
'use strict';

const fs = require('node:fs/promises');
const path = require('node:path');

const TOOLS = { shell: 'Bash', read: 'Read', write: 'Write', edit: 'Edit', search: 'Grep' };

function sessionsDir(environment) {
  return path.join(environment.env.EXAMPLE_AGENT_HOME || path.join(environment.home, '.example-agent'), 'sessions');
}

async function sessionFiles(environment, reporter) {
  try {
    const names = await fs.readdir(sessionsDir(environment));
    return names.filter((name) => name.endsWith('.jsonl')).sort().map((name) => path.join(sessionsDir(environment), name));
  } catch (error) {
    if (error.code !== 'ENOENT') reporter.warn(`Example Agent: cannot read ${sessionsDir(environment)}: ${error.message}`);
    return [];
  }
}

/** The session record (first line) of a file, or undefined when the file does not start with one. */
async function readHead(file) {
  const text = await fs.readFile(file, 'utf8');
  try {
    const head = JSON.parse(text.split('\n', 1)[0]);
    return head && head.type === 'session' && typeof head.cwd === 'string' ? head : undefined;
  } catch {
    return undefined;
  }
}

function inside(outer, inner) {
  const relative = path.relative(outer, inner);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function toCall(record, line, index, head, file) {
  const tool = TOOLS[record.tool] || 'Other';
  const input = { ...record };
  delete input.type;
  delete input.output;
  const failed = typeof record.error === 'string' || (typeof record.exitCode === 'number' && record.exitCode !== 0);
  const output = typeof record.error === 'string' ? record.error : typeof record.output === 'string' ? record.output : '';
  const call = {
    agent: 'example-agent',
    sessionId: head.id,
    file,
    line,
    index,
    callId: String(record.id ?? line),
    tool,
    originalTool: String(record.tool),
    input,
    output,
    outputBytes: Buffer.byteLength(output),
    outcome: record.denied === true ? 'rejected' : failed ? 'failed' : 'ok',
    subagent: false,
    cwd: head.cwd,
  };
  if (typeof record.command === 'string') call.command = record.command;
  if (typeof record.path === 'string') call.path = record.path;
  if (typeof record.exitCode === 'number') call.exitCode = record.exitCode;
  if (call.outcome === 'failed') call.errorKind = /ENOENT|No such file/.test(output) ? 'file_not_found' : /No module named/.test(output) ? 'module_not_found' : 'exit_code';
  return call;
}

// The plugin object: the AgentPlugin contract (src/core/agents/plugin.ts) and the plugin API version it was written for.
const exampleAgentPlugin = {
  apiVersion: 1,
  name: 'example-agent',
  displayName: 'Example Agent',

  async detect(environment) {
    try {
      return (await fs.stat(sessionsDir(environment))).isDirectory();
    } catch {
      return false;
    }
  },

  async listProjects(environment, reporter) {
    const projects = new Map();
    for (const file of await sessionFiles(environment, reporter)) {
      const head = await readHead(file);
      if (!head) {
        reporter.warn(`Example Agent: ${file} does not start with a session record; skipped.`);
        continue;
      }
      const project = projects.get(head.cwd) || { projectPath: head.cwd, sessions: [] };
      project.sessions.push({ agent: 'example-agent', path: file, projectPath: head.cwd, subagent: false, sessionId: head.id });
      projects.set(head.cwd, project);
    }
    return [...projects.values()];
  },

  async findSessions(projectPath, environment, reporter) {
    const projects = await this.listProjects(environment, reporter);
    return projects.filter((p) => inside(projectPath, p.projectPath)).flatMap((p) => p.sessions.map((s) => ({ ...s, projectPath })));
  },

  /** Never throws for bad content (counted in skippedLines); throws only when the file cannot be read. */
  async parse(file) {
    const lines = (await fs.readFile(file.path, 'utf8')).split('\n');
    const session = { sessionId: file.sessionId || path.basename(file.path, '.jsonl'), file: file.path, subagent: false, calls: [], skippedLines: 0, warnings: [] };
    let head;
    lines.forEach((text, i) => {
      if (text.trim() === '') return;
      let record;
      try {
        record = JSON.parse(text);
      } catch {
        session.skippedLines += 1;
        session.warnings.push(`${file.path}:${i + 1}: not JSON; skipped`);
        return;
      }
      if (record.type === 'session') {
        head = record;
        session.sessionId = record.id;
        session.cwd = record.cwd;
        if (typeof record.startedAt === 'string') session.startedAt = record.startedAt;
      } else if (record.type === 'call' && head) {
        session.calls.push(toCall(record, i + 1, session.calls.length, head, file.path));
      } else {
        session.skippedLines += 1;
        session.warnings.push(`${file.path}:${i + 1}: not a session or call record; skipped`);
      }
    });
    return session;
  },

  /** Example Agent reads EXAMPLE.md at the project root, for every kind of rule. */
  targets(projectPath) {
    const file = path.join(projectPath, 'EXAMPLE.md');
    return [
      { kind: 'context', path: file, scope: 'project' },
      { kind: 'memory', path: file, scope: 'project' },
    ];
  },
};

module.exports = exampleAgentPlugin;
