// `npm run eval:corpus`: the rules the tool proposes for a real corpus of sessions, judged.
// Not part of `npm test` (the corpus is not in the repository). Runs `headroom-learn --all --json` and
// `headroom-learn eval --all --json` on the unpacked corpus and prints, per project: the proposed rules (each
// with the judgement recorded in test/fixtures/corpus/judgements.json, or "UNJUDGED"), the candidates that were
// dropped, by reason, and the backtest coverage; then the helpful / noise / wrong tally.
//
// Usage: npm run eval:corpus [-- --corpus DIR_OR_TARBALL] [--largest N] [--json]
//   --corpus   an unpacked corpus (a folder holding home/claude and home/codex) or the tarball; default
//              ../shared/corpus/real-sessions.tar.xz beside this clone, unpacked once into the temp folder.
//              The corpus's mkprojects.py (python3) recreates the projects' folders the first time, as its
//              README says (it writes placeholder files under the recorded project paths, nothing else).
//   --largest  how many of the largest projects (by sessions) the tally counts (default 5; all are printed).
//   --json     one JSON document instead of the report.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const JUDGEMENTS = path.join(root, 'test', 'fixtures', 'corpus', 'judgements.json');

function fail(message) {
  console.error(`eval:corpus: ${message}`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { corpus: path.resolve(root, '..', 'shared', 'corpus', 'real-sessions.tar.xz'), largest: 5, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--corpus' && argv[i + 1]) options.corpus = path.resolve(argv[++i]);
    else if (arg === '--largest' && /^\d+$/.test(argv[i + 1] ?? '')) options.largest = Number(argv[++i]);
    else fail(`unknown or incomplete option ${arg} (usage: npm run eval:corpus -- [--corpus DIR_OR_TARBALL] [--largest N] [--json])`);
  }
  return options;
}

/** The folder holding home/claude and home/codex: the given folder, or the tarball unpacked once. */
function corpusHome(corpus) {
  if (!existsSync(corpus)) fail(`no corpus at ${corpus}; pass --corpus with the unpacked folder or real-sessions.tar.xz`);
  if (statSync(corpus).isDirectory()) {
    const home = path.join(corpus, 'home');
    if (!existsSync(path.join(home, 'claude'))) fail(`${corpus} has no home/claude folder`);
    return home;
  }
  const stamp = Math.round(statSync(corpus).mtimeMs).toString(36);
  const target = path.join(os.tmpdir(), `headroom-learn-corpus-${stamp}`);
  if (!existsSync(path.join(target, 'home', 'claude'))) {
    mkdirSync(target, { recursive: true });
    console.error(`eval:corpus: unpacking ${corpus} into ${target} …`);
    const untar = spawnSync('tar', ['-C', target, '-xJf', corpus], { stdio: 'inherit' });
    if (untar.status !== 0) fail('tar could not unpack the corpus (is xz installed?)');
    const mk = path.join(path.dirname(corpus), 'mkprojects.py');
    if (existsSync(mk)) {
      const made = spawnSync('python3', [mk, path.join(target, 'home', 'claude'), path.join(target, 'home', 'codex')], { encoding: 'utf8' });
      if (made.status === 0) console.error(`eval:corpus: project folders recreated ${made.stdout.trim()}`);
      else console.error('eval:corpus: mkprojects.py failed; projects whose folders are missing are skipped');
    }
  }
  return path.join(target, 'home');
}

function runCli(home, args) {
  const env = { PATH: process.env.PATH, HOME: path.join(os.tmpdir(), 'headroom-learn-corpus-empty-home'), NO_COLOR: '1' };
  env.CLAUDE_CONFIG_DIR = path.join(home, 'claude');
  env.CODEX_HOME = path.join(home, 'codex');
  env.HEADROOM_LEARN_STATE_DIR = path.join(env.HOME, 'state');
  mkdirSync(env.HOME, { recursive: true });
  const run = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), ...args], { env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (run.status !== 0 && run.status !== 1) fail(`headroom-learn ${args.join(' ')} exited ${run.status}:\n${run.stderr}`);
  try {
    return JSON.parse(run.stdout);
  } catch {
    fail(`headroom-learn ${args.join(' ')} printed no JSON:\n${run.stderr.slice(0, 2000)}`);
  }
}

function loadJudgements() {
  if (!existsSync(JUDGEMENTS)) return {};
  return JSON.parse(readFileSync(JUDGEMENTS, 'utf8')).rules ?? {};
}

