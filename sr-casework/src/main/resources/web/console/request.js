// One SR as staff work it: its facts and clocks, its timeline (internal entries marked), and the actions of the
// caller's roles: assignment, responses (e-mail or phone with the call's outcome), comments, status, severity.
import { clock, clocksOf } from './clocks.js';
import { STATUSES } from './queue.js';

export async function requestPage(ui, container, number) {
  const { h, t } = ui;
  const path = `requests/${encodeURIComponent(number)}`;
  let sr;
  try {
    sr = await ui.api.get(path);
  } catch (e) {
    if (e.status === 404 || e.status === 400) {
      container.append(h('h1', {}, t('console.request.missingTitle')),
        h('p', { class: 'problem', role: 'alert', id: 'request-missing' }, t('console.request.missing', { number })));
      return;
    }
    throw e;
  }
  const reload = () => ui.navigate(`#/console/requests/${encodeURIComponent(sr.number)}`);
  container.append(h('p', {}, h('a', { href: '#/console/queue' }, t('console.request.back'))),
    h('h1', {}, t('console.request.title', { number: sr.number, subject: sr.subject })));
  const facts = [
    ['status', t(`console.status.${sr.status}`)], ['severity', t(`console.severity.${sr.severity}`)],
    ['product', `${sr.product} · ${sr.category}`], ['account', sr.account], ['contact', sr.contact || ''],
    ['assignee', sr.assignee || t('console.unassigned')], ['queue', sr.queue || ''],
    ['channel', sr.channel || ''], ['contactMethod', `${sr.contactMethod || ''}${sr.phone ? ` · ${sr.phone}` : ''}`],
    ['created', ui.when(sr.createdAt)],
    ['firstResponse', sr.firstRespondedAt ? t(sr.firstResponseMet === false ? 'console.request.respondedLate' : 'console.request.respondedAt',
      { at: ui.when(sr.firstRespondedAt) }) : ui.when(sr.firstResponseDueAt)],
  ];
  container.append(h('section', { class: 'card' },
    h('dl', { class: 'facts' }, facts.map(([k, v]) => [h('dt', {}, t(`console.fact.${k}`)), h('dd', { 'data-fact': k }, v)])),
    h('h2', {}, t('console.request.description')),
    h('p', { class: 'pre', id: 'description' }, sr.description || '')));

  // The clocks as the platform keeps them (paused while waiting on the customer, at risk from its own threshold);
  // the SR's own due times when the clocks cannot be read.
  const clocks = h('section', { class: 'card', 'aria-labelledby': 'clocks-title' }, h('h2', { id: 'clocks-title' }, t('console.request.clocks')));
  container.append(clocks);
  try {
    const read = await ui.api.get(`${path}/clocks`);
    const running = read.clocks.filter(c => !c.stoppedAt);
    clocks.append(running.length === 0 ? h('p', { class: 'muted' }, t('console.request.noClocks'))
      : h('ul', { class: 'clock-list', id: 'clocks' }, running.map(c => h('li', {},
        clock(ui, clockKind(c.clock), c.dueAt, c.startedAt, c.atRiskAt),
        c.paused ? h('span', { class: 'badge' }, ` ${t('console.request.paused')}`) : null))));
  } catch (e) {
    const own = clocksOf(ui, sr);
    clocks.append(own.length ? h('ul', { class: 'clock-list', id: 'clocks' }, own.map(c => h('li', {}, c))) : h('p', { class: 'muted' }, t('console.request.noClocks')));
  }

  container.append(h('section', { class: 'card', 'aria-labelledby': 'timeline-title' }, h('h2', { id: 'timeline-title' }, t('console.request.timeline')),
    h('ol', { class: 'timeline', id: 'timeline' }, (sr.timeline || []).map(e => h('li', { class: e.internal ? 'internal' : null },
      h('time', { datetime: e.at }, ui.when(e.at)), h('strong', {}, e.actorName || e.actor), ': ', e.summary,
      e.internal ? h('span', { class: 'badge internal-badge' }, ` ${t('console.internal')}`) : null)))));

  const escalations = await ui.api.get(`${path}/escalations`).catch(() => []);
  const list = Array.isArray(escalations) ? escalations : (escalations.items || []);
  if (list.length) {
    container.append(h('section', { class: 'card' }, h('h2', {}, t('console.request.escalations')),
      h('ul', {}, list.map(x => h('li', {}, h('a', { href: `#/escalations/${encodeURIComponent(x.id)}` }, x.id), ` · ${x.state}`)))));
  }

  if (sr.status === 'CLOSED') return;
  container.append(h('h2', {}, t('console.request.actions')));
  const actions = h('div', { class: 'action-grid' });
  container.append(actions);
  const user = ui.user();
  if (ui.hasRole('SUPPORT_ENGINEER') || ui.hasRole('DUTY_MANAGER')) actions.append(assignment(ui, sr, path, reload, user));
  actions.append(respond(ui, sr, path, reload), comment(ui, path, reload), status(ui, sr, path, reload), severity(ui, sr, path, reload));
}

function clockKind(name) {
  const n = String(name).toUpperCase();
  if (n.includes('CONFIRM')) return 'confirmation';
  if (n.includes('FIRST')) return 'firstResponse';
  if (n.includes('UPDATE')) return 'nextUpdate';
  return 'other';
}

