// The stats dashboard's page script (bundled by esbuild to media/dist/stats.js, loaded by nonce).
// Charts are SVG drawn here with DOM calls; every label is set with textContent (agent plugins name their own
// tools and kinds), colours come from CSS classes that use the theme's variables, and no style attribute is set.
import { statsToWebviewTypes, type BacktestRow, type CountRow, type StatsLabels, type StatsProtocol, type StatsSnapshot, type StatsStateMessage } from '../protocol/statsMessages.js';
import { connectToHost } from '../shared/webviewClient.js';

const SVG = 'http://www.w3.org/2000/svg';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number> = {}, className?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (className) node.setAttribute('class', className);
  return node;
}

function svgText(text: string, attributes: Record<string, string | number>, className?: string): SVGTextElement {
  const node = svg('text', attributes, className);
  node.textContent = text;
  return node;
}

const numberFormat = new Intl.NumberFormat();

/** The CLI summary's units: bytes below 1 KB, else KB with one decimal. */
function kilobytes(bytes: number): string {
  return bytes < 1024 ? `${numberFormat.format(bytes)} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)} %`;
}

function card(label: string, value: string, detail?: string, id?: string): HTMLElement {
  const node = element('section', 'card');
  if (id) node.id = id;
  node.append(element('div', 'card-label', label), element('div', 'card-value', value));
  if (detail) node.append(element('div', 'card-detail', detail));
  return node;
}

/** Horizontal bars, one row per label, longest first; an accessible table of the same figures goes with it. */
function barChart(title: string, rows: readonly CountRow[], labels: StatsLabels, id: string, tone: string): HTMLElement {
  const figure = element('figure', 'chart');
  figure.id = id;
  figure.append(element('figcaption', 'chart-title', title));
  if (rows.length === 0) {
    figure.append(element('p', 'chart-empty', labels.none));
    return figure;
  }
  const shown = rows.slice(0, 12);
  const rowHeight = 22;
  const labelWidth = 150;
  const barWidth = 260;
  const width = labelWidth + barWidth + 60;
  const height = shown.length * rowHeight + 4;
  const max = Math.max(...shown.map((row) => row.count));
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img' }, 'bars');
  chart.setAttribute('aria-label', title);
  shown.forEach((row, index) => {
    const y = index * rowHeight + 2;
    const length = Math.max(2, Math.round((row.count / max) * barWidth));
    const label = svgText(row.label.length > 22 ? `${row.label.slice(0, 21)}…` : row.label, { x: labelWidth - 8, y: y + 14, 'text-anchor': 'end' }, 'axis-label');
    const bar = svg('rect', { x: labelWidth, y: y + 3, width: length, height: rowHeight - 8, rx: 2 }, `bar ${tone}`);
    const tip = svg('title');
    tip.textContent = `${row.label}: ${row.count}`;
    bar.append(tip);
    const value = svgText(numberFormat.format(row.count), { x: labelWidth + length + 6, y: y + 14 }, 'value-label');
    chart.append(label, bar, value);
  });
  figure.append(chart);
  return figure;
}

