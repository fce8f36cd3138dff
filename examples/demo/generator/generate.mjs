// Regenerates examples/demo/home (the agents' session logs, as templates) and the planted-case
// tables in examples/demo/README.md from the scenarios below. Deterministic: same output every run.
// Usage: node examples/demo/generator/generate.mjs
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ClaudeSession, CodexSession, GeminiSession, P, geminiShellLegacy, geminiShellNew, projectFile } from './lib.mjs';
import { listFiles, matchingFiles, search } from './search.mjs';

const DEMO = path.resolve(import.meta.dirname, '..');
const HOME = path.join(DEMO, 'home');
const CLAUDE_DIR = '.claude/projects/__CLAUDE_PROJECT_DIR__';
const GEMINI_LEGACY_DIR = '.gemini/tmp/__GEMINI_PROJECT_ID__/chats';
const GEMINI_SLUG_DIR = '.gemini/tmp/project';

const cases = [];
/** One planted case: a category, an id, the calls involved ([role, ref]) and why they pair (or not). */
function plant(category, id, title, refs, why) {
  cases.push({ category, id, title, refs, why });
}

const ORDER_WRONG = 'services/api/app/models/order.py';
const ORDER_RIGHT = 'services/api/src/shop/models/order.py';
const INVOICE_WRONG = 'modules/billing/src/main/java/com/shop/billing/Invoice.java';
const INVOICE_RIGHT = 'modules/billing-scala/src/main/scala/com/shop/billing/Invoice.scala';
const SETTINGS_WRONG = 'services/api/config/settings.py';
const SETTINGS_STALE = 'services/api/src/shop/settings.py';
const STALE_SETTINGS_CONTENT =
  '"""Settings for the shop API."""\nimport os\n\nDATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///shop.db")\nCURRENCY = os.environ.get("SHOP_CURRENCY", "EUR")\nMAX_ITEMS_PER_ORDER = 100\n';
const LARGE = 'services/api/src/shop/pricing/rules_table.py';
const LOG = '/var/log/shop/api.log';

const UV_FIRST_RUN = 'Using CPython 3.12.7\nCreating virtual environment at: .venv\nInstalled 14 packages in 41ms\n';
const NPM_WORKSPACE_ERROR = (stamp) =>
  `npm error code EUNSUPPORTEDPROTOCOL\nnpm error Unsupported URL Type "workspace:": workspace:*\nnpm error A complete log of this run can be found in: /home/dana/.npm/_logs/${stamp}-debug-0.log`;
const PNPM_INSTALL_OK =
  'Scope: all 3 workspace projects\nLockfile is up to date, resolution step is skipped\nPackages: +41\n+++++++++++++++++++++++++++++++++++++++++\nProgress: resolved 41, reused 41, downloaded 0, added 41, done\n\ndevDependencies:\n+ typescript 5.6.3\n+ vitest 2.1.4\n\nDone in 1.8s';
const VITEST_OK = (time) =>
  `\n> @shop/web@ test ${P}/web\n> vitest run\n\n\n RUN  v2.1.4 ${P}/web\n\n ✓ src/cart.test.ts (2 tests) 4ms\n   ✓ Cart > merges lines with the same sku\n   ✓ Cart > reports an error when quantity is negative\n\n Test Files  1 passed (1)\n      Tests  2 passed (2)\n   Start at  ${time}\n   Duration  412ms (transform 31ms, setup 0ms, collect 28ms, tests 4ms, environment 0ms, prepare 71ms)\n`;
const rgOut = (pattern, dir) =>
  search(pattern, dir)
    .map((h) => `${h.file}:${h.line}:${h.text}`)
    .join('\n') + '\n';

// ─────────────────────── Claude session 1 (2026-11-10): order totals ───────────────────────
const c1 = new ClaudeSession({
  relFile: `${CLAUDE_DIR}/5d0f2a9c-3b7e-4c1a-9e55-0c6f1b2d8a41.jsonl`,
  sessionId: '5d0f2a9c-3b7e-4c1a-9e55-0c6f1b2d8a41',
  start: '2026-11-10T09:02:11.204Z',
  slug: 'brisk-humming-lovelace',
  gitBranch: 'feature/order-totals',
});
c1.prompt('The order total is off by a cent when a discount applies. Check the order model in the API, fix it and run the tests.');
c1.bash('git status --short', 'Check the working tree', { stdout: '', text: 'Let me check the state of the repo first.' });
const c1ReadWrong = c1.readMissing(ORDER_WRONG, { text: "I'll start with the order model." });
c1.glob('**/order.py', [ORDER_RIGHT]);
const c1ReadRight = c1.read(ORDER_RIGHT);
const c1SettingsWrong = c1.readMissing(SETTINGS_WRONG, { text: 'Let me check which currency settings the totals use.' });
const c1SettingsRight = c1.read(SETTINGS_STALE, { content: STALE_SETTINGS_CONTENT });
const c1Large = c1.readTooLarge(LARGE, { text: 'Now the pricing rules that feed the discount.' });
const c1LargeOk = c1.read(LARGE, { offset: 3380, limit: 21, text: 'The file is generated and large; reading only the lookup function at the end.' });
c1.read('services/api/src/shop/pricing/discounts.py');
c1.read('services/api/tests/test_order.py');
c1.read('services/api/src/shop/models/customer.py');
const c1Py = c1.bash('cd services/api && python3 -m pytest tests/test_order.py -q', 'Run the order tests', {
  fail: { code: 1, output: '/usr/bin/python3: No module named pytest' },
  text: "Let me run the order tests before changing anything.",
});
const c1Uv = c1.bash('cd services/api && uv run pytest tests/test_order.py -q', 'Run the order tests through uv', {
  stdout: `${UV_FIRST_RUN}...                                                                      [100%]\n3 passed in 0.21s`,
  text: 'pytest is not installed for the system Python; the service uses uv (pyproject.toml + uv.lock), so running it through uv.',
});
c1.edit(ORDER_RIGHT, '        discount = self.subtotal * self.discount_pct / Decimal("100")', '        discount = (self.subtotal * self.discount_pct / Decimal("100")).quantize(Decimal("0.01"))', {
  text: 'The discount is never rounded to cents before it is subtracted. Fixing that in `Order.total`.',
});
c1.bash('cd services/api && uv run pytest -q', 'Run all API tests', { stdout: '.....                                                                    [100%]\n5 passed in 0.34s' });
c1.bash('git diff --stat', 'Review the change', { stdout: ' services/api/src/shop/models/order.py | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)' });
c1.bash('git add services/api/src/shop/models/order.py && git commit -m "Round order discounts to cents"', 'Commit the fix', {
  stdout: '[feature/order-totals 3f2c1d9] Round order discounts to cents\n 1 file changed, 1 insertion(+), 1 deletion(-)',
});
const c1Push = c1.bashRejected('git push origin feature/order-totals', 'Push the branch', { feedback: 'I deploy myself, just show me the command' });
c1.say('Understood. The fix is committed on `feature/order-totals`; when you are ready, push it with:\n\n```\ngit push origin feature/order-totals\n```');
c1.turnDuration(96120);

