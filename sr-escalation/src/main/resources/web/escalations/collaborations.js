// Collaborations with other vendors on the escalation's SR (sr-collaboration's endpoints): each with its partner-side
// state and notes, and opening a new one through an installed connector (its partner directory, the partner's own
// fields, the customer's consent).
import { actionForm, missing } from './escalation.js';

export async function collaborations(ui, x) {
  const { h, t } = ui;
  const section = h('section', { class: 'card', 'aria-labelledby': 'collab-title', id: 'collaborations' }, h('h2', { id: 'collab-title' }, t('escalations.collab.title')));
  const path = `requests/${encodeURIComponent(x.request)}/collaborations`;
  let list;
  try {
    list = await ui.api.get(path);
    list = Array.isArray(list) ? list : (list.items || []);
  } catch (e) {
    section.append(ui.problem(e));
    return section;
  }
  section.append(list.length === 0 ? h('p', { class: 'muted' }, t('escalations.collab.none'))
    : h('table', {}, h('thead', {}, h('tr', {}, ['partner', 'state', 'case', 'summary', 'notes'].map(c => h('th', { scope: 'col' }, t(`escalations.collab.${c}`))))),
      h('tbody', {}, list.map(c => h('tr', { 'data-collaboration': c.id },
        h('td', {}, c.partner, h('div', { class: 'muted' }, c.connector)),
        h('td', {}, h('span', { class: 'badge' }, c.state), c.respondByPassed ? h('div', { class: 'due due-overdue' }, t('escalations.collab.late')) : null,
          c.lastError ? h('div', { class: 'muted' }, c.lastError) : null),
        h('td', {}, [c.caseNumber, c.engineer].filter(Boolean).join(' · ')),
        h('td', {}, c.summary, c.response ? h('div', { class: 'pre muted' }, c.response) : null),
        h('td', {}, (c.notes || []).length ? h('ul', {}, c.notes.map(n => h('li', {}, `${ui.when(n.at)} · ${n.author}: `, n.text))) : ''))))));

  if (!(ui.hasRole('ESCALATION_ENGINEER') || ui.hasRole('REGIONAL_ESCALATION_MANAGER'))) return section;
  const connectors = await ui.api.get('connectors').then(l => (Array.isArray(l) ? l : l.items || [])).catch(() => []);
  if (connectors.length === 0) {
    section.append(h('p', { class: 'muted' }, t('escalations.collab.noConnectors')));
    return section;
  }
  // Ready connectors first: the one that can reach a partner now is the likely choice.
  const ordered = [...connectors].sort((a, b) => (a.state === 'READY' ? 0 : 1) - (b.state === 'READY' ? 0 : 1));
  const connector = h('select', { id: 'collab-connector' }, ordered.map(c => h('option', { value: c.id }, `${c.name} (${c.state})`)));
  const search = h('input', { id: 'collab-search', type: 'search' });
  const partner = h('select', { id: 'collab-partner' });
  const partnerFields = h('div', {});
  const summary = h('input', { id: 'collab-summary' });
  const priority = h('select', { id: 'collab-priority' }, ['HIGH', 'MEDIUM', 'LOW'].map(p => h('option', { value: p }, t(`escalations.priority.${p}`))));
  const consent = h('input', { type: 'checkbox', id: 'collab-consent' });
  let partners = [];
  let fieldInputs = [];
  const showFields = () => {
    const p = partners.find(x => x.id === partner.value);
    fieldInputs = (p ? p.fields : []).map(f => ({ f, input: h('input', { id: ui.uid('partner-field') }) }));
    partnerFields.replaceChildren(...fieldInputs.map(({ f, input }) => ui.field(f.label, input, null, { required: f.required })));
  };
  partner.addEventListener('change', showFields);
  const find = async () => {
    try {
      partners = await ui.api.get(`connectors/${encodeURIComponent(connector.value)}/partners?q=${encodeURIComponent(search.value.trim())}`);
      partner.replaceChildren(...partners.map(p => h('option', { value: p.id }, p.name)));
      ui.say(t('escalations.collab.found', { count: partners.length }));
      showFields();
    } catch (e) {
      ui.say(ui.problemText(e), 'error');
    }
  };
  section.append(actionForm(ui, { id: 'open-collaboration', title: 'escalations.collab.open', intro: 'escalations.collab.intro',
    submit: 'escalations.collab.submit', done: 'escalations.collab.done', reload: () => ui.navigate(`#/escalations/${encodeURIComponent(x.id)}`),
    fields: [ui.field(t('escalations.collab.connector'), connector),
      ui.field(t('escalations.collab.search'), search), h('p', {}, h('button', { type: 'button', class: 'secondary', id: 'collab-find', onclick: find }, t('escalations.collab.find'))),
      ui.field(t('escalations.collab.partner'), partner, null, { required: true }), partnerFields,
      ui.field(t('escalations.collab.summaryField'), summary, null, { required: true }), ui.field(t('escalations.collab.priority'), priority),
      h('div', { class: 'choice' }, consent, h('label', { for: consent.id }, t('escalations.collab.consent')))],
    send: () => {
      if (!partner.value) return missing(ui, search, 'escalations.collab.needPartner');
      if (!summary.value.trim()) return missing(ui, summary, 'escalations.collab.needSummary');
      if (!consent.checked) return missing(ui, consent, 'escalations.collab.needConsent');
      const fields = {};
      fieldInputs.forEach(({ f, input }) => { if (input.value.trim()) fields[f.id] = input.value.trim(); });
      return ui.api.post(path, { connector: connector.value, partner: partner.value, summary: summary.value.trim(),
        priority: priority.value, consent: true, fields });
    } }));
  return section;
}