/** One stacked bar of all calls: ok, failed, rejected, interrupted, with a legend. */
function outcomeChart(snapshot: StatsSnapshot, labels: StatsLabels): HTMLElement {
  const figure = element('figure', 'chart');
  figure.id = 'outcomes';
  figure.append(element('figcaption', 'chart-title', labels.outcomes));
  const ok = Math.max(0, snapshot.toolCalls - snapshot.failed - snapshot.rejected - snapshot.interrupted);
  const parts = [
    { label: labels.ok, count: ok, tone: 'tone-ok' },
    { label: labels.failed, count: snapshot.failed, tone: 'tone-failed' },
    { label: labels.rejected, count: snapshot.rejected, tone: 'tone-rejected' },
    { label: labels.interrupted, count: snapshot.interrupted, tone: 'tone-interrupted' },
  ];
  const width = 470;
  const chart = svg('svg', { viewBox: `0 0 ${width} 54`, width, height: 54, role: 'img' }, 'stack');
  chart.setAttribute('aria-label', parts.map((p) => `${p.label} ${p.count}`).join(', '));
  let x = 0;
  const total = Math.max(1, snapshot.toolCalls);
  for (const part of parts) {
    const length = (part.count / total) * width;
    if (length > 0) {
      const rect = svg('rect', { x, y: 0, width: length, height: 20 }, `bar ${part.tone}`);
      const tip = svg('title');
      tip.textContent = `${part.label}: ${part.count}`;
      rect.append(tip);
      chart.append(rect);
    }
    x += length;
  }
  let legendX = 0;
  for (const part of parts) {
    chart.append(svg('rect', { x: legendX, y: 32, width: 10, height: 10, rx: 2 }, `bar ${part.tone}`));
    const text = `${part.label} ${numberFormat.format(part.count)}`;
    chart.append(svgText(text, { x: legendX + 14, y: 41 }, 'axis-label'));
    legendX += 24 + text.length * 7;
  }
  figure.append(chart);
  return figure;
}

/** "{0} of {1}" with the values put in (the host localises the template; values are set as text). */
function fill(template: string, values: ReadonlyArray<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (match, index: string) => (values[Number(index)] === undefined ? match : String(values[Number(index)])));
}

/** One project's backtest: per category, the later failures (red) with the part a rule covered (green) over it. */
function backtestChart(row: BacktestRow, labels: StatsLabels, index: number): HTMLElement {
  const figure = element('figure', 'chart backtest');
  figure.id = `backtest-${index}`;
  figure.append(element('figcaption', 'chart-title', fill(labels.backtestTitle, [row.projectPath])));
  const summary = [row.covered, row.laterFailures, numberFormat.format(row.coveredTokens), row.learnSessions, row.laterSessions].map(String);
  figure.append(element('p', 'chart-detail', fill(labels.backtestSummary, summary)));
  if (row.byCategory.length === 0) {
    figure.append(element('p', 'chart-empty', labels.noLaterFailures));
    return figure;
  }
  const rowHeight = 22;
  const labelWidth = 170;
  const barWidth = 240;
  const width = labelWidth + barWidth + 70;
  const height = row.byCategory.length * rowHeight + 26;
  const max = Math.max(...row.byCategory.map((category) => category.laterFailures));
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img' }, 'bars');
  chart.setAttribute('aria-label', row.byCategory.map((c) => `${c.label}: ${c.covered} / ${c.laterFailures}`).join(', '));
  row.byCategory.forEach((category, i) => {
    const y = i * rowHeight + 2;
    const later = Math.max(2, Math.round((category.laterFailures / max) * barWidth));
    const covered = Math.round((category.covered / max) * barWidth);
    chart.append(svgText(category.label, { x: labelWidth - 8, y: y + 14, 'text-anchor': 'end' }, 'axis-label'));
    const bar = svg('rect', { x: labelWidth, y: y + 3, width: later, height: rowHeight - 8, rx: 2 }, 'bar tone-failed later');
    const tip = svg('title');
    tip.textContent = `${category.label}: ${category.covered} / ${category.laterFailures}`;
    bar.append(tip);
    chart.append(bar);
    if (covered > 0) chart.append(svg('rect', { x: labelWidth, y: y + 3, width: covered, height: rowHeight - 8, rx: 2 }, 'bar tone-ok covered'));
    chart.append(svgText(`${category.covered} / ${category.laterFailures}`, { x: labelWidth + later + 6, y: y + 14 }, 'value-label'));
  });
  const legendY = row.byCategory.length * rowHeight + 10;
  chart.append(svg('rect', { x: labelWidth, y: legendY, width: 10, height: 10, rx: 2 }, 'bar tone-failed'));
  chart.append(svgText(labels.laterFailures, { x: labelWidth + 14, y: legendY + 9 }, 'axis-label'));
  chart.append(svg('rect', { x: labelWidth + 120, y: legendY, width: 10, height: 10, rx: 2 }, 'bar tone-ok'));
  chart.append(svgText(labels.covered, { x: labelWidth + 134, y: legendY + 9 }, 'axis-label'));
  figure.append(chart);
  return figure;
}

