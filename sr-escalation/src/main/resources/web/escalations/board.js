// The daily review: every open escalation with its latest state, filtered by state and region, a page at a time.
import { due, relative, ageDays } from './time.js';

export const STATES = ['REQUESTED', 'ACCEPTED', 'ACTIVE', 'TOO_SLOW', 'DE_ESCALATED'];
const PAGE = 25;
const BUCKETS = [[0, 1], [1, 3], [3, 7], [7, 14], [14, Infinity]];

export async function boardPage(ui, container, query) {
  const { h, t, clear, field } = ui;
  container.append(h('h1', {}, t('escalations.board.title')), h('p', { class: 'muted' }, t('escalations.board.intro')));
  const me = ui.user();
  const state = h('select', { id: 'filter-state' }, h('option', { value: '' }, t('escalations.open')),
    STATES.map(s => h('option', { value: s, selected: query.get('state') === s }, t(`escalations.state.${s}`))));
  const region = h('input', { id: 'filter-region', value: query.get('region') || '', placeholder: me.region || 'APJ', size: 8 });
  container.append(h('form', { class: 'card filters', role: 'search', 'aria-label': t('escalations.board.filters'), onsubmit: e => {
    e.preventDefault();
    const params = new URLSearchParams();
    if (state.value) params.set('state', state.value);
    if (region.value.trim()) params.set('region', region.value.trim().toUpperCase());
    ui.navigate(`#/escalations${params.toString() ? `?${params}` : ''}`);
  } }, field(t('escalations.field.state'), state), field(t('escalations.field.region'), region, t('escalations.help.region')),
  h('button', { type: 'submit', id: 'apply-filters' }, t('escalations.board.filter'))));
  const table = h('div', { 'aria-live': 'polite' });
  const pager = h('div', { class: 'pager' });
  container.append(table, pager);
  const cursors = [null];
  async function load(index) {
    const params = new URLSearchParams();
    for (const k of ['state', 'region']) if (query.get(k)) params.set(k, query.get(k));
    params.set('limit', String(PAGE));
    if (cursors[index]) params.set('cursor', cursors[index]);
    clear(table).append(h('p', { class: 'loading' }, t('escalations.loading')));
    let page;
    try {
      page = await ui.api.get(`escalations?${params}`);
    } catch (e) {
      clear(table).append(ui.problem(e));
      clear(pager);
      return;
    }
    cursors[index + 1] = page.next;
    clear(table);
    if (page.items.length === 0) {
      table.append(h('p', { class: 'muted', id: 'board-empty' }, t('escalations.board.none')));
    } else {
      table.append(h('table', { id: 'board' }, h('caption', { class: 'muted' }, t('escalations.board.caption', { page: index + 1 })),
        h('thead', {}, h('tr', {}, ['escalation', 'request', 'state', 'region', 'engineer', 'age', 'due', 'flags']
          .map(c => h('th', { scope: 'col' }, t(`escalations.column.${c}`))))),
        h('tbody', {}, page.items.map(x => h('tr', { 'data-escalation': x.id, 'data-request': x.request, class: x.overdue && x.overdue.length ? 'row-overdue' : null },
          h('td', {}, h('a', { href: `#/escalations/${encodeURIComponent(x.id)}` }, x.id)),
          h('td', {}, h('a', { href: `#/console/requests/${encodeURIComponent(x.request)}` }, x.request),
            h('div', {}, x.srSubject || ''), h('div', { class: 'muted' }, [x.account, x.severity ? t('escalations.severityN', { severity: x.severity }) : null].filter(Boolean).join(' · '))),
          h('td', {}, h('span', { class: `badge state-${x.state}` }, t(`escalations.state.${x.state}`))),
          h('td', {}, x.region), h('td', {}, x.escalationEngineer || h('span', { class: 'muted' }, t('escalations.noEngineer'))),
          h('td', {}, t('escalations.ageDays', { days: ageDays(x.requestedAt) })),
          h('td', {}, x.due ? due(ui, x.due.at, t(`escalations.dueKind.${x.due.kind}`)) : h('span', { class: 'muted' }, '–')),
          h('td', {}, flags(ui, x)))))));
    }
    clear(pager).append(
      h('button', { type: 'button', class: 'secondary', disabled: index === 0, onclick: () => load(index - 1) }, t('escalations.previous')),
      h('span', {}, t('escalations.pageN', { page: index + 1 })),
      h('button', { type: 'button', class: 'secondary', id: 'next-page', disabled: !page.next, onclick: () => load(index + 1) }, t('escalations.next')));
  }
  await load(0);
}

