// The queue: every SR staff may see, filtered by status, product, severity, assignee and queue, a page at a time,
// with its SLA clocks.
import { clocksOf } from './clocks.js';

export const STATUSES = ['NEW', 'ASSIGNED', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'WAITING_ON_VENDOR', 'RESOLVED', 'CLOSED'];
const PAGE = 25;
const FILTERS = ['status', 'product', 'severity', 'assignee', 'queue', 'overdue', 'q'];

export async function queuePage(ui, container, query) {
  const { h, t, clear, field } = ui;
  container.append(h('h1', {}, t('console.queue.title')));
  const [products, queues] = await Promise.all([
    ui.api.get('products').then(p => p.items).catch(() => []),
    ui.api.get('queues').then(p => p.items).catch(() => []),
  ]);
  const any = () => h('option', { value: '' }, t('console.all'));
  const status = h('select', { id: 'filter-status' }, any(),
    STATUSES.map(s => h('option', { value: s, selected: query.get('status') === s }, t(`console.status.${s}`))));
  const product = h('select', { id: 'filter-product' }, any(),
    products.map(p => h('option', { value: p.id, selected: query.get('product') === p.id }, p.name)));
  const severity = h('select', { id: 'filter-severity' }, any(),
    [1, 2, 3, 4].map(n => h('option', { value: String(n), selected: query.get('severity') === String(n) }, t(`console.severity.${n}`))));
  const assignee = h('input', { id: 'filter-assignee', value: query.get('assignee') || '', placeholder: t('console.queue.assigneeHint') });
  const queue = h('select', { id: 'filter-queue' }, any(),
    queues.map(x => h('option', { value: x.id, selected: query.get('queue') === x.id }, x.name)));
  const overdue = h('input', { type: 'checkbox', id: 'filter-overdue', checked: query.get('overdue') === 'true' });
  const text = h('input', { id: 'filter-q', type: 'search', value: query.get('q') || '' });
  const controls = { status, product, severity, assignee, queue, q: text };
  container.append(h('form', { class: 'card filters', role: 'search', 'aria-label': t('console.queue.filters'), onsubmit: e => {
    e.preventDefault();
    const params = new URLSearchParams();
    for (const [k, el] of Object.entries(controls)) if (el.value.trim()) params.set(k, el.value.trim());
    if (overdue.checked) params.set('overdue', 'true');
    ui.navigate(`#/console/queue${params.toString() ? `?${params}` : ''}`);
  } },
  field(t('console.field.status'), status), field(t('console.field.product'), product),
  field(t('console.field.severity'), severity), field(t('console.field.assignee'), assignee, t('console.help.assignee')),
  field(t('console.field.queue'), queue), field(t('console.queue.search'), text),
  h('div', { class: 'choice' }, overdue, h('label', { for: overdue.id }, t('console.queue.overdueOnly'))),
  h('button', { type: 'submit', id: 'apply-filters' }, t('console.queue.filter')),
  h('button', { type: 'button', class: 'secondary', id: 'my-work', onclick: () => ui.navigate('#/console/queue?assignee=me') }, t('console.queue.mine'))));

  const table = h('div', { 'aria-live': 'polite' });
  const pager = h('div', { class: 'pager' });
  container.append(table, pager);
  const cursors = [null];
  let current = 0;
  async function load(index) {
    current = index;
    const params = new URLSearchParams();
    for (const k of FILTERS) if (query.get(k)) params.set(k, query.get(k));
    params.set('limit', String(PAGE));
    if (cursors[index]) params.set('cursor', cursors[index]);
    clear(table).append(h('p', { class: 'loading' }, t('console.loading')));
    let page;
    try {
      page = await ui.api.get(`requests?${params}`);
    } catch (e) {
      clear(table).append(ui.problem(e));
      clear(pager);
      return;
    }
    cursors[index + 1] = page.next;
    clear(table);
    if (page.items.length === 0) {
      table.append(h('p', { class: 'muted', id: 'queue-empty' }, t('console.queue.none')));
    } else {
      table.append(h('table', { id: 'queue' }, h('caption', { class: 'muted' }, t('console.queue.caption', { page: index + 1 })),
        h('thead', {}, h('tr', {}, ['number', 'subject', 'account', 'product', 'severity', 'status', 'assignee', 'clocks']
          .map(c => h('th', { scope: 'col' }, t(`console.column.${c}`))))),
        h('tbody', {}, page.items.map(sr => h('tr', { 'data-number': sr.number },
          h('td', {}, h('a', { href: `#/console/requests/${encodeURIComponent(sr.number)}` }, sr.number)),
          h('td', {}, sr.subject), h('td', {}, sr.account), h('td', {}, sr.product),
          h('td', {}, h('span', { class: `sev sev-${sr.severity}` }, t(`console.severity.${sr.severity}`))),
          h('td', {}, t(`console.status.${sr.status}`)),
          h('td', {}, sr.assignee || h('span', { class: 'muted' }, t('console.unassigned')), sr.queue ? h('div', { class: 'muted' }, sr.queue) : null),
          h('td', { class: 'clocks' }, clocksOf(ui, sr)))))));
    }
    clear(pager).append(
      h('button', { type: 'button', class: 'secondary', disabled: index === 0, onclick: () => load(index - 1) }, t('console.previous')),
      h('span', {}, t('console.pageN', { page: index + 1 })),
      h('button', { type: 'button', class: 'secondary', id: 'next-page', disabled: !page.next, onclick: () => load(index + 1) }, t('console.next')));
  }
  await load(0);
  // The clocks move: read the page again every minute while it is shown.
  const timer = setInterval(() => { if (!document.hidden) load(current); }, 60000);
  return () => clearInterval(timer);
}
