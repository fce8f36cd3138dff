import * as fs from 'node:fs';
import * as path from 'node:path';

type AnthropicModule = typeof import('@anthropic-ai/sdk');
type OpenAiModule = typeof import('openai');
type GenAiModule = typeof import('@google/genai', { with: { 'resolution-mode': 'import' } });

/**
 * The three SDKs are about two thirds of each bundle (3.1 of 4.8 MB). Bundled in, they were parsed every time
 * the CLI started or the extension activated, offline runs included. They are built into bundles of their own
 * (dist/sdk/<name>.js, esbuild.mjs) and required on the first request of an SDK backend. Run from source (the
 * unit tests), there is no such bundle beside this file, and the package itself is imported.
 */
function bundled(name: string): string | undefined {
  if (typeof __dirname !== 'string') return undefined;
  const file = path.join(__dirname, 'sdk', `${name}.js`);
  return fs.existsSync(file) ? file : undefined;
}

function requireBundle<T>(file: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time: the SDK's own bundle
  return require(file) as T;
}

export async function loadAnthropicSdk(): Promise<AnthropicModule['default']> {
  const file = bundled('anthropic');
  return file ? requireBundle<AnthropicModule>(file).default : ((await import('@anthropic-ai/sdk')).default as unknown as AnthropicModule['default']);
}

export async function loadOpenAiSdk(): Promise<OpenAiModule['default']> {
  const file = bundled('openai');
  return file ? requireBundle<OpenAiModule>(file).default : ((await import('openai')).default as unknown as OpenAiModule['default']);
}

export async function loadGenAiSdk(): Promise<Pick<GenAiModule, 'ApiError' | 'GoogleGenAI'>> {
  const file = bundled('genai');
  return file ? requireBundle<GenAiModule>(file) : await import('@google/genai');
}