// ─────────────────────── Codex session 1 (2026-11-11): seed data ───────────────────────
const x1Id = '019a7309-2c4e-7a31-b1d2-5e8f0c6a9d17';
const x1 = new CodexSession({ relFile: `.codex/sessions/2026/11/11/rollout-2026-11-11T14-20-05-${x1Id}.jsonl`, id: x1Id, start: '2026-11-11T13:20:05.118Z', branch: 'feature/seed-data' });
x1.turn('Seed the dev database with a couple of customers and check that the order model matches what the quote endpoint sends. Push the branch when done.');
x1.commentary('I’m listing the API service first so I can find the order model and the seed script.');
x1.exec('git status --short', { output: '' });
x1.exec('rg --files services/api', { output: listFiles('services/api').join('\n') + '\n', parsed: [{ type: 'list_files', cmd: 'rg --files services/api', path: 'api' }] });
const x1ReadWrong = x1.exec(`sed -n '1,120p' ${ORDER_WRONG}`, {
  exit: 2,
  output: `sed: can't read ${ORDER_WRONG}: No such file or directory\n`,
  parsed: [{ type: 'read', cmd: `sed -n '1,120p' ${ORDER_WRONG}`, name: 'order.py', path: ORDER_WRONG }],
});
const x1ReadRight = x1.exec(`sed -n '1,120p' ${ORDER_RIGHT}`, { output: projectFile(ORDER_RIGHT), parsed: [{ type: 'read', cmd: `sed -n '1,120p' ${ORDER_RIGHT}`, name: 'order.py', path: ORDER_RIGHT }] });
x1.commentary('The model lives under `src/shop`. Checking where discounts are applied.');
const x1Narrow = x1.exec('rg -n "apply_discount" services/api/src/shop/models', { exit: 1, output: '', parsed: [{ type: 'search', cmd: 'rg -n apply_discount services/api/src/shop/models', query: 'apply_discount', path: 'models' }] });
const x1Broad = x1.exec('rg -n "apply_discount" services/api', { output: rgOut('apply_discount', 'services/api'), parsed: [{ type: 'search', cmd: 'rg -n apply_discount services/api', query: 'apply_discount', path: 'api' }] });
x1.exec("sed -n '1,60p' services/api/src/shop/pricing/discounts.py", { output: projectFile('services/api/src/shop/pricing/discounts.py'), parsed: [{ type: 'read', cmd: "sed -n '1,60p' services/api/src/shop/pricing/discounts.py", name: 'discounts.py', path: 'services/api/src/shop/pricing/discounts.py' }] });
x1.exec("sed -n '1,80p' services/api/scripts/seed_db.py", { output: projectFile('services/api/scripts/seed_db.py'), parsed: [{ type: 'read', cmd: "sed -n '1,80p' services/api/scripts/seed_db.py", name: 'seed_db.py', path: 'services/api/scripts/seed_db.py' }] });
const x1Py = x1.exec('python3 scripts/seed_db.py', {
  workdir: 'services/api',
  exit: 1,
  output: 'Traceback (most recent call last):\n  File "scripts/seed_db.py", line 3, in <module>\n    from sqlalchemy import Boolean, Column, Integer, MetaData, String, Table, create_engine\nModuleNotFoundError: No module named \'sqlalchemy\'\n',
  seconds: 0.2,
});
x1.commentary('SQLAlchemy is only installed in the uv-managed environment, so I’m running the seed script through `uv run`.');
const x1Uv = x1.exec('uv run python scripts/seed_db.py', { workdir: 'services/api', output: 'seeded 2 customers\n', seconds: 1.3 });
const x1Log = x1.exec(`tail -n 100 ${LOG}`, { exit: 1, output: `tail: cannot open '${LOG}' for reading: Permission denied\n`, parsed: [{ type: 'read', cmd: `tail -n 100 ${LOG}`, name: 'api.log', path: LOG }] });
const x1ErrorWord = x1.exec('rg -n "error" web/src/api/client.ts', { output: search('error', 'web/src/api/client.ts').map((h) => `${h.line}:${h.text}`).join('\n') + '\n', parsed: [{ type: 'search', cmd: 'rg -n error web/src/api/client.ts', query: 'error', path: 'client.ts' }] });
x1.commentary('The client already surfaces the API’s 422 detail, so the quote payload and the model agree. Pushing the branch needs network access.');
const x1Push = x1.exec('git push origin feature/seed-data', {
  declined: true,
  escalate: { justification: 'Do you want me to push feature/seed-data to origin?', prefix_rule: ['git', 'push'] },
});
x1.final('Seeded two customers with `uv run python scripts/seed_db.py` (plain `python3` lacks SQLAlchemy). The order model in `services/api/src/shop/models/order.py` matches the quote payload. I did not push: the push was declined, so run `git push origin feature/seed-data` yourself. I could not read `/var/log/shop/api.log` (permission denied).');

