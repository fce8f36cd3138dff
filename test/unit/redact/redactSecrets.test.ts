import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactSecrets } from '../../../src/core/redact/redactSecrets.js';

// Secrets are assembled at run time so this file never holds a real-looking key literal.
const repeat = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
const ANTHROPIC = `sk-ant-api03-${repeat('Zx9_kQ2-', 93)}AA`;
const OPENAI = `sk-${repeat('T3BlbkFJ7q', 48)}`;
const OPENAI_PROJECT = `sk-proj-${repeat('aB3dE5fG7h', 64)}`;
const GOOGLE = `AIza${repeat('SyD4x-8Kq_', 35)}`;
const GITHUB_CLASSIC = `ghp_${repeat('a1B2c3D4e5', 36)}`;
const GITHUB_OAUTH = `gho_${repeat('Q9w8E7r6T5', 36)}`;
const GITHUB_FINE = `github_pat_${repeat('11ABCDEFG0', 22)}_${repeat('xYz123', 59)}`;
const AWS_ID = `AKIA${repeat('Q7ZRT2MX', 16)}`;
const AWS_SECRET = repeat('wJalrXUtnFEMI/K7MDENG+bPxRfiCY', 40);
const SLACK = `xoxb-${repeat('1234567890-', 24)}${repeat('AbCdEf', 24)}`;
const STRIPE = `sk_live_${repeat('4eC39HqLyjWDarjtT1zdp7dc', 24)}`;
const JWT = `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${repeat('dBjftJeZ4CVPmB92K27uhbUJU1p1r', 43)}`;
const GITLAB = `glpat-${repeat('Xy7_kQ2-a', 20)}`;
const HUGGING = `hf_${repeat('aBcD3fGh1J', 34)}`;
const PRIVATE_KEY = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB', 'aFDrBz9vFqU4yQ==', '-----END RSA PRIVATE KEY-----'].join('\n');

