// The diff panel's page script (bundled by esbuild to media/dist/diff.js, loaded by nonce).
// Every string that came from logs or a model is set with textContent, never as HTML.
import { diffToWebviewTypes, isDiffWebviewState, type DiffProtocol, type DiffStateMessage, type DiffWebviewState } from '../protocol/diffProtocol.js';
import { connectToHost } from '../shared/webviewClient.js';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The added rules' backtest figures, below the diff (rule text as text). */
function backtestList(state: DiffStateMessage): HTMLElement[] {
  if (!state.backtest || state.backtest.rules.length === 0) return [];
  const section = element('section', 'backtest');
  section.id = 'backtest';
  const list = element('ul', 'backtest-rules');
  for (const { rule, figure } of state.backtest.rules) {
    const item = element('li', 'backtest-rule');
    item.append(element('span', 'rule', rule), element('span', 'figure', figure));
    list.append(item);
  }
  section.append(element('h2', 'backtest-heading', state.backtest.heading), list);
  return [section];
}

function render(state: DiffStateMessage, host: { post: (message: DiffProtocol['toHost']) => void }): void {
  const app = document.getElementById('app');
  if (!app) return;
  const header = element('header');
  header.append(element('h1', 'title', state.title), element('p', 'path', state.path));

  const actions = element('div', 'actions');
  const apply = element('button', 'apply', state.labels.apply);
  apply.id = 'apply';
  apply.disabled = !state.canApply;
  apply.addEventListener('click', () => host.post({ type: 'apply' }));
  const native = element('button', 'secondary', state.labels.nativeDiff);
  native.id = 'native-diff';
  native.disabled = state.restored === true;
  native.addEventListener('click', () => host.post({ type: 'openNativeDiff' }));
  actions.append(apply, native);
  header.append(actions);

  const notes = element('ul', 'notes');
  for (const note of state.notes) {
    const item = element('li', `note ${note.severity}`, note.text);
    item.setAttribute('role', note.severity === 'error' ? 'alert' : 'note');
    notes.append(item);
  }

  const legend = element('p', 'legend');
  legend.append(element('span', 'removed', `− ${state.labels.current}`), element('span', 'added', `+ ${state.labels.proposed}`));

  const changed = state.lines.some((line) => line.kind !== 'context');
  const diff = element('pre', 'diff');
  diff.id = 'diff';
  diff.setAttribute('aria-label', state.labels.proposed);
  for (const line of state.lines) {
    const row = element('div', `line ${line.kind}`);
    row.append(element('span', 'sign', line.kind === 'added' ? '+' : line.kind === 'removed' ? '−' : ' '), element('span', 'text', line.text));
    diff.append(row);
  }
  const nothing = !changed && state.notes.every((note) => note.severity !== 'error') ? element('p', 'no-changes', state.labels.noChanges) : undefined;

  app.replaceChildren(header, notes, legend, ...(nothing ? [nothing] : []), diff, ...backtestList(state));
  app.setAttribute('aria-busy', String(state.busy));
}

const host = connectToHost<DiffProtocol, DiffWebviewState>(diffToWebviewTypes, (message) => {
  if (message.type !== 'state') return;
  render(message, host);
  // Kept with the window: after a reload the host's serializer gets it back and the page shows it at once.
  host.setState({ version: 1, shown: message });
});

// Reloaded (or moved between editor groups): show what was there until the host sends the current state.
const saved = host.getState();
if (isDiffWebviewState(saved) && !document.querySelector('#diff')) render(saved.shown, host);