// ─────────────────────── Claude session 2 (2026-11-12): invoice + web ───────────────────────
const c2 = new ClaudeSession({
  relFile: `${CLAUDE_DIR}/9b41c7e2-6f08-4d3a-8a1c-72e5d9f30b6c.jsonl`,
  sessionId: '9b41c7e2-6f08-4d3a-8a1c-72e5d9f30b6c',
  start: '2026-11-12T10:15:40.517Z',
  slug: 'quiet-folding-hopper',
  gitBranch: 'feature/invoice-email',
});
c2.prompt('Look at how invoices are built in billing and where discounts are applied in the API, then install the web deps and run the web tests.');
const c2InvWrong = c2.readMissing(INVOICE_WRONG, { text: "I'll look at the invoice class first." });
c2.glob('**/Invoice.*', [INVOICE_RIGHT]);
const c2InvRight = c2.read(INVOICE_RIGHT, { text: 'Billing is a Scala module, not Java.' });
const c2Narrow = c2.grep('apply_discount', 'services/api/src/shop/models', matchingFiles('apply_discount', 'services/api/src/shop/models'), { text: 'Now where discounts are applied.' });
const c2Broad = c2.grep('apply_discount', 'services/api', matchingFiles('apply_discount', 'services/api'), { text: 'Not in the models package; searching the whole service.' });
c2.read('services/api/src/shop/api/routes.py');
c2.read('services/api/src/shop/pricing/discounts.py');
c2.read('web/src/cart.ts');
c2.read('packages/ui/src/index.ts');
c2.bash('git status --short', 'Check the working tree', { stdout: '' });
const c2Log = c2.bash(`tail -n 50 ${LOG}`, 'Look at recent API errors', { fail: { code: 1, output: `tail: cannot open '${LOG}' for reading: Permission denied` } });
const c2Sync1 = c2.bash('cd services/api && uv sync', 'Sync the API environment', {
  fail: {
    code: 2,
    output:
      'error: Failed to fetch: `https://pypi.org/simple/fastapi/`\n  Caused by: Request failed after 3 retries\n  Caused by: error sending request for url (https://pypi.org/simple/fastapi/)\n  Caused by: client error (Connect)\n  Caused by: dns error: failed to lookup address information: Temporary failure in name resolution',
  },
  text: 'The log needs elevated permissions; skipping it. Syncing the API environment first.',
});
const c2Sync2 = c2.bash('cd services/api && uv sync', 'Sync the API environment', { stdout: 'Resolved 24 packages in 412ms\nAudited 22 packages in 3ms', text: 'That was a DNS hiccup; retrying.' });
const c2Npm = c2.bash('cd web && npm install', 'Install the web dependencies', { fail: { code: 1, output: NPM_WORKSPACE_ERROR('2026-11-12T10_19_02_311Z') } });
const c2Pnpm = c2.bash('pnpm install', 'Install workspace dependencies with pnpm', {
  stdout: PNPM_INSTALL_OK,
  text: 'The repo is a pnpm workspace (`workspace:*` dependencies, pnpm-lock.yaml); npm cannot install it. Using pnpm from the root.',
});
// The same typecheck streak as Codex session 2 (F2), on another branch four days earlier: retried as-is
// three times before the agent read the error. A retry rule needs its pattern in two sessions.
const C2_TSC_FAIL = `\n> @shop/web@ typecheck ${P}/web\n> tsc --noEmit\n\nsrc/cart.ts(21,5): error TS2322: Type 'string' is not assignable to type 'number'.\n${P}/web:\n ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL  @shop/web@ typecheck: \`tsc --noEmit\`\nExit status 2`;
const c2Tsc = [];
c2Tsc.push(c2.bash('pnpm --filter @shop/web typecheck', 'Type-check the web package', { fail: { code: 2, output: C2_TSC_FAIL }, text: 'Installed. Type-checking before the tests.', seconds: 3.5 }));
c2Tsc.push(c2.bash('pnpm --filter @shop/web typecheck', 'Type-check the web package again', { fail: { code: 2, output: C2_TSC_FAIL }, text: 'Possibly a stale tsbuildinfo from before the install; running it again.', seconds: 3.2 }));
c2Tsc.push(c2.bash('pnpm --filter @shop/web typecheck', 'Type-check the web package once more', { fail: { code: 2, output: C2_TSC_FAIL }, seconds: 3.1 }));
const c2CartEdit = c2.edit('web/src/cart.ts', '    return (Math.round(sum * 100) / 100).toFixed(2);', '    return Math.round(sum * 100) / 100;', {
  text: 'Same error every time: `subtotal` returns a string from `toFixed(2)` but is typed `number`. Returning the number.',
});
const c2TscOk = c2.bash('pnpm --filter @shop/web typecheck', 'Type-check the web package', { stdout: `\n> @shop/web@ typecheck ${P}/web\n> tsc --noEmit\n`, seconds: 3.3 });
const c2Vitest = c2.bash('pnpm --filter @shop/web test', 'Run the web tests', { stdout: VITEST_OK('11:21:07') });
const c2Docker = c2.bashRejected('docker compose up -d api', 'Start the API container', {
  feedback: "don't start containers, I run docker compose myself. Just tell me the command.",
  text: 'Tests pass. Starting the API so the cart can be checked against it.',
});
c2.say('OK, I will not start containers. To bring the API up yourself: `docker compose up -d api`.\n\nSummary: invoices are built in `modules/billing-scala` (`Invoice.scala`, Scala 3); discounts are applied in `services/api/src/shop/pricing/discounts.py` and called from `api/routes.py`; web deps install with `pnpm install` and the 2 web tests pass.');
c2.turnDuration(143870);

// ─────────────────────── Gemini session 1 (2026-11-13, legacy JSON) ───────────────────────
const g1Id = '3e8c5a71-2d4f-4b9e-8c16-a05f7d2e9b34';
const g1 = new GeminiSession({ relFile: `${GEMINI_LEGACY_DIR}/session-2026-11-13T08-40-${g1Id.slice(0, 8)}.json`, sessionId: g1Id, start: '2026-11-13T08:40:12.330Z' });
g1.user('Why does the quote endpoint return 500 for a negative quantity? Look at the order model and run the API tests.', 0);
const [g1ReadWrong] = g1.gemini("I'll read the order model.", 'Locating the Order Model', [
  { name: 'read_file', args: { file_path: ORDER_WRONG }, status: 'error', error: `File not found: ${P}/${ORDER_WRONG}` },
]);
const [g1ReadRight] = g1.gemini('', 'Finding the Correct Path', [{ name: 'read_file', args: { file_path: ORDER_RIGHT }, status: 'success', output: projectFile(ORDER_RIGHT), display: '' }]);
const [g1Py] = g1.gemini('`OrderLine` raises `ValueError` for quantities <= 0. Let me run the tests.', 'Running the Tests', [
  {
    name: 'run_shell_command',
    args: { command: 'cd services/api && python3 -m pytest -q', description: 'Run the API test suite.' },
    status: 'success',
    failedExit: true,
    output: geminiShellLegacy('cd services/api && python3 -m pytest -q', '/usr/bin/python3: No module named pytest', 1, 61234),
    display: '/usr/bin/python3: No module named pytest',
  },
]);
const [g1Uv] = g1.gemini('pytest is not available to the system Python. The project uses uv.', 'Switching to uv', [
  {
    name: 'run_shell_command',
    args: { command: 'cd services/api && uv run pytest -q', description: 'Run the API tests inside the uv environment.' },
    status: 'success',
    output: geminiShellLegacy('cd services/api && uv run pytest -q', '.....                                                                    [100%]\n5 passed in 0.33s', 0, 61290),
    display: '.....                                                                    [100%]\n5 passed in 0.33s',
  },
]);
g1.gemini('', 'Checking the Route', [{ name: 'read_file', args: { file_path: 'services/api/src/shop/api/routes.py' }, status: 'success', output: projectFile('services/api/src/shop/api/routes.py'), display: '' }]);
g1.gemini('The tests pass: the model rejects the quantity with `ValueError`, and `routes.py` turns that into a 422. A 500 means an older deployment without that `try/except`.', 'Explaining the 500');
g1.user('ok. where is formatPrice used in the web app?');
const [g1Narrow] = g1.gemini('', 'Searching for formatPrice', [
  { name: 'search_file_content', args: { pattern: 'formatPrice', path: 'web/src/api' }, status: 'success', output: 'No matches found for pattern "formatPrice" in path "web/src/api".', display: 'No matches found' },
]);
const g1Hits = search('formatPrice', 'web/src');
const g1Files = [...new Set(g1Hits.map((h) => h.file))];
const [g1Broad] = g1.gemini('', 'Widening the Search', [
  {
    name: 'search_file_content',
    args: { pattern: 'formatPrice', path: 'web/src' },
    status: 'success',
    output:
      `Found ${g1Hits.length} matches for pattern "formatPrice" in path "web/src":\n---\n` +
      g1Files.map((f) => `File: ${f.replace('web/src/', '')}\n` + g1Hits.filter((h) => h.file === f).map((h) => `L${h.line}: ${h.text}`).join('\n') + '\n---').join('\n'),
    display: `Found ${g1Hits.length} matches`,
  },
]);
g1.gemini('`formatPrice` is defined in `web/src/format/price.ts` and used by `Cart.label()` in `web/src/cart.ts`.', 'Summarizing');
g1.user('commit the test run notes and push');
g1.gemini('', 'Committing', [
  {
    name: 'run_shell_command',
    args: { command: 'git commit --allow-empty -m "Verify quote validation (tests pass)"', description: 'Create the commit.' },
    status: 'success',
    output: geminiShellLegacy('git commit --allow-empty -m "Verify quote validation (tests pass)"', '[main 8a1e4f2] Verify quote validation (tests pass)', 0, 61377),
    display: '[main 8a1e4f2] Verify quote validation (tests pass)',
  },
]);
const [g1Push] = g1.gemini('', 'Pushing', [
  { name: 'run_shell_command', args: { command: 'git push origin main', description: 'Push the commit to origin.' }, status: 'cancelled', error: '[Operation Cancelled] Reason: User did not allow tool call', seconds: 9 },
]);
g1.user('no, I push myself');
g1.gemini('Understood. To publish the commit, run `git push origin main`.', 'Acknowledging');

