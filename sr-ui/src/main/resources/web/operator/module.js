// The operator's pages: the features (capabilities) with their switch and their state, live.
const ADMIN = ['ADMINISTRATOR'];
const POLL_MILLIS = 2000;

export default function register(ui) {
  ui.nav({ href: '#/operator/features', label: 'operator.nav.features', roles: ADMIN, order: 50 });
  ui.route('/operator/features', container => features(ui, container), { roles: ADMIN });
}

function features(ui, container) {
  const { h, t, clear } = ui;
  container.append(h('h1', {}, t('operator.features.title')), h('p', {}, t('operator.features.intro')));
  const table = h('div', { 'aria-live': 'off' });
  const updated = h('p', { class: 'muted', id: 'features-updated' });
  container.append(table, updated);
  let timer = null;
  let stopped = false;
  let busy = null; // the feature being switched: its row shows it

  async function refresh() {
    let page;
    try {
      page = await ui.api.get('admin/features');
    } catch (e) {
      clear(table).append(ui.problem(e));
      return;
    }
    clear(table).append(h('table', { id: 'features' },
      h('caption', { class: 'muted' }, t('operator.features.caption')),
      h('thead', {}, h('tr', {}, ['feature', 'switch', 'state', 'requires', 'action'].map(c => h('th', { scope: 'col' }, t(`operator.column.${c}`))))),
      h('tbody', {}, page.items.map(f => h('tr', { 'data-feature': f.id, 'data-enabled': String(f.enabled), 'data-state': f.state },
        h('th', { scope: 'row' }, h('span', {}, ui.featureName(f.id)), ' ', h('code', { class: 'muted' }, f.id)),
        h('td', {}, h('span', { class: f.enabled ? 'badge on' : 'badge off' }, t(f.enabled ? 'operator.enabled' : 'operator.disabled'))),
        h('td', {}, h('span', { class: 'badge' }, t(`operator.state.${f.state}`)),
          f.reason ? h('div', { class: 'muted' }, f.reason) : null),
        h('td', {}, (f.requires || []).join(', ')),
        h('td', {}, h('button', {
          type: 'button',
          class: f.enabled ? 'danger' : null,
          'data-action': f.enabled ? 'disable' : 'enable',
          'aria-label': t(f.enabled ? 'operator.disableNamed' : 'operator.enableNamed', { feature: f.id }),
          disabled: busy === f.id,
          onclick: () => toggle(f),
        }, t(f.enabled ? 'operator.disable' : 'operator.enable'))))))));
    updated.textContent = t('operator.features.updated', { at: ui.when(new Date().toISOString()) });
  }

  async function toggle(feature) {
    busy = feature.id;
    try {
      await ui.api.put(`admin/features/${encodeURIComponent(feature.id)}`, { enabled: !feature.enabled });
      ui.say(t(feature.enabled ? 'operator.disabledDone' : 'operator.enabledDone', { feature: feature.id }));
    } catch (e) {
      ui.say(ui.problemText(e), 'error');
    } finally {
      busy = null;
    }
    await refresh();
  }

  async function loop() {
    if (stopped) return;
    if (!document.hidden) await refresh();
    if (!stopped) timer = setTimeout(loop, POLL_MILLIS);
  }
  loop();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