/** A form that posts, says what happened and reloads the page on success; the problem's detail otherwise. */
function actionForm(ui, { id, title, fields, submit, send, done, reload }) {
  const { h, t } = ui;
  const button = h('button', { type: 'submit', id }, t(submit));
  const result = h('div', { 'aria-live': 'polite' });
  return h('section', { class: 'card' }, h('h3', {}, t(title)), h('form', { novalidate: true, onsubmit: async e => {
    e.preventDefault();
    result.replaceChildren();
    button.disabled = true;
    try {
      const message = await send();
      if (message === null) return; // the form said what is missing
      ui.say(t(done));
      reload();
    } catch (err) {
      result.append(h('p', { class: 'problem', role: 'alert' }, ui.problemText(err)));
      ui.say(ui.problemText(err), 'error');
    } finally {
      button.disabled = false;
    }
  } }, fields, button, result));
}

function missing(ui, control, key) {
  ui.say(ui.t(key), 'error');
  control.setAttribute('aria-invalid', 'true');
  control.addEventListener('input', () => control.removeAttribute('aria-invalid'), { once: true });
  control.focus();
  return null;
}

function assignment(ui, sr, path, reload, user) {
  const { h, t } = ui;
  const engineer = h('input', { id: 'assign-engineer', name: 'engineer', value: ui.hasRole('DUTY_MANAGER') ? '' : user.login, autocomplete: 'off' });
  const fields = [ui.field(t('console.field.engineer'), engineer, t('console.help.engineer'), { required: true })];
  if (ui.hasRole('SUPPORT_ENGINEER')) {
    fields.push(h('p', {}, h('button', { type: 'button', class: 'secondary', id: 'assign-self', onclick: () => { engineer.value = user.login; } }, t('console.assign.self'))));
  }
  return actionForm(ui, { id: 'assign', title: 'console.assign.title', submit: 'console.assign.submit', done: 'console.assign.done', reload, fields,
    send: () => (engineer.value.trim() ? ui.api.post(`${path}/assignment`, { engineer: engineer.value.trim() }) : missing(ui, engineer, 'console.assign.need')) });
}

function respond(ui, sr, path, reload) {
  const { h, t } = ui;
  // The customer's chosen contact method first: the platform takes a response only on that channel.
  const channel = h('select', { id: 'response-channel' }, ['EMAIL', 'PHONE'].map(c => h('option', { value: c, selected: c === sr.contactMethod }, t(`console.channel.${c}`))));
  const outcome = h('select', { id: 'response-outcome' }, ['REACHED', 'VOICEMAIL', 'NO_ANSWER'].map(c => h('option', { value: c }, t(`console.outcome.${c}`))));
  const outcomeField = ui.field(t('console.field.callOutcome'), outcome, t('console.help.callOutcome'));
  outcomeField.hidden = channel.value !== 'PHONE';
  channel.addEventListener('change', () => { outcomeField.hidden = channel.value !== 'PHONE'; });
  const text = h('textarea', { id: 'response-text' });
  return actionForm(ui, { id: 'respond', title: 'console.respond.title', submit: 'console.respond.submit', done: 'console.respond.done', reload,
    fields: [ui.field(t('console.field.channel'), channel, t('console.help.channel')), outcomeField,
      ui.field(t('console.field.text'), text, null, { required: true })],
    send: () => {
      if (!text.value.trim()) return missing(ui, text, 'console.needText');
      const body = { channel: channel.value, text: text.value.trim() };
      if (channel.value === 'PHONE') body.callOutcome = outcome.value;
      return ui.api.post(`${path}/responses`, body);
    } });
}

function comment(ui, path, reload) {
  const { h, t } = ui;
  const text = h('textarea', { id: 'comment-text' });
  const internal = h('input', { type: 'checkbox', id: 'comment-internal', checked: true });
  return actionForm(ui, { id: 'comment', title: 'console.comment.title', submit: 'console.comment.submit', done: 'console.comment.done', reload,
    fields: [ui.field(t('console.field.text'), text, null, { required: true }),
      h('div', { class: 'choice' }, internal, h('label', { for: internal.id }, t('console.comment.internal')))],
    send: () => (text.value.trim() ? ui.api.post(`${path}/comments`, { text: text.value.trim(), internal: internal.checked })
      : missing(ui, text, 'console.needText')) });
}

function status(ui, sr, path, reload) {
  const { h, t } = ui;
  const select = h('select', { id: 'new-status' }, STATUSES.filter(s => s !== sr.status).map(s => h('option', { value: s }, t(`console.status.${s}`))));
  const reason = h('textarea', { id: 'status-reason' });
  return actionForm(ui, { id: 'change-status', title: 'console.status.title', submit: 'console.status.submit', done: 'console.status.done', reload,
    fields: [ui.field(t('console.field.status'), select), ui.field(t('console.field.reason'), reason, t('console.help.statusReason'), { required: true })],
    send: () => (reason.value.trim() ? ui.api.post(`${path}/status`, { status: select.value, reason: reason.value.trim() })
      : missing(ui, reason, 'console.needReason')) });
}

function severity(ui, sr, path, reload) {
  const { h, t } = ui;
  const select = h('select', { id: 'new-severity' }, [1, 2, 3, 4].filter(n => n !== sr.severity).map(n => h('option', { value: String(n) }, t(`console.severity.${n}`))));
  const reason = h('textarea', { id: 'severity-reason' });
  return actionForm(ui, { id: 'change-severity', title: 'console.severityChange.title', submit: 'console.severityChange.submit', done: 'console.severityChange.done', reload,
    fields: [ui.field(t('console.field.severity'), select), ui.field(t('console.field.reason'), reason, null, { required: true })],
    send: () => (reason.value.trim() ? ui.api.post(`${path}/severity`, { severity: Number(select.value), reason: reason.value.trim() })
      : missing(ui, reason, 'console.needReason')) });
}