const planted: Array<{ name: string; text: string; secret: string; kind: string }> = [
  { name: 'Anthropic key', text: `export ANTHROPIC_API_KEY=${ANTHROPIC}`, secret: ANTHROPIC, kind: 'anthropic' },
  { name: 'OpenAI key', text: `client = OpenAI(api_key="${OPENAI}")`, secret: OPENAI, kind: 'openai' },
  { name: 'OpenAI project key', text: `OPENAI_API_KEY=${OPENAI_PROJECT} npm test`, secret: OPENAI_PROJECT, kind: 'openai' },
  { name: 'Google key', text: `curl "https://generativelanguage.googleapis.com/v1/models?key=${GOOGLE}"`, secret: GOOGLE, kind: 'google' },
  { name: 'GitHub classic token', text: `git push https://x-access-token@github.com ${GITHUB_CLASSIC}`, secret: GITHUB_CLASSIC, kind: 'github' },
  { name: 'GitHub OAuth token', text: `gh auth login --with-token ${GITHUB_OAUTH}`, secret: GITHUB_OAUTH, kind: 'github' },
  { name: 'GitHub fine-grained token', text: `token ${GITHUB_FINE}`, secret: GITHUB_FINE, kind: 'github' },
  { name: 'AWS access key id', text: `aws configure set aws_access_key_id ${AWS_ID}`, secret: AWS_ID, kind: 'aws_access_key' },
  { name: 'AWS secret key', text: `aws_secret_access_key = ${AWS_SECRET}`, secret: AWS_SECRET, kind: 'aws_secret_key' },
  { name: 'Slack token', text: `SLACK=${SLACK}`, secret: SLACK, kind: 'slack' },
  { name: 'Stripe live key', text: `stripe.api_key = "${STRIPE}"`, secret: STRIPE, kind: 'stripe' },
  { name: 'JWT', text: `cookie session=${JWT}`, secret: JWT, kind: 'jwt' },
  { name: 'Bearer header', text: 'curl -H "Authorization: Bearer q8Zt2LmW9xYv4KpR" https://api.example.com', secret: 'q8Zt2LmW9xYv4KpR', kind: 'auth_header' },
  { name: 'Basic header', text: 'Authorization: Basic dXNlcjpodW50ZXIy', secret: 'dXNlcjpodW50ZXIy', kind: 'auth_header' },
  { name: 'private key block', text: `cat id_rsa\n${PRIVATE_KEY}\nDone`, secret: 'MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn', kind: 'private_key' },
  { name: 'truncated private key block', text: `${PRIVATE_KEY.slice(0, 80)}`, secret: 'MIIEowIBAAKCAQEA', kind: 'private_key' },
  { name: '.env token', text: 'DEPLOY_TOKEN=dtk_9f8e7d6c5b4a npm run deploy', secret: 'dtk_9f8e7d6c5b4a', kind: 'env_secret' },
  { name: '.env secret', text: 'export SESSION_SECRET="correct horse battery staple"', secret: 'correct horse battery staple', kind: 'env_secret' },
  { name: '.env password', text: 'DB_PASSWORD=hunter2 ./migrate', secret: 'hunter2', kind: 'env_secret' },
  { name: 'PASSWORD=', text: 'PASSWORD=Tr0ub4dor&3 psql', secret: 'Tr0ub4dor', kind: 'env_secret' },
  { name: '*_KEY=', text: 'MAPBOX_KEY=pk.eyJ1IjoiZm9vIn0.abc make', secret: 'pk.eyJ1IjoiZm9vIn0.abc', kind: 'env_secret' },
  { name: 'password flag', text: 'mysql --password=s3cr3t! -u root', secret: 's3cr3t!', kind: 'env_secret' },
  { name: 'YAML password', text: 'db:\n  password: pa55word\n  host: localhost', secret: 'pa55word', kind: 'env_secret' },
  { name: 'JSON apiKey', text: '{"apiKey": "k-12345-abcde"}', secret: 'k-12345-abcde', kind: 'env_secret' },
  { name: 'URL credentials', text: 'git clone https://bob:hunter22@git.example.com/team/repo.git', secret: 'bob:hunter22', kind: 'url_credentials' },
  { name: 'database URL credentials', text: 'DATABASE_URL=postgres://app:pg-pass@db:5432/app', secret: 'pg-pass', kind: 'url_credentials' },
  // Issue 14: shapes that got through.
  { name: 'URL password holding a slash', text: 'git clone https://bob:pa/ss9word@git.example.com/team/repo.git', secret: 'pa/ss9word', kind: 'url_credentials' },
  { name: 'GitLab token', text: `git remote set-url origin https://oauth2@gitlab.com/x.git ${GITLAB}`, secret: GITLAB, kind: 'gitlab' },
  { name: 'Hugging Face token', text: `huggingface-cli login --token ${HUGGING}`, secret: HUGGING, kind: 'huggingface' },
  { name: 'mysql -pPASSWORD', text: "mysql -u root -pS3cretPass99 -e 'select 1'", secret: 'S3cretPass99', kind: 'password' },
  { name: 'mysqldump -p with the password quoted', text: "mysqldump -h db -p'Tr0ub4dor 3' shop > dump.sql", secret: 'Tr0ub4dor 3', kind: 'password' },
  { name: '--password X', text: './deploy --password hunter22x --env prod', secret: 'hunter22x', kind: 'password' },
  { name: '--api-key X', text: 'tool --api-key k3y-abc-123 run', secret: 'k3y-abc-123', kind: 'password' },
  { name: 'curl -u user:password', text: 'curl -u admin:pa55word https://api.example.com/x', secret: 'admin:pa55word', kind: 'basic_auth' },
  { name: 'curl --user=user:password', text: 'curl -s --user=admin:pa55word https://api.example.com/x', secret: 'pa55word', kind: 'basic_auth' },
  { name: 'sshpass -p', text: 'sshpass -p h0stPass ssh deploy@web1', secret: 'h0stPass', kind: 'password' },
  { name: 'docker login -p', text: 'docker login -u bob -p d0ckerPass registry.example.com', secret: 'd0ckerPass', kind: 'password' },
];