// ─────────────────────── Codex session 2 (2026-11-16): web typecheck ───────────────────────
const x2Id = '019a8d44-7f1b-7c02-9a3e-41d6b8e2c570';
const x2 = new CodexSession({ relFile: `.codex/sessions/2026/11/16/rollout-2026-11-16T16-05-12-${x2Id}.jsonl`, id: x2Id, start: '2026-11-16T15:05:12.640Z', branch: 'feature/cart-badge' });
x2.turn('Install the web dependencies, run the typecheck and the tests, fix what fails. Then bring the stack up so I can click through the cart.');
x2.commentary('I’m doing a clean install of the web package first.');
x2.exec('git status --short', { output: '' });
x2.exec('cat web/package.json pnpm-workspace.yaml', { output: projectFile('web/package.json') + projectFile('pnpm-workspace.yaml'), parsed: [{ type: 'read', cmd: 'cat web/package.json', name: 'package.json', path: 'web/package.json' }, { type: 'read', cmd: 'cat pnpm-workspace.yaml', name: 'pnpm-workspace.yaml', path: 'pnpm-workspace.yaml' }] });
const x2Npm = x2.exec('npm ci', {
  workdir: 'web',
  exit: 1,
  output:
    'npm error code EUSAGE\nnpm error\nnpm error The `npm ci` command can only install with an existing package-lock.json or\nnpm error npm-shrinkwrap.json with lockfileVersion >= 1. Run an install with npm@5 or\nnpm error later to generate a package-lock.json file, then try again.\nnpm error\nnpm error Clean install a project\nnpm error\nnpm error Usage:\nnpm error npm ci\nnpm error\nnpm error Run "npm help ci" for more info\nnpm error A complete log of this run can be found in: /home/dana/.npm/_logs/2026-11-16T15_05_31_880Z-debug-0.log\n',
  seconds: 0.9,
});
x2.commentary('There is no package-lock.json; the repo uses pnpm (pnpm-lock.yaml, `packageManager: pnpm`). Installing with pnpm.');
const x2Pnpm = x2.exec('pnpm install --frozen-lockfile', { output: PNPM_INSTALL_OK + '\n', seconds: 2.1 });
const TSC_FAIL = `\n> @shop/web@ typecheck ${P}/web\n> tsc --noEmit\n\nsrc/components/CartSummary.tsx(7,25): error TS2339: Property 'label' does not exist on type 'Cart'.\n${P}/web:\n ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL  @shop/web@ typecheck: \`tsc --noEmit\`\nExit status 2\n`;
const x2Tsc = [];
x2Tsc.push(x2.exec('pnpm --filter @shop/web typecheck', { exit: 2, output: TSC_FAIL, seconds: 3.4 }));
x2.commentary('The typecheck may have raced the fresh install; re-running it.');
x2Tsc.push(x2.exec('pnpm --filter @shop/web typecheck', { exit: 2, output: TSC_FAIL, seconds: 3.1 }));
x2Tsc.push(x2.exec('pnpm --filter @shop/web typecheck', { exit: 2, output: TSC_FAIL, seconds: 3.2 }));
x2.commentary('Same error three times, so it is real: `CartSummary` calls `cart.label()`, which `Cart` does not have. Adding it.');
x2.exec("sed -n '1,40p' web/src/cart.ts", { output: projectFile('web/src/cart.ts').replace(/\n  label\(\): string \{\n.*\n  \}\n/, '\n'), parsed: [{ type: 'read', cmd: "sed -n '1,40p' web/src/cart.ts", name: 'cart.ts', path: 'web/src/cart.ts' }] });
const x2Patch = x2.applyPatch('web/src/cart.ts', "@@\n     return Math.round(sum * 100) / 100;\n   }\n \n+  label(): string {\n+    return `${this.items.size} items · ${formatPrice(this.subtotal)}`;\n+  }\n+\n   toQuoteRequest(customerId: number, email: string) {");
const x2TscOk = x2.exec('pnpm --filter @shop/web typecheck', { output: `\n> @shop/web@ typecheck ${P}/web\n> tsc --noEmit\n\n`, seconds: 3.3 });
x2.exec('pnpm --filter @shop/web test', { output: VITEST_OK('16:07:44'), seconds: 2.2 });
x2.exec('cat docker-compose.yml', { output: projectFile('docker-compose.yml'), parsed: [{ type: 'read', cmd: 'cat docker-compose.yml', name: 'docker-compose.yml', path: 'docker-compose.yml' }] });
x2.commentary('Typecheck and tests pass. Checking the API settings before starting the stack.');
const x2SettingsWrong = x2.exec(`sed -n '1,80p' ${SETTINGS_WRONG}`, { exit: 2, output: `sed: can't read ${SETTINGS_WRONG}: No such file or directory\n`, parsed: [{ type: 'read', cmd: `sed -n '1,80p' ${SETTINGS_WRONG}`, name: 'settings.py', path: SETTINGS_WRONG }] });
const x2SettingsRight = x2.exec(`sed -n '1,80p' ${SETTINGS_STALE}`, { output: STALE_SETTINGS_CONTENT, parsed: [{ type: 'read', cmd: `sed -n '1,80p' ${SETTINGS_STALE}`, name: 'settings.py', path: SETTINGS_STALE }] });
const x2Docker = x2.exec('docker compose up -d', { declined: true, escalate: { justification: 'Do you want me to start the db and api containers with docker compose?', prefix_rule: ['docker', 'compose', 'up'] } });
x2.final('Fixed the typecheck: `Cart` had no `label()` but `CartSummary` calls it; added it in `web/src/cart.ts`. `pnpm --filter @shop/web typecheck` and `pnpm --filter @shop/web test` pass (npm cannot install this pnpm workspace). Starting the stack was declined; run `docker compose up -d` when you want it.');