/** Project folder relative to its owner's home ("paul/src/entireio/cli"), the key judgements use. */
const projectKey = (projectPath) => projectPath.replace(/^\/(Users|home)\//, '');

/** Dropped candidates by reason: the learn JSON's own list when it has one, else what its findings say. */
function droppedByReason(learn) {
  const byReason = new Map();
  const add = (reason, example) => {
    const entry = byReason.get(reason) ?? { count: 0, examples: [] };
    entry.count++;
    if (example && entry.examples.length < 2) entry.examples.push(example);
    byReason.set(reason, entry);
  };
  if (Array.isArray(learn.dropped)) {
    for (const d of learn.dropped) {
      const count = typeof d.count === 'number' ? d.count : 1;
      for (let i = 0; i < count; i++) add(d.reason ?? d.why ?? 'dropped', i === 0 ? (d.subject ?? d.text) : undefined);
    }
  } else {
    for (const f of learn.findings ?? []) {
      if (f.proposed) continue;
      add(f.stale ? `stale: ${f.stale}` : (f.dropped ?? 'dropped by the analyzer'), f.rule);
    }
    for (let i = 0; i < (learn.belowThreshold ?? 0); i++) add('below threshold (one session or one occurrence)');
    for (let i = 0; i < (learn.contradictions ?? 0); i++) add('contradicted by the opposite correction');
  }
  return [...byReason.entries()].sort((a, b) => b[1].count - a[1].count);
}

function sessionsOf(learn) {
  return Object.values(learn.totals ?? {}).reduce((sum, t) => sum + (t.sessions ?? 0), 0);
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'ensure-built.mjs')], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  const home = corpusHome(options.corpus);
  const learned = runCli(home, ['--all', '--json']);
  const evaluated = runCli(home, ['eval', '--all', '--json']);
  const learnProjects = Array.isArray(learned) ? learned : (learned.projects ?? []);
  const backtests = new Map((evaluated.projects ?? []).map((p) => [p.projectPath, p]));
  const judgements = loadJudgements();

  const projects = learnProjects
    .map((learn) => {
      const key = projectKey(learn.projectPath);
      const rules = (learn.rules ?? []).map((rule) => ({ text: rule.text, category: rule.category, judgement: judgements[key]?.[rule.text] ?? 'UNJUDGED' }));
      const bt = backtests.get(learn.projectPath);
      return {
        project: learn.projectPath,
        key,
        sessions: sessionsOf(learn),
        rules,
        dropped: droppedByReason(learn).map(([reason, d]) => ({ reason, count: d.count, examples: d.examples })),
        backtest: bt ? { learnSessions: bt.learnSessions, laterSessions: bt.laterSessions, laterFailures: bt.laterFailures, covered: bt.covered } : undefined,
      };
    })
    .sort((a, b) => b.sessions - a.sessions || a.project.localeCompare(b.project));

  const largest = new Set(projects.slice(0, options.largest).map((p) => p.project));
  const tally = { helpful: 0, noise: 0, wrong: 0, UNJUDGED: 0 };
  for (const p of projects) if (largest.has(p.project)) for (const r of p.rules) tally[r.judgement] = (tally[r.judgement] ?? 0) + 1;
  const allRules = projects.flatMap((p) => p.rules);
  const tallyAll = { helpful: 0, noise: 0, wrong: 0, UNJUDGED: 0 };
  for (const r of allRules) tallyAll[r.judgement] = (tallyAll[r.judgement] ?? 0) + 1;

  if (options.json) {
    console.log(JSON.stringify({ projects, largest: [...largest], tally, tallyAll }, null, 2));
    return;
  }
  for (const p of projects) {
    const mark = largest.has(p.project) ? ' (one of the largest)' : '';
    console.log(`\n== ${p.project} · ${p.sessions} sessions${mark}`);
    if (p.rules.length === 0) console.log('  rules: none');
    p.rules.forEach((r, i) => console.log(`  ${i + 1}. [${r.judgement}] ${r.text}`));
    for (const d of p.dropped) console.log(`  dropped ${d.count}× ${d.reason}${d.examples.length ? ` — e.g. ${d.examples[0].slice(0, 140)}` : ''}`);
    if (p.backtest) {
      const { learnSessions, laterSessions, laterFailures, covered } = p.backtest;
      console.log(`  backtest: learned on ${learnSessions} sessions, replayed ${laterSessions}: ${covered} of ${laterFailures} later failures covered`);
    }
  }
  const line = (t) => `${t.helpful} helpful, ${t.noise} noise, ${t.wrong} wrong${t.UNJUDGED ? `, ${t.UNJUDGED} unjudged` : ''}`;
  console.log(`\nThe ${largest.size} largest projects: ${line(tally)}`);
  console.log(`All ${projects.length} projects: ${allRules.length} rules: ${line(tallyAll)}`);
  if (tallyAll.UNJUDGED > 0) console.log(`Judge the unjudged rules in ${path.relative(root, JUDGEMENTS)} (project key → rule text → helpful | noise | wrong).`);
}

main();