for (const sample of planted) {
  test(`redacts a planted ${sample.name}`, () => {
    const result = redactSecrets(sample.text);
    assert.ok(!result.text.includes(sample.secret), `secret still in: ${result.text}`);
    assert.match(result.text, new RegExp(`\\[REDACTED:${sample.kind}\\]`));
    assert.ok(result.findings.some((f) => f.rule === sample.kind && f.count >= 1), JSON.stringify(result.findings));
  });
}

test('keeps the text around a secret and the name it was assigned to', () => {
  assert.equal(redactSecrets('DB_PASSWORD=hunter2 ./migrate').text, 'DB_PASSWORD=[REDACTED:env_secret] ./migrate');
  assert.equal(redactSecrets('curl -H "Authorization: Bearer q8Zt2LmW9xYv4KpR" x').text, 'curl -H "Authorization: Bearer [REDACTED:auth_header]" x');
  assert.equal(redactSecrets('https://bob:hunter22@git.example.com/r').text, 'https://[REDACTED:url_credentials]@git.example.com/r');
});

test('counts every secret of a kind and lists each kind once', () => {
  const result = redactSecrets(`A=${GITHUB_CLASSIC} B=${GITHUB_OAUTH} C=${AWS_ID}`);
  assert.deepEqual(result.findings, [
    { rule: 'github', count: 2 },
    { rule: 'aws_access_key', count: 1 },
  ]);
});

const nearMisses = [
  'Prefix keys with sk- and never commit them.',
  'pip install scikit-learn  # imported as sklearn, not sk-learn-is-a-python-library',
  'commit 3f9a2c1 fixed it; see build a1b2c3d4',
  'git checkout 9fceb02d0ae598e95dc970b74767f19372d61af8',
  'MAX_TOKENS=4096 python run.py',
  'export GITHUB_TOKEN=$GITHUB_TOKEN',
  'curl -H "Authorization: Bearer ${API_TOKEN}" https://api.example.com',
  'OPENAI_API_KEY=<your-key> npm start',
  'PASSWORD= ./setup.sh',
  'open https://example.com:8443/path and git@github.com:org/repo.git',
  'postgres://app@localhost:5432/db',
  'Reset your password in the settings page; the token expires after an hour.',
  'if (token == null) return;',
  'function login(password: string, token: string) {}',
  'SELECT * FROM users WHERE primary_key=42',
  'The AKIA prefix marks AWS access key ids.',
  'He was the bearer of bad news.',
  'Use `uv run python` (not `python3`)',
];

for (const text of nearMisses) {
  test(`leaves a near miss alone: ${text.slice(0, 50)}`, () => {
    assert.deepEqual(redactSecrets(text), { text, findings: [] });
  });
}

test('redacting twice changes nothing more', () => {
  for (const sample of planted) {
    const once = redactSecrets(sample.text).text;
    assert.deepEqual(redactSecrets(once), { text: once, findings: [] }, sample.name);
  }
});

test('secretlint finds nothing left in the redacted samples (oracle check)', async () => {
  const { lintSource } = await import('@secretlint/core');
  const { creator } = await import('@secretlint/secretlint-rule-preset-recommend');
  const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }] };
  // A match that covers one of our placeholders is secretlint reading `[REDACTED:x]` as user:password, not a leak.
  const lint = async (content: string) =>
    (await lintSource({ source: { content, filePath: '/sample.txt', ext: '.txt', contentType: 'text' }, options: { config, noPhysicFilePath: true } })).messages.filter(
      (message) => !content.slice(message.range[0], message.range[1]).includes('[REDACTED:'),
    );
  let detectedBefore = 0;
  for (const sample of planted) {
    if ((await lint(sample.text)).length > 0) detectedBefore++;
    const left = await lint(redactSecrets(sample.text).text);
    assert.deepEqual(left.map((m) => m.ruleId), [], `${sample.name}: secretlint still finds a secret`);
  }
  assert.ok(detectedBefore >= 8, `the oracle should recognise most planted samples, recognised ${detectedBefore}`);
});
