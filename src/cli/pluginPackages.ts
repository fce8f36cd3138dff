import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { guardedPlugin, validateExternalPlugin } from '../core/agents/guardedPlugin.js';
import type { AgentRegistry } from '../core/agents/registry.js';
import { CliError, UsageError } from './usageError.js';

/** npm packages named so are agent plugins, found without being named (the counterpart of a Python entry point). */
const PLUGIN_PACKAGE_PREFIX = 'headroom-learn-plugin-';

export interface PluginSearch {
  /** The folder of the running CLI (its `dist/`): every `node_modules` above it is searched, as Node resolves packages. */
  cliDir: string;
  /** Packages or folders named with `--plugin`, in order. */
  named: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The node binary (its install prefix holds npm's global `node_modules` when no prefix is configured). */
  execPath: string;
  platform: NodeJS.Platform;
  /**
   * Imports a plugin's entry (a file URL); default import(). The command (src/cli/bin.ts) runs this code compiled
   * by node:vm, where import() needs a flag in Node 20: it passes its own import().
   */
  importModule?: (url: string) => Promise<unknown>;
}

/**
 * npm's global `node_modules`: `$NPM_CONFIG_PREFIX` (or `npm_config_prefix`, as npm sets it for scripts), else the
 * prefix node is installed in; `<prefix>/lib/node_modules` on POSIX, `<prefix>\node_modules` on Windows.
 */
function globalNodeModules(search: PluginSearch): string {
  const prefix = search.env.NPM_CONFIG_PREFIX || search.env.npm_config_prefix || (search.platform === 'win32' ? path.dirname(search.execPath) : path.dirname(path.dirname(search.execPath)));
  return search.platform === 'win32' ? path.join(prefix, 'node_modules') : path.join(prefix, 'lib', 'node_modules');
}

/** Every `node_modules` beside the CLI (from its folder up to the root), then the global one; each once. */
function pluginSearchFolders(search: PluginSearch): string[] {
  const folders: string[] = [];
  for (let dir = search.cliDir; ; dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'node_modules') folders.push(path.join(dir, 'node_modules'));
    if (path.dirname(dir) === dir) break;
  }
  folders.push(globalNodeModules(search));
  return [...new Set(folders)];
}

