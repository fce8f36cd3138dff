import * as vscode from 'vscode';
import type { ApiKeyStore } from './apiKeyStore.js';
import { readHeadroomSettings, storeModelSetting } from '../platform/settings.js';
import { listAvailableBackends, type AvailableBackend } from './availableBackends.js';
import { Commands } from '../commands.js';
import type { HostRegistrations } from '../activation/hostRegistrations.js';

export interface SelectModelServices {
  apiKeys: ApiKeyStore;
  log: vscode.LogOutputChannel;
  host: { registerCommand: HostRegistrations['registerCommand'] };
}

type Pick = vscode.QuickPickItem & { backend?: AvailableBackend; action?: 'setKey' };

const GROUPS: ReadonlyArray<{ kinds: AvailableBackend['kind'][]; title: () => string }> = [
  { kinds: ['automatic', 'offline'], title: () => vscode.l10n.t('General') },
  { kinds: ['api'], title: () => vscode.l10n.t('API keys') },
  { kinds: ['cli'], title: () => vscode.l10n.t('Agent CLIs on PATH') },
  { kinds: ['vscode-lm'], title: () => vscode.l10n.t('VS Code language models') },
];

/** The QuickPick rows: grouped, the current choice marked, and a row to add a key. */
function quickPickItems(backends: readonly AvailableBackend[], current: string): Pick[] {
  const items: Pick[] = [];
  for (const group of GROUPS) {
    const members = backends.filter((b) => group.kinds.includes(b.kind));
    if (members.length === 0) continue;
    items.push({ label: group.title(), kind: vscode.QuickPickItemKind.Separator });
    for (const backend of members) {
      items.push({
        label: backend.model === current ? `$(check) ${backend.label}` : backend.label,
        description: backend.model || undefined,
        detail: backend.detail,
        backend,
      });
    }
  }
  if (!backends.some((b) => b.kind === 'vscode-lm')) {
    items.push({ label: vscode.l10n.t('VS Code language models'), kind: vscode.QuickPickItemKind.Separator });
    items.push({ label: vscode.l10n.t('None available'), detail: vscode.l10n.t('Install and sign in to GitHub Copilot (or another model provider) to use its models without a key.') });
  }
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: `$(key) ${vscode.l10n.t('Set an API key…')}`, action: 'setKey' });
  return items;
}

/** Headroom: Select Model: lists what is usable now and stores the choice in the user's headroom.model setting. */
export function registerSelectModelCommand(context: vscode.ExtensionContext, services: SelectModelServices): void {
  context.subscriptions.push(
    services.host.registerCommand(Commands.selectModel, async () => {
      const current = readHeadroomSettings().model;
      const backends = await listAvailableBackends({ apiKeys: services.apiKeys });
      const picked = await vscode.window.showQuickPick(quickPickItems(backends, current), {
        title: vscode.l10n.t('Headroom: Select Model'),
        placeHolder: vscode.l10n.t('Backend that turns findings into rules'),
        matchOnDescription: true,
        matchOnDetail: true,
      });
      if (!picked) return undefined;
      if (picked.action === 'setKey') {
        await vscode.commands.executeCommand(Commands.setApiKey);
        return undefined;
      }
      if (!picked.backend) return undefined;
      await storeModelSetting(picked.backend.model);
      services.log.info(`Model setting: ${picked.backend.model || 'automatic'}.`);
      return picked.backend.model;
    }),
  );
}
