// "My requests": the account's SRs with filters and pages; one SR with its timeline and what a customer may do.
import { uploadAll, size } from './get-support.js';

const STATUSES = ['NEW', 'ASSIGNED', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'WAITING_ON_VENDOR', 'RESOLVED', 'CLOSED'];
const PAGE = 20;

export async function myRequests(ui, container, query) {
  const { h, t, clear, field } = ui;
  container.append(h('h1', {}, t('portal.requests.title')));
  let products = [];
  try {
    products = (await ui.api.get('products')).items;
  } catch (e) {
    // The filter then offers no products; the list still works.
  }
  const status = h('select', { name: 'status', id: 'filter-status' }, h('option', { value: '' }, t('portal.all')),
    STATUSES.map(s => h('option', { value: s, selected: query.get('status') === s }, t(`portal.status.${s}`))));
  const product = h('select', { name: 'product', id: 'filter-product' }, h('option', { value: '' }, t('portal.all')),
    products.map(p => h('option', { value: p.id, selected: query.get('product') === p.id }, p.name)));
  const severity = h('select', { name: 'severity', id: 'filter-severity' }, h('option', { value: '' }, t('portal.all')),
    [1, 2, 3, 4].map(n => h('option', { value: String(n), selected: query.get('severity') === String(n) }, t(`portal.severity.${n}`))));
  const text = h('input', { name: 'q', id: 'filter-q', type: 'search', value: query.get('q') || '' });
  const filters = h('form', { class: 'card filters', role: 'search', onsubmit: e => {
    e.preventDefault();
    const params = new URLSearchParams();
    for (const [k, el] of [['status', status], ['product', product], ['severity', severity], ['q', text]]) {
      if (el.value) params.set(k, el.value);
    }
    ui.navigate(`#/portal/requests${params.toString() ? `?${params}` : ''}`);
  } },
  field(t('portal.field.status'), status), field(t('portal.field.product'), product),
  field(t('portal.field.severity'), severity), field(t('portal.requests.search'), text),
  h('button', { type: 'submit', id: 'apply-filters' }, t('portal.requests.filter')));
  const table = h('div', { 'aria-live': 'polite' });
  const pager = h('div', { class: 'pager' });
  container.append(filters, table, pager);

  const cursors = [null]; // the cursor of each page seen, for "previous"
  async function load(index) {
    const params = new URLSearchParams();
    for (const k of ['status', 'product', 'severity', 'q']) if (query.get(k)) params.set(k, query.get(k));
    params.set('limit', String(PAGE));
    if (cursors[index]) params.set('cursor', cursors[index]);
    clear(table).append(h('p', { class: 'loading' }, t('portal.loading')));
    let page;
    try {
      page = await ui.api.get(`requests?${params}`);
    } catch (e) {
      clear(table).append(ui.problem(e));
      return;
    }
    cursors[index + 1] = page.next;
    clear(table);
    if (page.items.length === 0) {
      table.append(h('p', { class: 'muted', id: 'no-requests' }, t('portal.requests.none')));
    } else {
      table.append(h('table', { id: 'requests' }, h('caption', { class: 'muted' }, t('portal.requests.caption', { page: index + 1 })),
        h('thead', {}, h('tr', {}, ['number', 'subject', 'product', 'severity', 'status', 'updated']
          .map(c => h('th', { scope: 'col' }, t(`portal.column.${c}`))))),
        h('tbody', {}, page.items.map(sr => h('tr', { 'data-number': sr.number },
          h('td', {}, h('a', { href: `#/portal/requests/${encodeURIComponent(sr.number)}` }, sr.number)),
          h('td', {}, sr.subject), h('td', {}, sr.product), h('td', {}, t(`portal.severity.${sr.severity}`)),
          h('td', {}, t(`portal.status.${sr.status}`)), h('td', {}, ui.when(sr.updatedAt)))))));
    }
    clear(pager).append(
      h('button', { type: 'button', class: 'secondary', disabled: index === 0, onclick: () => load(index - 1) }, t('portal.previous')),
      h('span', {}, t('portal.pageN', { page: index + 1 })),
      h('button', { type: 'button', class: 'secondary', id: 'next-page', disabled: !page.next, onclick: () => load(index + 1) }, t('portal.next')));
  }
  await load(0);
}

