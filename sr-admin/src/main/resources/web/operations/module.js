// The operator's pages beside Features: the bundles installed and their state, partner connectors and the platform's
// health checks, and the outbox's dead letters with retry. Administrators only.
const ADMIN = ['ADMINISTRATOR'];
const PAGE = 50;
const STATES = ['ACTIVE', 'RESOLVED', 'INSTALLED', 'STARTING', 'STOPPING'];

export default function register(ui) {
  if (!document.querySelector('link[data-module="operations"]')) {
    document.head.append(ui.h('link', { rel: 'stylesheet', href: '/ui/operations/operations.css', 'data-module': 'operations' }));
  }
  ui.nav({ href: '#/operator/bundles', label: 'operations.nav.bundles', roles: ADMIN, order: 51 });
  ui.nav({ href: '#/operator/connectors', label: 'operations.nav.connectors', roles: ADMIN, order: 52 });
  ui.nav({ href: '#/operator/outbox', label: 'operations.nav.outbox', roles: ADMIN, order: 53 });
  ui.route('/operator/bundles', (c, p, q) => bundles(ui, c, q), { roles: ADMIN });
  ui.route('/operator/connectors', c => connectors(ui, c), { roles: ADMIN });
  ui.route('/operator/outbox', (c, p, q) => outbox(ui, c, q), { roles: ADMIN });
}

/** A table a page at a time, with previous/next, from rows already read. */
function paged(ui, holder, rows, render) {
  const { h, t, clear } = ui;
  const table = h('div', {});
  const pager = h('div', { class: 'pager' });
  holder.append(table, pager);
  function show(index) {
    clear(table).append(render(rows.slice(index * PAGE, (index + 1) * PAGE), index));
    const last = Math.max(0, Math.ceil(rows.length / PAGE) - 1);
    clear(pager).append(
      h('button', { type: 'button', class: 'secondary', disabled: index === 0, onclick: () => show(index - 1) }, t('operations.previous')),
      h('span', {}, t('operations.pageOf', { page: index + 1, pages: last + 1 })),
      h('button', { type: 'button', class: 'secondary', id: 'next-page', disabled: index >= last, onclick: () => show(index + 1) }, t('operations.next')));
  }
  show(0);
}

async function bundles(ui, container, query) {
  const { h, t, field } = ui;
  container.append(h('h1', {}, t('operations.bundles.title')), h('p', { class: 'muted' }, t('operations.bundles.intro')));
  const state = h('select', { id: 'filter-state' }, h('option', { value: '' }, t('operations.all')),
    STATES.map(s => h('option', { value: s, selected: query.get('state') === s }, s)));
  const text = h('input', { id: 'filter-name', type: 'search', value: query.get('q') || '' });
  container.append(h('form', { class: 'card filters', role: 'search', onsubmit: e => {
    e.preventDefault();
    const params = new URLSearchParams();
    if (state.value) params.set('state', state.value);
    if (text.value.trim()) params.set('q', text.value.trim());
    ui.navigate(`#/operator/bundles${params.toString() ? `?${params}` : ''}`);
  } }, field(t('operations.bundles.state'), state), field(t('operations.bundles.name'), text),
  h('button', { type: 'submit', id: 'apply-filters' }, t('operations.filter'))));
  let page;
  try {
    page = await ui.api.get(`admin/bundles${query.get('state') ? `?state=${encodeURIComponent(query.get('state'))}` : ''}`);
  } catch (e) {
    container.append(ui.problem(e));
    return;
  }
  const q = (query.get('q') || '').toLowerCase();
  const rows = page.items.filter(b => !q || b.symbolicName.toLowerCase().includes(q) || b.name.toLowerCase().includes(q));
  const counts = {};
  page.items.forEach(b => { counts[b.state] = (counts[b.state] || 0) + 1; });
  container.append(h('p', { id: 'bundle-counts' }, Object.entries(counts).map(([s, n]) => h('span', { class: `badge bundle-${s}` }, `${s}: ${n}`)).reduce((a, b) => [a, ' ', b], [])));
  paged(ui, container, rows, (slice, index) => h('table', { id: 'bundles' },
    h('caption', { class: 'muted' }, t('operations.bundles.caption', { count: rows.length, page: index + 1 })),
    h('thead', {}, h('tr', {}, ['id', 'symbolicName', 'version', 'state', 'ui'].map(c => h('th', { scope: 'col' }, t(`operations.bundles.column.${c}`))))),
    h('tbody', {}, slice.map(b => h('tr', { 'data-bundle': b.symbolicName, 'data-state': b.state },
      h('td', {}, String(b.id)), h('th', { scope: 'row' }, b.symbolicName, b.name ? h('div', { class: 'muted' }, b.name) : null),
      h('td', {}, b.version),
      h('td', {}, h('span', { class: `badge bundle-${b.state}` }, b.fragment && b.state === 'RESOLVED' ? t('operations.bundles.fragment') : b.state)),
      h('td', {}, b.uiModules || ''))))));
}

