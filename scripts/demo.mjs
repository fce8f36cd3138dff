// `npm start`: runs the CLI on the bundled demo data, with no API key and no agent installed.
// Materialises examples/demo/home into a fresh temporary HOME (placeholders replaced for this clone's
// absolute examples/demo/project path), then runs `node dist/cli.js <args> --project <demo project>`
// with HOME pointing there and none of the user's agent folders or API keys inherited.
// Usage: npm start [-- [command] [options]]   (default: the learn dry run, which prints the diff for
// CLAUDE.md, MEMORY.md, AGENTS.md, instructions.md and GEMINI.md; `npm start -- scan` counts sessions).
// With --apply the project is first copied into the temporary folder, so the files are written
// there and examples/demo/project stays as it is (HEADROOM_DEMO_KEEP=1 keeps the folder to look at).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEMO_PROJECT, materializeDemoHome } from './demoHome.mjs';

const root = path.resolve(import.meta.dirname, '..');

const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'ensure-built.mjs')], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const args = process.argv.slice(2);
const command = args;
const keep = Boolean(process.env.HEADROOM_DEMO_KEEP);

const home = mkdtempSync(path.join(os.tmpdir(), 'headroom-demo-home-'));
let status;
try {
  const applying = command.includes('--apply');
  const project = applying ? path.join(home, 'project') : DEMO_PROJECT;
  if (applying) cpSync(DEMO_PROJECT, project, { recursive: true });
  await materializeDemoHome({ targetHome: home, projectPath: project });

  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(CLAUDE_CONFIG_DIR|CODEX_HOME|GEMINI_CLI_HOME|HEADROOM_LEARN_CLI|XDG_CONFIG_HOME|XDG_DATA_HOME)$/.test(key)) continue;
    if (/(API_KEY|_TOKEN|_SECRET)$/i.test(key) || /^(ANTHROPIC|OPENAI|GEMINI|GOOGLE)_/.test(key)) continue;
    env[key] = value;
  }
  env.HOME = home;
  env.USERPROFILE = home;

  const hasProject = command.includes('--project') || command.includes('--all') || command.some((a) => a.startsWith('--project='));
  const wantsHelp = command.includes('--help') || command.includes('-h');
  const cliArgs = hasProject || wantsHelp ? command : [...command, '--project', project];

  console.error(`headroom-learn demo: HOME=${home}${keep ? ' (kept)' : ''}`);
  console.error(`headroom-learn demo: headroom-learn ${cliArgs.join(' ')}\n`);
  const result = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), ...cliArgs], { cwd: project, env, stdio: 'inherit' });
  status = result.status ?? 1;
} finally {
  if (!keep) rmSync(home, { recursive: true, force: true });
}
process.exit(status);