// ─────────────────────── Claude session 3 (2026-11-17): invoice numbers, with a subagent ───────────────────────
const c3Id = 'e27a9f15-8c3d-4b60-a4f2-1d9b6e07c3a8';
const c3 = new ClaudeSession({ relFile: `${CLAUDE_DIR}/${c3Id}.jsonl`, sessionId: c3Id, start: '2026-11-17T11:30:02.911Z', slug: 'steady-weaving-turing', gitBranch: 'fix/invoice-numbers' });
const agentId = 'a7c31e9';
const sub = new ClaudeSession({ relFile: `${CLAUDE_DIR}/${c3Id}/subagents/agent-${agentId}.jsonl`, sessionId: c3Id, start: '2026-11-17T11:30:12.402Z', slug: 'steady-weaving-turing', gitBranch: 'fix/invoice-numbers', agentId });
c3.prompt('Invoice numbers come out as INV-2026-7 instead of INV-2026-00007. Fix it in billing. Also check what the bulk discount rule for SKU-10003 in EU is.');
const taskPrompt = 'Explore the billing module: find the Invoice class, the InvoiceLine type and the tests, and report file paths and how invoice numbers are built.';
sub.prompt(taskPrompt, 0);
const sInvWrong = sub.readMissing(INVOICE_WRONG);
const sNarrow = sub.grep('InvoiceLine', 'modules/billing', null);
const sBroad = sub.grep('InvoiceLine', 'modules', matchingFiles('InvoiceLine', 'modules'));
const sInvRight = sub.read(INVOICE_RIGHT);
sub.read('modules/billing-scala/src/test/scala/com/shop/billing/InvoiceSpec.scala');
const subSummary =
  'Billing is the Scala 3 module `modules/billing-scala` (sbt). `Invoice` is in `src/main/scala/com/shop/billing/Invoice.scala`; `InvoiceLine` and `Money` sit next to it. Invoice numbers are built by `Invoice.numbered(sequence, issuedOn)` with an `f"INV-${issuedOn.getYear}%d-$sequence%05d"` interpolator. Tests: `src/test/scala/com/shop/billing/InvoiceSpec.scala` (munit). There is no `modules/billing` Java module.';
sub.say(subSummary);
const c3Task = c3.task('Explore billing module', taskPrompt, agentId, subSummary, { text: "I'll have a subagent map the billing module first." });
const SBT_FAIL = `[info] welcome to sbt 1.10.5 (Eclipse Adoptium Java 21.0.5)\n[info] loading project definition from ${P}/modules/billing-scala/project\n[info] loading settings for project billing from build.sbt ...\n[info] compiling 3 Scala sources to ${P}/modules/billing-scala/target/scala-3.5.2/classes ...\n[info] compiling 1 Scala source to ${P}/modules/billing-scala/target/scala-3.5.2/test-classes ...\ncom.shop.billing.InvoiceSpec:\n  + total adds every line 0.012s\n==> X com.shop.billing.InvoiceSpec.invoice numbers are zero padded  0.021s munit.ComparisonFailException: ${P}/modules/billing-scala/src/test/scala/com/shop/billing/InvoiceSpec.scala:15\n14:  test("invoice numbers are zero padded") {\n15:    assertEquals(Invoice.numbered(7, LocalDate.of(2026, 11, 12)), "INV-2026-00007")\n16:  }\nvalues are not the same\n=> Obtained\nINV-2026-7\n=> Diff (- expected, + obtained)\n-INV-2026-00007\n+INV-2026-7\n[error] Failed: Total 2, Failed 1, Errors 0, Passed 1\n[error] Failed tests:\n[error] \tcom.shop.billing.InvoiceSpec\n[error] (Test / test) sbt.TestsFailedException: Tests unsuccessful\n[error] Total time: 9 s, completed Nov 17, 2026, 12:31:40 PM`;
const c3Sbt = [];
c3Sbt.push(c3.bash('cd modules/billing-scala && sbt test', 'Run the billing tests', { fail: { code: 1, output: SBT_FAIL }, text: 'Running the billing tests to reproduce.', seconds: 14 }));
c3Sbt.push(c3.bash('cd modules/billing-scala && sbt test', 'Run the billing tests again', { fail: { code: 1, output: SBT_FAIL }, text: 'The subagent reported a `%05d` format, which should pad. Maybe the incremental compile is stale; running again.', seconds: 11 }));
c3Sbt.push(c3.bash('cd modules/billing-scala && sbt test', 'Run the billing tests once more', { fail: { code: 1, output: SBT_FAIL }, seconds: 10 }));
const invoiceBefore = projectFile(INVOICE_RIGHT).replace('$sequence%05d', '$sequence%d');
c3.read(INVOICE_RIGHT, { content: invoiceBefore, text: 'Same failure every time, so it is not the build. Reading the source myself.' });
c3.read('modules/billing-scala/src/main/scala/com/shop/billing/InvoiceLine.scala');
c3.read('modules/billing-scala/src/main/scala/com/shop/billing/Money.scala');
c3.read('modules/billing-scala/build.sbt');
const c3Edit = c3.edit(INVOICE_RIGHT, '    f"INV-${issuedOn.getYear}%d-$sequence%d"', '    f"INV-${issuedOn.getYear}%d-$sequence%05d"', { text: 'The code actually uses `%d`, not `%05d` (the subagent misread it). Padding to five digits.' });
const c3SbtOk = c3.bash('cd modules/billing-scala && sbt test', 'Run the billing tests', {
  stdout: `[info] welcome to sbt 1.10.5 (Eclipse Adoptium Java 21.0.5)\n[info] loading settings for project billing from build.sbt ...\n[info] compiling 1 Scala source to ${P}/modules/billing-scala/target/scala-3.5.2/classes ...\ncom.shop.billing.InvoiceSpec:\n  + total adds every line 0.011s\n  + invoice numbers are zero padded 0.002s\n[info] Passed: Total 2, Failed 0, Errors 0, Passed 2\n[success] Total time: 8 s, completed Nov 17, 2026, 12:33:05 PM`,
  seconds: 12,
});
c3.bash('git diff --stat', 'Review the change', { stdout: ' modules/billing-scala/src/main/scala/com/shop/billing/Invoice.scala | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)' });
const c3Large = c3.readTooLarge(LARGE, { text: 'Fixed. Now the bulk rule for SKU-10003.' });
const c3LargeOk = c3.read(LARGE, { offset: 40, limit: 30, text: 'Reading only the SKU-10003 rows.' });
const c3MoneyMissing = c3.readMissing('services/api/src/shop/utils/money.py', { text: 'Checking whether the API has a money helper with the same rounding.' });
const c3Unrelated = c3.read('web/src/cart.ts', { text: 'No money helper in the API. Let me see how the web cart rounds instead.' });
const c3Log = c3.bash(`cat ${LOG} | grep -i invoice | tail -n 20`, 'Check API logs for invoice errors', { fail: { code: 1, output: `cat: ${LOG}: Permission denied` } });
const c3Py = c3.bash('cd services/api && python3 scripts/seed_db.py', 'Re-seed the dev database', {
  fail: { code: 1, output: 'Traceback (most recent call last):\n  File "__DEMO_PROJECT__/services/api/scripts/seed_db.py", line 3, in <module>\n    from sqlalchemy import Boolean, Column, Integer, MetaData, String, Table, create_engine\nModuleNotFoundError: No module named \'sqlalchemy\''.replaceAll('__DEMO_PROJECT__', P) },
});
const c3Uv = c3.bash('cd services/api && uv run python scripts/seed_db.py', 'Re-seed the dev database through uv', { stdout: 'seeded 2 customers', text: 'Same as the tests: the API only runs inside the uv environment.' });
const c3Dev = c3.bashInterrupted('pnpm --filter @shop/web dev', 'Start the web dev server');
c3.prompt("don't start dev servers. commit and push the billing fix", 30);
c3.bash('git add modules/billing-scala/src/main/scala/com/shop/billing/Invoice.scala && git commit -m "Zero-pad invoice numbers"', 'Commit the billing fix', {
  stdout: '[fix/invoice-numbers 71b0c4e] Zero-pad invoice numbers\n 1 file changed, 1 insertion(+), 1 deletion(-)',
});
const c3Push = c3.bashRejected('git push origin fix/invoice-numbers', 'Push the branch');