async function connectors(ui, container) {
  const { h, t } = ui;
  container.append(h('h1', {}, t('operations.connectors.title')), h('p', { class: 'muted' }, t('operations.connectors.intro')));
  const section = h('section', { class: 'card', 'aria-labelledby': 'connectors-title' }, h('h2', { id: 'connectors-title' }, t('operations.connectors.installed')));
  container.append(section);
  try {
    const list = await ui.api.get('connectors');
    const items = Array.isArray(list) ? list : (list.items || []);
    section.append(items.length === 0 ? h('p', { class: 'muted', id: 'no-connectors' }, t('operations.connectors.none'))
      : h('table', { id: 'connectors' }, h('thead', {}, h('tr', {}, ['id', 'name', 'state'].map(c => h('th', { scope: 'col' }, t(`operations.connectors.column.${c}`))))),
        h('tbody', {}, items.map(c => h('tr', { 'data-connector': c.id, 'data-state': c.state },
          h('td', {}, h('code', {}, c.id)), h('td', {}, c.name),
          h('td', {}, h('span', { class: `badge connector-${c.state}` }, t(`operations.connectors.state.${c.state}`))))))));
  } catch (e) {
    section.append(ui.problem(e));
  }
  // The platform's own health checks: what a load balancer sees at /api/v1/health.
  const health = h('section', { class: 'card', 'aria-labelledby': 'health-title' }, h('h2', { id: 'health-title' }, t('operations.health.title')));
  container.append(health);
  let answer;
  try {
    answer = await ui.api.get('health');
  } catch (e) {
    answer = e.problem && e.problem.status && Array.isArray(e.problem.checks) ? e.problem : null;
    if (!answer) {
      health.append(ui.problem(e));
      return;
    }
  }
  health.append(h('p', { id: 'health-status' }, t('operations.health.status'), ' ', h('span', { class: `badge health-${answer.status}` }, answer.status)),
    h('table', { id: 'health-checks' }, h('thead', {}, h('tr', {}, ['check', 'status', 'detail'].map(c => h('th', { scope: 'col' }, t(`operations.health.column.${c}`))))),
      h('tbody', {}, (answer.checks || []).map(c => h('tr', {}, h('td', {}, c.name),
        h('td', {}, h('span', { class: `badge health-${c.status}` }, c.status)), h('td', {}, c.detail || ''))))));
}

async function outbox(ui, container, query) {
  const { h, t, clear } = ui;
  const state = ['DEAD', 'PENDING', 'SENT'].includes(query.get('state')) ? query.get('state') : 'DEAD';
  container.append(h('h1', {}, t('operations.outbox.title')), h('p', { class: 'muted' }, t('operations.outbox.intro')),
    h('nav', { class: 'pager', 'aria-label': t('operations.outbox.states') }, ['DEAD', 'PENDING', 'SENT'].map(s => h('a', {
      href: `#/operator/outbox?state=${s}`, class: s === state ? 'button' : 'button secondary', 'aria-current': s === state ? 'true' : null,
    }, t(`operations.outbox.state.${s}`)))));
  const holder = h('div', { 'aria-live': 'polite' });
  container.append(holder);
  async function load() {
    clear(holder);
    let page;
    try {
      page = await ui.api.get(`admin/outbox?state=${state}&limit=500`);
    } catch (e) {
      holder.append(ui.problem(e));
      return;
    }
    if (page.items.length === 0) {
      holder.append(h('p', { class: 'muted', id: 'outbox-empty' }, t(`operations.outbox.none.${state}`)));
      return;
    }
    paged(ui, holder, page.items, (slice, index) => h('table', { id: 'outbox' },
      h('caption', { class: 'muted' }, t('operations.outbox.caption', { count: page.items.length, page: index + 1 })),
      h('thead', {}, h('tr', {}, ['id', 'message', 'destination', 'attempts', 'error', 'action'].map(c => h('th', { scope: 'col' }, t(`operations.outbox.column.${c}`))))),
      h('tbody', {}, slice.map(m => h('tr', { 'data-message': String(m.id) },
        h('td', {}, String(m.id)),
        h('td', {}, h('strong', {}, m.kind || m.type), h('div', { class: 'muted' }, [m.type, m.number, ui.when(m.createdAt)].filter(Boolean).join(' · '))),
        h('td', {}, m.destination || ''), h('td', {}, String(m.attempts)),
        h('td', { class: 'pre error-text' }, m.lastError || ''),
        h('td', {}, m.state === 'DEAD' ? h('button', { type: 'button', 'aria-label': t('operations.outbox.retryNamed', { id: m.id }), onclick: async ev => {
          ev.target.disabled = true;
          try {
            await ui.api.post(`admin/outbox/${encodeURIComponent(m.id)}/retry`);
            ui.say(t('operations.outbox.retried', { id: m.id }));
            load();
          } catch (err) {
            ev.target.disabled = false;
            ui.say(ui.problemText(err), 'error');
          }
        } }, t('operations.outbox.retry')) : ''))))));
  }
  await load();
}
