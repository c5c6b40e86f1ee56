// The support console: the queue with its SLA clocks, an SR's page with the actions of each role, phone intake and
// the callback queue, and the charts a support manager looks at. Served by sr-casework, which owns the work.
import { queuePage } from './queue.js';
import { requestPage } from './request.js';
import { phonePage, callbacksPage } from './phone.js';
import { chartsPage } from './charts.js';

export const STAFF = ['SUPPORT_ENGINEER', 'DUTY_MANAGER', 'REGIONAL_ESCALATION_MANAGER', 'ESCALATION_ENGINEER', 'ADMINISTRATOR'];
const PHONES = ['SUPPORT_ENGINEER', 'DUTY_MANAGER'];
const MANAGERS = ['DUTY_MANAGER', 'REGIONAL_ESCALATION_MANAGER', 'ADMINISTRATOR'];

export default function register(ui) {
  stylesheet(ui, 'console');
  ui.nav({ href: '#/console/queue', label: 'console.nav.queue', roles: STAFF, order: 10 });
  ui.nav({ href: '#/console/phone', label: 'console.nav.phone', roles: PHONES, order: 20 });
  ui.nav({ href: '#/console/callbacks', label: 'console.nav.callbacks', roles: STAFF, order: 25 });
  ui.nav({ href: '#/console/charts', label: 'console.nav.charts', roles: MANAGERS, order: 40 });
  ui.route('/console/queue', (c, p, q) => queuePage(ui, c, q), { roles: STAFF });
  ui.route('/console/requests/:number', (c, p) => requestPage(ui, c, p.number), { roles: STAFF });
  ui.route('/console/phone', c => phonePage(ui, c), { roles: PHONES });
  ui.route('/console/callbacks', c => callbacksPage(ui, c), { roles: STAFF });
  ui.route('/console/charts', (c, p, q) => chartsPage(ui, c, q), { roles: STAFF });
}

/** The module's own styles, a file of this bundle (the CSP allows styles only from the platform's files). */
export function stylesheet(ui, name) {
  if (document.querySelector(`link[data-module="${name}"]`)) return;
  document.head.append(ui.h('link', { rel: 'stylesheet', href: `/ui/${name}/${name}.css`, 'data-module': name }));
}