// ─────────────────────── Gemini session 2 (2026-11-18, JSONL) ───────────────────────
const g2Id = 'c4d2e8f6-1a7b-4c3d-9e0f-5b6a7c8d9e01';
const g2 = new GeminiSession({ relFile: `${GEMINI_SLUG_DIR}/chats/session-2026-11-18T14-10-${g2Id.slice(0, 8)}.jsonl`, sessionId: g2Id, start: '2026-11-18T14:10:03.004Z', jsonl: true, model: 'gemini-2.5-pro' });
g2.user('Invoices need a due date 30 days after issue. Look at the invoice class, make sure the web deps are installed, and start the database.', 0);
const [g2InvWrong] = g2.gemini("I'll open the Invoice class.", 'Opening the Invoice Class', [
  { name: 'read_file', args: { file_path: INVOICE_WRONG }, status: 'error', error: `File not found: ${P}/${INVOICE_WRONG}` },
]);
g2.gemini('', 'Locating Invoice', [
  {
    name: 'glob',
    args: { pattern: '**/Invoice.*' },
    status: 'success',
    output: `Found 1 file(s) matching "**/Invoice.*" within ${P}, sorted by modification time (newest first):\n${P}/${INVOICE_RIGHT}`,
    display: 'Found 1 matching file(s)',
  },
]);
const [g2InvRight] = g2.gemini('', 'Reading the Scala Invoice', [{ name: 'read_file', args: { file_path: INVOICE_RIGHT }, status: 'success', output: projectFile(INVOICE_RIGHT), display: '' }]);
g2.gemini('', 'Checking the Build', [{ name: 'read_file', args: { file_path: 'modules/billing-scala/build.sbt' }, status: 'success', output: projectFile('modules/billing-scala/build.sbt'), display: '' }]);
const [g2Npm] = g2.gemini('`Invoice` is a Scala case class with `issuedOn`; a `dueOn` can derive from it. Installing the web dependencies next.', 'Installing Dependencies', [
  { name: 'run_shell_command', args: { command: 'npm install', description: 'Install JavaScript dependencies.' }, status: 'success', failedExit: true, output: geminiShellNew(NPM_WORKSPACE_ERROR('2026-11-18T14_11_20_052Z'), 1, 72011) },
]);
const [g2Pnpm] = g2.gemini('This is a pnpm workspace; npm cannot resolve `workspace:*`.', 'Using pnpm', [
  { name: 'run_shell_command', args: { command: 'pnpm install', description: 'Install workspace dependencies with pnpm.' }, status: 'success', output: geminiShellNew(PNPM_INSTALL_OK, 0, 72040) },
]);
const [g2Docker] = g2.gemini('Dependencies are installed. Starting the database.', 'Starting the Database', [
  { name: 'run_shell_command', args: { command: 'docker compose up -d db', description: 'Start the Postgres container.' }, status: 'cancelled', error: '[Operation Cancelled] Reason: User did not allow tool call', seconds: 12 },
]);
g2.info('Request cancelled.');
g2.user('I start containers myself. Just add dueOn.');
g2.gemini('Understood, I will not run docker. Run `docker compose up -d db` when you need the database. I will add `def dueOn: LocalDate = issuedOn.plusDays(30)` to `Invoice` once you confirm the 30-day rule applies to every customer.', 'Planning the Change');

// ─────────────────────── write files ───────────────────────
const sessions = [
  ['claude', c1], ['claude', c2], ['claude', c3], ['claude', sub],
  ['codex', x1], ['codex', x2],
  ['gemini', g1], ['gemini', g2],
];
rmSync(HOME, { recursive: true, force: true });
for (const [, s] of sessions) {
  const file = path.join(HOME, s.relFile);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, s.text());
}
mkdirSync(path.join(HOME, GEMINI_SLUG_DIR), { recursive: true });
writeFileSync(path.join(HOME, GEMINI_SLUG_DIR, '.project_root'), P);
writeFileSync(path.join(HOME, '.gemini/projects.json'), JSON.stringify({ projects: { [P]: 'project' } }, null, 2) + '\n');