function agentsTable(snapshot: StatsSnapshot, labels: StatsLabels): HTMLElement {
  const table = element('table', 'agents');
  table.id = 'agents';
  const head = element('tr');
  for (const text of [labels.agents, labels.sessions, labels.toolCalls, labels.failed]) head.append(element('th', undefined, text));
  table.append(element('thead'));
  table.tHead!.append(head);
  const body = element('tbody');
  for (const agent of snapshot.agents) {
    const row = element('tr');
    row.append(
      element('td', undefined, agent.displayName),
      element('td', 'number', numberFormat.format(agent.sessions)),
      element('td', 'number', numberFormat.format(agent.toolCalls)),
      element('td', 'number', numberFormat.format(agent.failed)),
    );
    body.append(row);
  }
  table.append(body);
  return table;
}

function render(message: StatsStateMessage, post: (message: StatsProtocol['toHost']) => void): void {
  const root = document.getElementById('root');
  if (!root) return;
  const { snapshot, labels } = message;
  document.title = labels.title;
  const header = element('header');
  header.append(element('h1', 'title', labels.title));
  if (!snapshot) {
    const empty = element('p', 'empty', labels.empty);
    empty.id = 'empty';
    const learn = element('button', undefined, labels.learn);
    learn.id = 'learn';
    learn.addEventListener('click', () => post({ type: 'learn' }));
    root.replaceChildren(header, empty, learn);
    return;
  }
  const projects = element('p', 'projects', `${snapshot.projects.join(' · ')} — ${labels.finishedAt} ${new Date(snapshot.finishedAt).toLocaleString()}`);
  header.append(projects);
  // The full reason each analyzer was chosen (the review view's message names only the analyzer).
  for (const reason of snapshot.analyzers ?? []) {
    const analyzer = element('p', 'analyzer', `${labels.analyzer}: ${reason}`);
    header.append(analyzer);
  }

  const cards = element('div', 'cards');
  cards.append(
    card(labels.sessions, numberFormat.format(snapshot.sessions), undefined, 'sessions'),
    card(labels.toolCalls, numberFormat.format(snapshot.toolCalls), undefined, 'tool-calls'),
    card(labels.failureRate, percent(snapshot.failureRate), `${numberFormat.format(snapshot.failed)} / ${numberFormat.format(snapshot.toolCalls)}`, 'failure-rate'),
    card(labels.corrections, numberFormat.format(snapshot.corrections), undefined, 'corrections'),
    card(labels.learnings, numberFormat.format(snapshot.learnings), undefined, 'learnings'),
    card(
      labels.waste,
      `${kilobytes(snapshot.waste.preventableOutputBytes)} (~${numberFormat.format(snapshot.waste.preventableOutputTokens)} tokens)`,
      labels.wasteDetail,
      'waste',
    ),
  );
  // Next to the proposals (the Learnings card): what rules learned earlier would have prevented later.
  const backtests = element('div', 'charts backtests');
  backtests.id = 'backtests';
  (snapshot.backtests ?? []).forEach((row, index) => backtests.append(backtestChart(row, labels, index)));
  const charts = element('div', 'charts');
  charts.append(
    outcomeChart(snapshot, labels),
    barChart(labels.failuresByKind, snapshot.failuresByKind, labels, 'by-kind', 'tone-failed'),
    barChart(labels.failuresByTool, snapshot.failuresByTool, labels, 'by-tool', 'tone-tool'),
    barChart(labels.correctionsByKind, snapshot.correctionsByKind, labels, 'by-correction', 'tone-ok'),
  );
  root.replaceChildren(header, cards, backtests, charts, agentsTable(snapshot, labels));
}

let post: (message: StatsProtocol['toHost']) => void = () => {};
const host = connectToHost<StatsProtocol>(statsToWebviewTypes, (message) => render(message, post));
post = host.post;
