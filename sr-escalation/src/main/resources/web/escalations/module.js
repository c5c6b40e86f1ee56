// The escalation board of regional escalation managers: the daily review of every open escalation (overdue updates
// first, as the platform orders it), an escalation's page with its history, plans, updates and collaborations with
// other vendors, the actions of each role, and open escalations by age as a chart. Served by sr-escalation.
import { boardPage, agesPage } from './board.js';
import { escalationPage } from './escalation.js';

const STAFF = ['SUPPORT_ENGINEER', 'DUTY_MANAGER', 'REGIONAL_ESCALATION_MANAGER', 'ESCALATION_ENGINEER', 'ADMINISTRATOR'];
const ESCALATION = ['REGIONAL_ESCALATION_MANAGER', 'ESCALATION_ENGINEER', 'DUTY_MANAGER', 'ADMINISTRATOR'];

export default function register(ui) {
  if (!document.querySelector('link[data-module="escalations"]')) {
    document.head.append(ui.h('link', { rel: 'stylesheet', href: '/ui/escalations/escalations.css', 'data-module': 'escalations' }));
  }
  ui.nav({ href: '#/escalations', label: 'escalations.nav.board', roles: ESCALATION, order: 30 });
  ui.nav({ href: '#/escalations/ages', label: 'escalations.nav.ages', roles: ESCALATION, order: 45 });
  ui.route('/escalations', (c, p, q) => boardPage(ui, c, q), { roles: STAFF });
  ui.route('/escalations/ages', c => agesPage(ui, c), { roles: STAFF });
  ui.route('/escalations/:id', (c, p) => escalationPage(ui, c, p.id), { roles: STAFF });
}