export async function requestPage(ui, container, number) {
  const { h, t, clear } = ui;
  let sr;
  try {
    sr = await ui.api.get(`requests/${encodeURIComponent(number)}`);
  } catch (e) {
    if (e.status === 404 || e.status === 400) {
      container.append(h('h1', {}, t('portal.request.missingTitle')),
        h('p', { class: 'problem', role: 'alert', id: 'request-missing' }, t('portal.request.missing', { number })),
        h('p', {}, h('a', { href: '#/portal/requests' }, t('portal.nav.requests'))));
      return;
    }
    throw e;
  }
  const reload = () => ui.navigate(`#/portal/requests/${encodeURIComponent(sr.number)}`);
  container.append(h('h1', {}, t('portal.request.title', { number: sr.number, subject: sr.subject })));
  const facts = [
    ['status', t(`portal.status.${sr.status}`)], ['severity', t(`portal.severity.${sr.severity}`)],
    ['product', `${sr.product} · ${sr.category}`], ['account', sr.account], ['assignee', sr.assignee || t('portal.request.unassigned')],
    ['created', ui.when(sr.createdAt)], ['confirmationDue', ui.when(sr.confirmationDueAt)],
    ['firstResponseDue', sr.firstRespondedAt ? t('portal.request.respondedAt', { at: ui.when(sr.firstRespondedAt) }) : ui.when(sr.firstResponseDueAt)],
    ['contactMethod', t(`portal.contact.${sr.contactMethod}`)],
  ];
  container.append(h('section', { class: 'card' },
    h('dl', { class: 'facts' }, facts.map(([k, v]) => [h('dt', {}, t(`portal.fact.${k}`)), h('dd', { 'data-fact': k }, v)])),
    h('h2', {}, t('portal.field.description')),
    h('p', { class: 'pre', id: 'description' }, sr.description || ''),
    sr.tags && sr.tags.length ? h('p', {}, sr.tags.map(tag => h('span', { class: 'badge' }, tag)).reduce((a, b) => [a, ' ', b])) : null));

  const attachments = h('section', { class: 'card', 'aria-labelledby': 'files-title' }, h('h2', { id: 'files-title' }, t('portal.request.files')));
  if (sr.attachments && sr.attachments.length) {
    attachments.append(h('ul', { class: 'files', id: 'attachments' }, sr.attachments.map(a => h('li', {},
      h('a', { href: `/api/v1/requests/${encodeURIComponent(sr.number)}/attachments/${encodeURIComponent(a.id)}`, download: a.name }, a.name),
      ` (${size(a.size)})`))));
  } else {
    attachments.append(h('p', { class: 'muted' }, t('portal.request.noFiles')));
  }
  const more = h('input', { type: 'file', id: 'more-files', multiple: true });
  const progress = h('div', {});
  attachments.append(ui.field(t('portal.request.addFiles'), more, t('portal.help.files')),
    h('button', { type: 'button', id: 'upload-more', onclick: async () => {
      if (!more.files.length) {
        ui.say(t('portal.request.chooseFiles'), 'error');
        return;
      }
      const results = await uploadAll(ui, sr.number, Array.from(more.files), progress);
      if (results.every(r => r.ok)) {
        ui.say(t('portal.request.uploaded'));
        reload();
      }
    } }, t('portal.request.upload')), progress);
  container.append(attachments);

  container.append(h('section', { class: 'card', 'aria-labelledby': 'timeline-title' }, h('h2', { id: 'timeline-title' }, t('portal.request.timeline')),
    h('ol', { class: 'timeline', id: 'timeline' }, (sr.timeline || []).map(e => h('li', {},
      h('time', { datetime: e.at }, ui.when(e.at)), h('strong', {}, e.actorName || e.actor), ': ', e.summary)))));

  if (sr.status !== 'CLOSED') {
    container.append(h('h2', {}, t('portal.request.actions')));
    container.append(severityForm(ui, sr, reload));
    container.append(await escalationForms(ui, sr, reload));
  }
}

function severityForm(ui, sr, reload) {
  const { h, t } = ui;
  const higher = [1, 2, 3, 4].filter(n => n < sr.severity);
  const section = h('details', { class: 'card' }, h('summary', {}, t('portal.severity.raise')));
  if (higher.length === 0) {
    section.append(h('p', { class: 'muted' }, t('portal.severity.highest')));
    return section;
  }
  const severity = h('select', { id: 'new-severity', name: 'severity' }, higher.map(n => h('option', { value: String(n) }, t(`portal.severity.${n}`))));
  const reason = h('textarea', { id: 'severity-reason', name: 'reason' });
  section.append(h('p', { class: 'muted' }, t('portal.severity.notEscalation')),
    h('form', { novalidate: true, onsubmit: async e => {
      e.preventDefault();
      if (!reason.value.trim()) {
        ui.say(t('portal.severity.needReason'), 'error');
        reason.focus();
        return;
      }
      try {
        await ui.api.post(`requests/${encodeURIComponent(sr.number)}/severity`, { severity: Number(severity.value), reason: reason.value.trim() });
        ui.say(t('portal.severity.done', { severity: severity.value }));
        reload();
      } catch (err) {
        ui.say(ui.problemText(err), 'error');
      }
    } }, ui.field(t('portal.field.severity'), severity, t('portal.help.severity'), { required: true }),
    ui.field(t('portal.field.reason'), reason, t('portal.help.severityReason'), { required: true }),
    h('button', { type: 'submit', id: 'raise-severity' }, t('portal.severity.raise'))));
  return section;
}