export function flags(ui, x) {
  const { h, t } = ui;
  const out = [];
  (x.overdue || []).forEach(kind => out.push(h('span', { class: 'badge flag-bad' }, t('escalations.flag.overdue', { what: t(`escalations.dueKind.${kind}`) }))));
  if (x.conferenceCallDue && !(x.overdue || []).includes('CONFERENCE_CALL')) out.push(h('span', { class: 'badge flag-bad' }, t('escalations.flag.conferenceCall')));
  if (x.tooSlowAt) out.push(h('span', { class: 'badge flag-warn' }, t('escalations.flag.tooSlow', { at: relative(ui, x.tooSlowAt) })));
  return out;
}

/** Open escalations by age, in buckets of days, stacked by state: how long escalations stay open. */
export async function agesPage(ui, container) {
  const { h, t } = ui;
  container.append(h('h1', {}, t('escalations.ages.title')), h('p', { class: 'muted' }, t('escalations.ages.intro')));
  const open = [];
  try {
    let cursor = null;
    do {
      const page = await ui.api.get(`escalations?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      open.push(...page.items.filter(x => x.state !== 'DE_ESCALATED'));
      cursor = page.next;
    } while (cursor && open.length < 10000);
    await chartJs();
  } catch (e) {
    container.append(ui.problem(e));
    return undefined;
  }
  const labels = BUCKETS.map(([a, b]) => (b === Infinity ? t('escalations.ages.over', { days: a }) : t('escalations.ages.range', { from: a, to: b })));
  const states = STATES.filter(s => s !== 'DE_ESCALATED');
  const counts = states.map(s => BUCKETS.map(([a, b]) => open.filter(x => x.state === s && ageDays(x.requestedAt) >= a && ageDays(x.requestedAt) < b).length));
  const canvas = h('canvas', { id: 'chart-ages', role: 'img', 'aria-label': t('escalations.ages.chart') });
  container.append(h('figure', { class: 'card chart' }, h('figcaption', {}, h('h2', {}, t('escalations.ages.chart'))),
    h('div', { class: 'chart-box' }, canvas),
    h('details', {}, h('summary', {}, t('escalations.ages.asTable')),
      h('table', { 'data-chart': 'chart-ages' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('escalations.ages.age')),
        states.map(s => h('th', { scope: 'col' }, t(`escalations.state.${s}`))))),
      h('tbody', {}, labels.map((l, i) => h('tr', {}, h('th', { scope: 'row' }, l), states.map((s, j) => h('td', {}, String(counts[j][i]))))))))),
  h('p', { id: 'ages-total' }, t('escalations.ages.total', { count: open.length })));
  const colours = { REQUESTED: '#e07b00', ACCEPTED: '#1f5fa8', ACTIVE: '#2a9d5b', TOO_SLOW: '#c0392b' };
  const chart = new window.Chart(canvas, { type: 'bar', options: { responsive: true, maintainAspectRatio: false, animation: false,
    datasets: { bar: { maxBarThickness: 60 } },
    scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
  data: { labels, datasets: states.map((s, j) => ({ label: t(`escalations.state.${s}`), data: counts[j], backgroundColor: colours[s] })) } });
  return () => chart.destroy();
}

/** Chart.js, once, from the platform's shared copy (sr-ui serves /ui/lib/). */
function chartJs() {
  if (window.Chart) return Promise.resolve(window.Chart);
  if (!window.srChartLoading) {
    window.srChartLoading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/ui/lib/chart.umd.min.js';
      script.addEventListener('load', () => resolve(window.Chart));
      script.addEventListener('error', () => reject(new Error('Chart.js could not be loaded')));
      document.head.append(script);
    });
  }
  return window.srChartLoading;
}
