// The customer portal: "Get Support" in the steps of the support process (product and problem category, entitled
// account, suggested resources, description and tags, the required fields, attachments, the SR number), and
// "My requests" with each SR's timeline and what a customer may do with it.
import { getSupport } from './get-support.js';
import { myRequests, requestPage } from './requests.js';

const CUSTOMER = ['CUSTOMER'];

export default function register(ui) {
  const { h, t } = ui;
  ui.nav({ href: '#/portal', label: 'portal.nav.home', roles: CUSTOMER, order: 10 });
  ui.nav({ href: '#/portal/new', label: 'portal.nav.new', roles: CUSTOMER, order: 20 });
  ui.nav({ href: '#/portal/requests', label: 'portal.nav.requests', roles: CUSTOMER, order: 30 });

  ui.route('/portal', async container => {
    const user = ui.user();
    container.append(h('h1', {}, t('portal.home.title', { name: user.displayName })),
      h('div', { class: 'tiles' },
        h('a', { class: 'tile', href: '#/portal/new', id: 'get-support' }, h('strong', {}, t('portal.nav.new')), t('portal.home.new')),
        h('a', { class: 'tile', href: '#/portal/requests' }, h('strong', {}, t('portal.nav.requests')), t('portal.home.requests'))));
    // The profile: the customer number a caller gives on the phone.
    const profile = h('section', { class: 'card', 'aria-labelledby': 'profile-title' },
      h('h2', { id: 'profile-title' }, t('portal.home.profile')));
    container.append(profile);
    try {
      const accounts = await ui.api.get('accounts');
      profile.append(h('table', {}, h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('portal.account')), h('th', { scope: 'col' }, t('portal.customerNumber')),
        h('th', { scope: 'col' }, t('portal.contracts')))),
      h('tbody', {}, accounts.items.map(a => h('tr', {}, h('td', {}, `${a.name} (${a.number})`), h('td', {}, a.customerNumber),
        h('td', {}, a.contracts.map(c => `${c.product} · ${c.offering}`).join(', ')))))),
      h('p', { class: 'muted' }, t('portal.home.phone')));
    } catch (e) {
      profile.append(ui.problem(e));
    }
  }, { roles: CUSTOMER });

  ui.route('/portal/new', container => getSupport(ui, container), { roles: CUSTOMER });
  ui.route('/portal/requests', (container, params, query) => myRequests(ui, container, query), { roles: CUSTOMER });
  ui.route('/portal/requests/:number', (container, params) => requestPage(ui, container, params.number), { roles: CUSTOMER });
}