async function escalationForms(ui, sr, reload) {
  const { h, t } = ui;
  const box = h('div', {});
  let escalations = [];
  try {
    escalations = await ui.api.get(`requests/${encodeURIComponent(sr.number)}/escalations`);
    escalations = Array.isArray(escalations) ? escalations : (escalations.items || []);
  } catch (e) {
    box.append(ui.problem(e));
    return box;
  }
  const open = escalations.filter(x => x.state !== 'DE_ESCALATED' && x.state !== 'CLOSED');
  if (open.length) {
    const escalation = open[0];
    const reason = h('textarea', { id: 'too-slow-reason', name: 'reason' });
    box.append(h('details', { class: 'card', open: true }, h('summary', {}, t('portal.escalation.current', { state: t(`portal.escalation.state.${escalation.state}`) })),
      h('p', {}, t('portal.escalation.tooSlowIntro')),
      h('form', { novalidate: true, onsubmit: async e => {
        e.preventDefault();
        if (!reason.value.trim()) {
          ui.say(t('portal.escalation.needReason'), 'error');
          return;
        }
        try {
          await ui.api.post(`escalations/${encodeURIComponent(escalation.id)}/too-slow`, { reason: reason.value.trim() });
          ui.say(t('portal.escalation.tooSlowDone'));
          reload();
        } catch (err) {
          ui.say(ui.problemText(err), 'error');
        }
      } }, ui.field(t('portal.field.reason'), reason, t('portal.help.tooSlow'), { required: true }),
      h('button', { type: 'submit', id: 'too-slow' }, t('portal.escalation.tooSlow')))));
    return box;
  }
  // The seed's checks before escalating, as a checklist: each must be confirmed.
  const reason = h('select', { id: 'escalation-reason', name: 'reason' },
    ['PRODUCTION_DOWN_DURING_UPGRADE', 'CRITICAL_BUSINESS_IMPACT', 'UNSATISFIED_WITH_PROGRESS'].map(r => h('option', { value: r }, t(`portal.escalation.reason.${r}`))));
  const checks = ['problemStatementConfirmed', 'businessImpactConfirmed', 'workaroundUnacceptable'].map(name => {
    const id = ui.uid('check');
    const input = h('input', { type: 'checkbox', id, name });
    return { name, input, row: h('div', { class: 'choice' }, input, h('label', { for: id }, t(`portal.escalation.check.${name}`))) };
  });
  const milestone = h('input', { id: 'milestone-name', name: 'milestone' });
  const milestoneDate = h('input', { id: 'milestone-date', name: 'milestoneDate', type: 'date' });
  const detail = h('textarea', { id: 'escalation-detail', name: 'detail' });
  box.append(h('details', { class: 'card' }, h('summary', {}, t('portal.escalation.request')),
    h('p', { class: 'muted' }, t('portal.escalation.intro')),
    h('form', { novalidate: true, onsubmit: async e => {
      e.preventDefault();
      const unchecked = checks.filter(c => !c.input.checked);
      if (unchecked.length || !milestone.value.trim() || !milestoneDate.value) {
        ui.say(t('portal.escalation.checklistIncomplete'), 'error');
        return;
      }
      const body = { reason: reason.value, milestones: [{ name: milestone.value.trim(), date: milestoneDate.value }], detail: detail.value.trim() };
      checks.forEach(c => { body[c.name] = true; });
      try {
        await ui.api.post(`requests/${encodeURIComponent(sr.number)}/escalations`, body);
        ui.say(t('portal.escalation.requested'));
        reload();
      } catch (err) {
        ui.say(ui.problemText(err), 'error');
      }
    } },
    ui.field(t('portal.escalation.why'), reason, t('portal.help.escalationReason'), { required: true }),
    h('fieldset', {}, h('legend', {}, t('portal.escalation.checklist')), checks.map(c => c.row)),
    h('fieldset', {}, h('legend', {}, t('portal.escalation.check.milestones')),
      ui.field(t('portal.escalation.milestone'), milestone, null, { required: true }),
      ui.field(t('portal.escalation.milestoneDate'), milestoneDate, null, { required: true })),
    ui.field(t('portal.escalation.detail'), detail, t('portal.help.escalationDetail')),
    h('button', { type: 'submit', id: 'request-escalation' }, t('portal.escalation.request')))));
  return box;
}
