// ESLint flat config: TypeScript rules for src/ and test/, the direction of imports between layers,
// one import-suffix style, and size limits. Unused exports across files are knip's job (knip.json),
// run after this by `npm run lint`.
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;

/** A path from the project root with forward slashes ('src/core/model/x.js'). */
function fromRoot(file) {
  return path.relative(root, file).split(path.sep).join('/');
}

/** Calls check(literal, specifier) for every import, re-export, dynamic import and `import('…')` type in a file. */
function importVisitors(check) {
  const ofSource = (node) => {
    if (node.source?.type === 'Literal' && typeof node.source.value === 'string') check(node.source, node.source.value);
  };
  return {
    ImportDeclaration: ofSource,
    ExportNamedDeclaration: ofSource,
    ExportAllDeclaration: ofSource,
    ImportExpression: ofSource,
    TSImportType(node) {
      const literal = node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.source;
      if (literal?.type === 'Literal' && typeof literal.value === 'string') check(literal, literal.value);
    },
  };
}

const isRelative = (specifier) => /^\.{1,2}\//.test(specifier);

/**
 * Relative imports name the file Node loads: `.js` for a TypeScript module (never `.ts`, never no suffix);
 * a real `.mjs`, `.cjs` or `.json` file is named as it is.
 */
const relativeImportJs = {
  meta: {
    type: 'problem',
    schema: [],
    messages: { suffix: "Relative import '{{specifier}}' must end in '.js' (the emitted name of the .ts module)." },
  },
  create(context) {
    return importVisitors((node, specifier) => {
      if (isRelative(specifier) && !/\.(js|mjs|cjs|json)$/.test(specifier)) {
        context.report({ node, messageId: 'suffix', data: { specifier } });
      }
    });
  },
};

/**
 * Which way imports point: a file under `from` may not import (relatively; paths are resolved, so a folder
 * named `cli` inside src/core is not src/cli) anything under a `deny` prefix unless it is under an `allow` one.
 */
const layersRule = {
  meta: {
    type: 'problem',
    schema: [
      {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            from: { type: 'string' },
            deny: { type: 'array', items: { type: 'string' } },
            allow: { type: 'array', items: { type: 'string' } },
            why: { type: 'string' },
          },
          required: ['from', 'deny', 'why'],
          additionalProperties: false,
        },
      },
    ],
    messages: { layer: "'{{file}}' may not import '{{target}}': {{why}}." },
  },
  create(context) {
    const file = fromRoot(context.filename);
    const layers = (context.options[0] ?? []).filter((layer) => file.startsWith(layer.from));
    if (layers.length === 0) return {};
    return importVisitors((node, specifier) => {
      if (!isRelative(specifier)) return;
      const target = fromRoot(path.resolve(path.dirname(context.filename), specifier));
      const broken = layers.find(
        (layer) => layer.deny.some((prefix) => target.startsWith(prefix)) && !(layer.allow ?? []).some((prefix) => target.startsWith(prefix)),
      );
      if (broken) context.report({ node, messageId: 'layer', data: { file, target, why: broken.why } });
    });
  },
};

/** The layers of src/, top to bottom: extension and cli, then core (pipeline, write, analyze, correlate, scan, agents, logs, model). */
const layers = [
  { from: 'src/core/', deny: ['src/extension/', 'src/cli/', 'src/webview/'], why: 'src/core is below the extension, the CLI and the webviews' },
  { from: 'src/cli/', deny: ['src/extension/', 'src/webview/'], why: 'the CLI runs without VS Code' },
  { from: 'src/webview/', deny: ['src/'], allow: ['src/webview/'], why: 'webview pages are browser bundles of src/webview code only' },
  { from: 'src/core/model/', deny: ['src/'], allow: ['src/core/model/'], why: 'the model is the bottom layer of src/core' },
  { from: 'src/core/logs/', deny: ['src/'], allow: ['src/core/logs/', 'src/core/model/'], why: 'log helpers sit just above the model' },
  { from: 'src/core/fs/', deny: ['src/'], allow: ['src/core/fs/', 'src/core/logs/', 'src/core/model/'], why: 'file-system guards sit just above the log helpers' },
  {
    from: 'src/core/agents/',
    deny: ['src/core/scan/', 'src/core/correlate/', 'src/core/analyze/', 'src/core/write/', 'src/core/pipeline/'],
    why: 'agent adapters read logs into the model, below scanning, correlation, analysis and writing',
  },
  {
    from: 'src/core/correlate/',
    deny: ['src/core/analyze/', 'src/core/write/', 'src/core/pipeline/'],
    why: 'correlation feeds the analyzers and the writer, not the other way round',
  },
];

const headroom = { rules: { 'relative-import-js': relativeImportJs, layers: layersRule } };

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const noVscode = (message) => ({ name: 'vscode', message });

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'media/dist/**',
      'out/**',
      '.test-artifacts/**',
      '.vscode-test/**',
      'node_modules/**',
      'examples/**',
      'test/fixtures/**',
      'test/harness/workspace/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    plugins: { headroom },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    rules: { 'headroom/relative-import-js': 'error' },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'headroom/layers': ['error', layers],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 250, skipBlankLines: false, skipComments: false }] },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noVscode('src/core is plain TypeScript shared by the extension and the CLI: no VS Code API.')] },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode('The CLI runs without VS Code.')] }] },
  },
  {
    files: ['src/webview/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, acquireVsCodeApi: 'readonly' } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            noVscode('Webview pages run in a browser: no VS Code API (they talk to the host by postMessage).'),
            ...nodeBuiltins.map((name) => ({ name, message: 'Webview pages run in a browser: no Node built-ins.' })),
          ],
        },
      ],
    },
  },
  {
    // The test extensions installed by the host and chat tests are plain CommonJS.
    files: ['test/host/fixtures/**/*.js', 'test/chat/fixtures/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Playwright evaluates some callbacks of the UI tests inside the page.
    files: ['test/ui/**/*.mjs'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
);