// ─────────────────────── planted cases ───────────────────────
const F = 'file_not_found';
plant('Environment facts / python_runtime', 'A1', '`python3 -m pytest` → `uv run pytest` (Claude)', [['fail', c1Py], ['fix', c1Uv]], '`/usr/bin/python3: No module named pytest` (module_not_found); next Bash is the same test run through `uv run`.');
plant('Environment facts / python_runtime', 'A2', '`python3 scripts/seed_db.py` → `uv run python scripts/seed_db.py` (Codex)', [['fail', x1Py], ['fix', x1Uv]], "ModuleNotFoundError: No module named 'sqlalchemy', exit 1; the fix runs the same script through `uv run python`.");
plant('Environment facts / python_runtime', 'A3', '`python3 -m pytest` → `uv run pytest` (Gemini, shell exit in text)', [['fail', g1Py], ['fix', g1Uv]], 'status is "success" but the output says `Exit Code: 1` with `No module named pytest`; the next shell call uses uv and exits 0.');
plant('Environment facts / python_runtime', 'A4', '`python3 scripts/seed_db.py` → `uv run python scripts/seed_db.py` (Claude)', [['fail', c3Py], ['fix', c3Uv]], 'Same as A2 in another agent and session.');
plant('Command patterns / package manager', 'B1', '`npm install` → `pnpm install` (Claude)', [['fail', c2Npm], ['fix', c2Pnpm]], 'npm 10 `EUNSUPPORTEDPROTOCOL` on `workspace:*`; pnpm install succeeds.');
plant('Command patterns / package manager', 'B2', '`npm ci` → `pnpm install --frozen-lockfile` (Codex)', [['fail', x2Npm], ['fix', x2Pnpm]], '`npm ci` EUSAGE: no package-lock.json (lockfile error), exit 1; pnpm succeeds.');
plant('Command patterns / package manager', 'B3', '`npm install` → `pnpm install` (Gemini JSONL)', [['fail', g2Npm], ['fix', g2Pnpm]], 'Same as B1; Gemini records exit 1 only in the output text.');
plant('File path corrections', 'C1', `\`${ORDER_WRONG}\` → \`${ORDER_RIGHT}\` (Claude)`, [['fail', c1ReadWrong], ['fix', c1ReadRight]], 'Same basename `order.py`; a Glob sits between failure and fix (it is neither).');
plant('File path corrections', 'C2', 'same correction (Codex, `sed -n` reads)', [['fail', x1ReadWrong], ['fix', x1ReadRight]], '`sed: can\'t read …: No such file or directory`, exit 2; next sed of the real path exits 0.');
plant('File path corrections', 'C3', 'same correction (Gemini legacy)', [['fail', g1ReadWrong], ['fix', g1ReadRight]], 'read_file status "error" `File not found: …`; next read_file of the real path succeeds.');
plant('File path corrections', 'C4', `\`${INVOICE_WRONG}\` → \`${INVOICE_RIGHT}\` (Claude)`, [['fail', c2InvWrong], ['fix', c2InvRight]], 'Near basename: `Invoice.java` → `Invoice.scala` (same stem, other language and module).');
plant('File path corrections', 'C5', 'same Invoice correction (Claude subagent)', [['fail', sInvWrong], ['fix', sInvRight]], 'Inside the subagent transcript (isSidechain true); two Grep calls sit in between.');
plant('File path corrections', 'C6', 'same Invoice correction (Gemini JSONL)', [['fail', g2InvWrong], ['fix', g2InvRight]], 'read_file error, glob, then read_file of the Scala file.');
plant('File path corrections (stale)', 'C7', `\`${SETTINGS_WRONG}\` → \`${SETTINGS_STALE}\` — right path NO LONGER EXISTS`, [['fail', c1SettingsWrong], ['fix', c1SettingsRight], ['fail', x2SettingsWrong], ['fix', x2SettingsRight]], 'Passes the 2-occurrence threshold (Claude + Codex) but `services/api/src/shop/settings.py` is not in the project any more (replaced by `config.py`): must be reported as stale / not written as a correction.');
plant('Search scope', 'D1', '`apply_discount` in `services/api/src/shop/models` → `services/api` (Claude)', [['narrow', c2Narrow], ['broad', c2Broad]], 'Claude Grep with no match is NOT an error in the log (`No files found`, no is_error); the broader search finds 4 files.');
plant('Search scope', 'D2', '`apply_discount` in `services/api/src/shop/models` → `services/api` (Codex rg)', [['narrow', x1Narrow], ['broad', x1Broad]], '`rg` exits 1 with empty output (status failed) on no match; the broader rg exits 0.');
plant('Search scope', 'D3', '`InvoiceLine` in `modules/billing` (does not exist) → `modules` (Claude subagent)', [['narrow', sNarrow], ['broad', sBroad]], '`<tool_use_error>Path does not exist: …` (is_error) then matches in 3 files.');
plant('Search scope', 'D4', '`formatPrice` in `web/src/api` → `web/src` (Gemini legacy)', [['narrow', g1Narrow], ['broad', g1Broad]], 'Gemini search_file_content: `No matches found …` (status success), then matches.');
plant('Known large files', 'E1', `\`${LARGE}\` (3400 lines) (Claude session 1)`, [['fail', c1Large], ['fix', c1LargeOk]], '`File content (N tokens) exceeds maximum allowed tokens (25000)…` then Read with offset 3380 / limit 21.');
plant('Known large files', 'E2', 'same file (Claude session 3)', [['fail', c3Large], ['fix', c3LargeOk]], 'Second session: too large, then offset 40 / limit 30. No rule: both times the very next call read a range, as the error itself said (listed under "Not proposed").');
plant('Retry prevention (streak)', 'F1', '`sbt test` failing 3× identically, ended by an Edit (Claude)', [['fail ×1', c3Sbt[0]], ['fail ×2', c3Sbt[1]], ['fail ×3', c3Sbt[2]], ['fix (edit)', c3Edit], ['success', c3SbtOk]], 'Three identical Bash calls with identical output (exit 1); a Read and an Edit of Invoice.scala, then the same command passes.');
plant('Retry prevention (streak)', 'F2', '`pnpm --filter @shop/web typecheck` failing 3× identically, ended by apply_patch (Codex)', [['fail ×1', x2Tsc[0]], ['fail ×2', x2Tsc[1]], ['fail ×3', x2Tsc[2]], ['fix (patch)', x2Patch], ['success', x2TscOk]], 'Three identical exec_command calls, exit 2, same TS2339; apply_patch on web/src/cart.ts; then exit 0.');
plant('Retry prevention (streak)', 'F3', 'the same `pnpm --filter @shop/web typecheck` streak four days earlier, ended by an Edit (Claude session 2)', [['fail ×1', c2Tsc[0]], ['fail ×2', c2Tsc[1]], ['fail ×3', c2Tsc[2]], ['fix (edit)', c2CartEdit], ['success', c2TscOk]], 'Three identical Bash calls, exit 2, same TS2322; an Edit of web/src/cart.ts; then the typecheck passes. With F2 the streak is seen in two sessions, which a retry rule needs.');
plant('Command patterns / user_prefers_manual + Permission notes', 'G1', '`git push` rejected with feedback (Claude)', [['rejected', c1Push]], 'Feedback: "I deploy myself, just show me the command".');
plant('Command patterns / user_prefers_manual + Permission notes', 'G2', '`docker compose up -d api` rejected with feedback (Claude)', [['rejected', c2Docker]], 'Feedback: "don\'t start containers, I run docker compose myself. Just tell me the command."');
plant('Command patterns / user_prefers_manual + Permission notes', 'G3', '`git push` rejected without feedback (Claude)', [['rejected', c3Push]], 'toolUseResult "User rejected tool use", then a `[Request interrupted by user for tool use]` marker.');
plant('Command patterns / user_prefers_manual + Permission notes', 'G4', '`git push` declined (Codex)', [['rejected', x1Push]], 'exec_command with sandbox_permissions require_escalated; output `exec command rejected by user`; exec_command_end status "declined", exit_code -1.');
plant('Command patterns / user_prefers_manual + Permission notes', 'G5', '`docker compose up -d` declined (Codex)', [['rejected', x2Docker]], 'As G4.');
plant('Command patterns / user_prefers_manual + Permission notes', 'G6', '`git push origin main` cancelled (Gemini legacy)', [['rejected', g1Push]], 'status "cancelled", `[Operation Cancelled] Reason: User did not allow tool call`; the user then says "no, I push myself".');
plant('Command patterns / user_prefers_manual + Permission notes', 'G7', '`docker compose up -d db` cancelled (Gemini JSONL)', [['rejected', g2Docker]], 'As G6; followed by an `info` "Request cancelled." message.');
plant('Permission denied (repeated)', 'H1', `\`tail -n 50 ${LOG}\` (Claude s2)`, [['fail', c2Log]], '`Permission denied`, exit 1; the agent gives up on the log.');
plant('Permission denied (repeated)', 'H2', `\`tail -n 100 ${LOG}\` (Codex s1)`, [['fail', x1Log]], 'Same file, other agent.');
plant('Permission denied (repeated)', 'H3', `\`cat ${LOG} | …\` (Claude s3)`, [['fail', c3Log]], 'Third denial of the same file.');
plant('Must NOT count as failure', 'I1', 'successful `pnpm --filter @shop/web test` whose output says "reports an error…" (Claude)', [['ok', c2Vitest]], 'No is_error, no exit code: a success that merely contains the word "error".');
plant('Must NOT count as failure', 'I2', 'successful `rg -n "error" web/src/api/client.ts` (Codex)', [['ok', x1ErrorWord]], 'exit 0; every output line contains "error".');
plant('Must NOT count as failure', 'I3', 'successful `sbt test` printing "Errors 0" (Claude)', [['ok', c3SbtOk]], 'exit 0 (no is_error).');
plant('Near misses (must NOT pair)', 'J1', 'failed Read of `services/api/src/shop/utils/money.py` followed by an unrelated successful Read of `web/src/cart.ts` (Claude)', [['fail', c3MoneyMissing], ['unrelated ok', c3Unrelated]], 'Different basename, different folder: not a path correction. The money.py failure stays unresolved (single occurrence).');
plant('Near misses (must NOT pair)', 'J2', 'identical `uv sync` retry that succeeds = transient (Claude)', [['fail', c2Sync1], ['same call ok', c2Sync2]], 'DNS failure then the identical command succeeds: transient, nothing to learn.');
plant('Other outcomes', 'K1', 'interrupted `pnpm --filter @shop/web dev` (Claude)', [['interrupted', c3Dev]], '`[Request interrupted by user for tool use]` tool_result; outcome interrupted, not failed.');
plant('Other outcomes', 'K2', 'subagent spawned through Task (Claude s3)', [['ok', c3Task]], `Transcript: \`${sub.relFile}\` (isSidechain true, agentId ${agentId}, parent sessionId).`);