async function listDirQuiet(dir: string): Promise<Dirent[]> {
  try {
    return await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** The plugin package folders in one `node_modules` (`headroom-learn-plugin-*` and `@scope/headroom-learn-plugin-*`). */
async function pluginPackagesIn(nodeModules: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await listDirQuiet(nodeModules)) {
    if (entry.name.startsWith(PLUGIN_PACKAGE_PREFIX)) found.push(path.join(nodeModules, entry.name));
    else if (entry.name.startsWith('@')) {
      for (const scoped of await listDirQuiet(path.join(nodeModules, entry.name))) {
        if (scoped.name.startsWith(PLUGIN_PACKAGE_PREFIX)) found.push(path.join(nodeModules, entry.name, scoped.name));
      }
    }
  }
  return found.sort();
}

const packageJsonSchema = z.object({ name: z.string().optional(), main: z.string().optional(), exports: z.unknown().optional() }).loose();

/** The file a package folder loads: `exports` (string, or `.` with require/default/import), else `main`, else index.js. */
async function packageEntry(folder: string): Promise<{ name: string; entry: string }> {
  let manifest: z.infer<typeof packageJsonSchema>;
  try {
    manifest = packageJsonSchema.parse(JSON.parse(await fs.readFile(path.join(folder, 'package.json'), 'utf8')));
  } catch (error) {
    throw new Error(`${folder} has no readable package.json (${(error as Error).message.split('\n')[0]})`, { cause: error });
  }
  const dot = (manifest.exports as Record<string, unknown> | undefined)?.['.'] ?? manifest.exports;
  const conditional = dot !== null && typeof dot === 'object' ? (dot as Record<string, unknown>) : {};
  const target = [dot, conditional.require, conditional.default, conditional.import, manifest.main].find((t): t is string => typeof t === 'string') ?? 'index.js';
  return { name: manifest.name ?? path.basename(folder), entry: path.resolve(folder, target) };
}

/** The plugin objects a module exports: `default` (or `module.exports`) as one plugin, an array, or `{ plugins: [...] }`. */
function exportedPlugins(module: Record<string, unknown>): unknown[] {
  const value = (module.default ?? module) as unknown;
  if (Array.isArray(value)) return value;
  const listed = (value as { plugins?: unknown } | null)?.plugins ?? module.plugins;
  return Array.isArray(listed) ? listed : [value];
}

/** Where a `--plugin` value is: a folder or file path (absolute or starting with `.`), else a package in the search folders or the current folder's. */
async function namedPluginFolder(name: string, search: PluginSearch): Promise<string> {
  if (path.isAbsolute(name) || name.startsWith('.')) return path.resolve(search.cwd, name);
  for (const nodeModules of [path.join(search.cwd, 'node_modules'), ...pluginSearchFolders(search)]) {
    const folder = path.join(nodeModules, name);
    if (await listDirQuiet(folder).then((entries) => entries.length > 0)) return folder;
  }
  throw new CliError(`--plugin ${name}: no such package beside headroom-learn, in ./node_modules or in npm's global folder (install it with npm, or give its path).`);
}

/** Loads one package (or file) and registers its plugins, validated and guarded like the extension's registerAgentPlugin. */
async function loadPluginPackage(
  location: string,
  registry: AgentRegistry,
  log: (message: string, reported: boolean) => void,
  importModule: (url: string) => Promise<unknown> = (url) => import(url),
): Promise<string[]> {
  const isFile = (await fs.stat(location)).isFile();
  const { name, entry } = isFile ? { name: path.basename(location), entry: location } : await packageEntry(location);
  const module = (await importModule(pathToFileURL(entry).href)) as Record<string, unknown>;
  const names: string[] = [];
  for (const plugin of exportedPlugins(module)) {
    validateExternalPlugin(plugin, `plugin package "${name}"`);
    registry.register(guardedPlugin(plugin, log));
    names.push(plugin.name);
  }
  return names;
}

export interface LoadedPlugins {
  /** Registry names of the agents added. */
  agents: string[];
  /** Plugin packages found but not loaded (an error in them, a taken name), and plugins' own failures; none stops the run. */
  warnings: string[];
}

/**
 * Adds the agent plugins of npm packages to the registry: every `headroom-learn-plugin-*` package beside the CLI or
 * in npm's global folder, and each `--plugin`. A package found by its name that fails to load is a warning; one the
 * user named that fails is an error (exit 1), as is a name found nowhere.
 */
export async function loadPluginPackages(search: PluginSearch, registry: AgentRegistry, log: (message: string, reported: boolean) => void): Promise<LoadedPlugins> {
  const loaded: LoadedPlugins = { agents: [], warnings: [] };
  const seen = new Set<string>();
  for (const nodeModules of pluginSearchFolders(search)) {
    for (const folder of await pluginPackagesIn(nodeModules)) {
      if (seen.has(path.basename(folder))) continue;
      seen.add(path.basename(folder));
      try {
        loaded.agents.push(...(await loadPluginPackage(folder, registry, log, search.importModule)));
      } catch (error) {
        loaded.warnings.push(`plugin package ${folder} not loaded: ${(error as Error).message}`);
      }
    }
  }
  for (const name of search.named) {
    const location = await namedPluginFolder(name, search);
    if (seen.has(path.basename(location))) continue;
    seen.add(path.basename(location));
    try {
      loaded.agents.push(...(await loadPluginPackage(location, registry, log, search.importModule)));
    } catch (error) {
      throw new CliError(`--plugin ${name}: ${(error as Error).message}`, { cause: error });
    }
  }
  return loaded;
}

/** Takes every `--plugin NAME` / `--plugin=NAME` out of the arguments (the option belongs to every command). */
export function takePluginOptions(argv: readonly string[]): { named: string[]; rest: string[] } {
  const named: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--plugin') {
      if (i + 1 >= argv.length || argv[i + 1].startsWith('-')) throw new UsageError('--plugin needs a package name or a path.');
      named.push(argv[++i]);
    } else if (arg === '--plugin=') throw new UsageError('--plugin needs a package name or a path.');
    else if (arg.startsWith('--plugin=')) named.push(arg.slice('--plugin='.length));
    else rest.push(arg);
  }
  return { named, rest };
}