// ─────────────────────── README tables ───────────────────────
function tally(list) {
  const t = { calls: 0, ok: 0, failed: 0, rejected: 0, interrupted: 0 };
  for (const c of list) {
    t.calls++;
    t[c.outcome]++;
  }
  return t;
}
const short = (f) => f.replace(/^\.claude\/projects\/__CLAUDE_PROJECT_DIR__\//, '…claude/').replace(/^\.codex\/sessions\//, '…codex/').replace(/^\.gemini\/tmp\//, '…gemini/');
const callText = (r) => {
  const i = r.input ?? {};
  const v = i.command ?? i.cmd ?? i.file_path ?? (i.pattern ? `${i.pattern} in ${i.path ?? ''}` : undefined) ?? (r.name === 'apply_patch' ? 'apply_patch web/src/cart.ts' : i.description ?? '');
  return `${r.name} \`${String(v).replaceAll(P + '/', '').replaceAll('|', '\\|').slice(0, 90)}\``;
};
let md = '';
md += '| session file (under `home/`) | agent | tool calls | ok | failed | rejected | interrupted |\n|---|---|---|---|---|---|---|\n';
const totals = {};
for (const [agent, s] of sessions) {
  const t = tally(s.calls);
  md += `| \`${s.relFile}\` | ${agent}${s.sidechain ? ' (subagent)' : ''} | ${t.calls} | ${t.ok} | ${t.failed} | ${t.rejected} | ${t.interrupted} |\n`;
  const a = (totals[agent] ??= { sessions: 0, calls: 0, ok: 0, failed: 0, rejected: 0, interrupted: 0 });
  a.sessions++;
  for (const k of ['calls', 'ok', 'failed', 'rejected', 'interrupted']) a[k] += t[k];
}
md += '\n| agent | session files | tool calls | ok | failed | rejected | interrupted |\n|---|---|---|---|---|---|---|\n';
for (const [agent, a] of Object.entries(totals)) md += `| ${agent} | ${a.sessions} | ${a.calls} | ${a.ok} | ${a.failed} | ${a.rejected} | ${a.interrupted} |\n`;

let casesMd = '';
let lastCategory = '';
for (const c of cases) {
  if (c.category !== lastCategory) {
    casesMd += `\n### ${c.category}\n\n| case | role | file (under \`home/\`) | line | call | outcome |\n|---|---|---|---|---|---|\n`;
    lastCategory = c.category;
  }
  c.refs.forEach(([role, r], i) => {
    casesMd += `| ${i === 0 ? `**${c.id}** ${c.title}` : ''} | ${role} | \`${short(r.file)}\` | ${r.line} | ${callText(r)} | ${r.outcome}${r.noMatches ? ' (no matches)' : ''}${r.exitCode ? ` (exit ${r.exitCode})` : ''} |\n`;
  });
  casesMd += `| | why | ${c.why} | | | |\n`;
}

const readmePath = path.join(DEMO, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const replaceBetween = (text, name, body) => {
  const start = `<!-- generated:${name}:start -->`;
  const end = `<!-- generated:${name}:end -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < 0) throw new Error(`README.md lacks the ${name} markers`);
  return text.slice(0, a + start.length) + '\n' + body.trim() + '\n' + text.slice(b);
};
writeFileSync(readmePath, replaceBetween(replaceBetween(readme, 'totals', md), 'cases', casesMd));
console.log(md);
