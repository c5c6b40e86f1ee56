// One escalation: its facts and flags, the customer's milestones, the action plan (with its revisions), the
// communication plan, the updates given, its history, collaborations with other vendors, and the actions of the
// caller's roles: accept (REM), plans and updates and de-escalation (its escalation engineer), "too slow" (staff).
import { due, relative } from './time.js';
import { flags } from './board.js';
import { collaborations } from './collaborations.js';

export async function escalationPage(ui, container, id) {
  const { h, t } = ui;
  const path = `escalations/${encodeURIComponent(id)}`;
  let x;
  try {
    x = await ui.api.get(path);
  } catch (e) {
    if (e.status === 404) {
      container.append(h('h1', {}, t('escalations.page.missingTitle')),
        h('p', { class: 'problem', role: 'alert', id: 'escalation-missing' }, t('escalations.page.missing', { id })));
      return;
    }
    throw e;
  }
  const reload = () => ui.navigate(`#/escalations/${encodeURIComponent(x.id)}`);
  const me = ui.user();
  const open = x.state !== 'DE_ESCALATED';
  const owner = x.escalationEngineer && x.escalationEngineer === me.login;
  container.append(h('p', {}, h('a', { href: '#/escalations' }, t('escalations.page.back'))),
    h('h1', {}, t('escalations.page.title', { id: x.id, subject: x.srSubject || x.request })),
    h('p', {}, h('span', { class: `badge state-${x.state}`, id: 'escalation-state', 'data-state': x.state }, t(`escalations.state.${x.state}`)), ' ', flags(ui, x)));
  const facts = [
    ['request', h('a', { href: `#/console/requests/${encodeURIComponent(x.request)}` }, x.request)],
    ['account', x.account || ''], ['severity', x.severity ? String(x.severity) : ''], ['region', x.region],
    ['reason', t(`escalations.reason.${x.reason}`)], ['requested', `${ui.when(x.requestedAt)} · ${x.requestedBy}`],
    ['engineer', x.escalationEngineer || t('escalations.noEngineer')],
    ['nextUpdate', x.nextUpdateDueAt ? due(ui, x.nextUpdateDueAt) : '–'],
    ['lastUpdate', x.lastUpdateAt ? ui.when(x.lastUpdateAt) : '–'],
  ];
  if (x.resources) facts.push(['resources', x.resources]);
  if (x.processCorrections) facts.push(['processCorrections', x.processCorrections]);
  if (x.agreement) facts.push(['agreement', t('escalations.page.agreement', { name: x.agreement.name, at: ui.when(x.agreement.at), note: x.agreement.note || '' })]);
  container.append(h('section', { class: 'card' },
    h('dl', { class: 'facts', id: 'escalation-facts' }, facts.map(([k, v]) => [h('dt', {}, t(`escalations.fact.${k}`)), h('dd', { 'data-fact': k }, v)])),
    x.detail ? [h('h2', {}, t('escalations.page.detail')), h('p', { class: 'pre' }, x.detail)] : null,
    h('h2', {}, t('escalations.page.milestones')),
    h('ul', {}, (x.milestones || []).map(m => h('li', {}, `${m.date} · ${m.name}`)))));

  // Plans and updates.
  const plans = h('section', { class: 'card', 'aria-labelledby': 'plans-title' }, h('h2', { id: 'plans-title' }, t('escalations.page.actionPlan')));
  plans.append(x.actionPlan ? h('p', { class: 'pre', id: 'action-plan' }, x.actionPlan) : h('p', { class: 'muted' }, t('escalations.page.noActionPlan')));
  if ((x.actionPlans || []).length > 1) {
    plans.append(h('details', {}, h('summary', {}, t('escalations.page.revisions', { count: x.actionPlans.length })),
      h('ol', {}, x.actionPlans.map(r => h('li', {}, h('div', { class: 'muted' }, `${ui.when(r.at)} · ${r.by}`), h('div', { class: 'pre' }, r.text))))));
  }
  plans.append(h('h2', {}, t('escalations.page.communicationPlan')));
  const cp = x.communicationPlan;
  plans.append(cp ? h('p', { id: 'communication-plan' }, t('escalations.page.plan', {
    channels: cp.channels.map(c => t(`escalations.channel.${c}`)).join(', '), hours: cp.everyHours,
    participants: (cp.participants || []).join(', ') || '–' })) : h('p', { class: 'muted' }, t('escalations.page.noPlan')));
  plans.append(h('h2', {}, t('escalations.page.updates')));
  plans.append((x.updates || []).length === 0 ? h('p', { class: 'muted' }, t('escalations.page.noUpdates'))
    : h('ol', { class: 'timeline', id: 'updates' }, x.updates.map(u => h('li', {},
      h('time', { datetime: u.at }, ui.when(u.at)), h('strong', {}, `${u.by} · ${t(`escalations.channel.${u.channel}`)}`), ': ', u.text,
      u.late ? h('span', { class: 'badge flag-bad' }, ` ${t('escalations.page.late')}`) : null))));
  container.append(plans);

  // Actions for the caller's roles.
  if (open) {
    const actions = h('div', { class: 'action-grid', id: 'escalation-actions' });
    if (ui.hasRole('REGIONAL_ESCALATION_MANAGER') && x.state === 'REQUESTED') actions.append(accept(ui, path, reload));
    if (ui.hasRole('ESCALATION_ENGINEER') && x.state !== 'REQUESTED') {
      if (!owner) actions.append(h('p', { class: 'muted' }, t('escalations.page.notOwner', { engineer: x.escalationEngineer || '–' })));
      actions.append(actionPlan(ui, path, x, reload), communicationPlan(ui, path, x, reload), update(ui, path, x, reload),
        deEscalate(ui, path, x, reload));
    }
    actions.append(tooSlow(ui, path, reload));
    container.append(h('h2', {}, t('escalations.page.actions')), actions);
  }

  container.append(await collaborations(ui, x));

  container.append(h('section', { class: 'card', 'aria-labelledby': 'history-title' }, h('h2', { id: 'history-title' }, t('escalations.page.history')),
    h('ol', { class: 'timeline', id: 'history' }, (x.history || []).map(s => h('li', { 'data-kind': s.kind },
      h('time', { datetime: s.at, title: relative(ui, s.at) }, ui.when(s.at)), h('strong', {}, s.by), ': ', s.summary)))));
}

/** A form that sends, says what happened and reloads on success; shows the problem's detail where it was sent. */
export function actionForm(ui, { id, title, intro, fields, submit, send, done, reload }) {
  const { h, t } = ui;
  const button = h('button', { type: 'submit', id }, t(submit));
  const result = h('div', { 'aria-live': 'polite' });
  return h('section', { class: 'card', 'data-action': id }, h('h3', {}, t(title)), intro ? h('p', { class: 'muted' }, t(intro)) : null,
    h('form', { novalidate: true, onsubmit: async e => {
      e.preventDefault();
      result.replaceChildren();
      button.disabled = true;
      try {
        const sent = await send();
        if (sent === null) return;
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

export function missing(ui, control, key) {
  ui.say(ui.t(key), 'error');
  control.setAttribute('aria-invalid', 'true');
  control.addEventListener('input', () => control.removeAttribute('aria-invalid'), { once: true });
  control.addEventListener('change', () => control.removeAttribute('aria-invalid'), { once: true });
  control.focus();
  return null;
}

function accept(ui, path, reload) {
  const { h, t } = ui;
  const engineer = h('input', { id: 'accept-engineer', autocomplete: 'off' });
  const resources = h('textarea', { id: 'accept-resources' });
  const corrections = h('textarea', { id: 'accept-corrections' });
  return actionForm(ui, { id: 'accept', title: 'escalations.accept.title', intro: 'escalations.accept.intro', submit: 'escalations.accept.submit',
    done: 'escalations.accept.done', reload,
    fields: [ui.field(t('escalations.accept.engineer'), engineer, t('escalations.help.engineer'), { required: true }),
      ui.field(t('escalations.accept.resources'), resources, t('escalations.help.resources')),
      ui.field(t('escalations.accept.corrections'), corrections, t('escalations.help.corrections'))],
    send: () => (engineer.value.trim() ? ui.api.post(`${path}/accept`, { escalationEngineer: engineer.value.trim(),
      resources: resources.value.trim(), processCorrections: corrections.value.trim() }) : missing(ui, engineer, 'escalations.accept.need')) });
}

function actionPlan(ui, path, x, reload) {
  const { h, t } = ui;
  const text = h('textarea', { id: 'action-plan-text', value: x.actionPlan || '' });
  return actionForm(ui, { id: 'save-action-plan', title: 'escalations.actionPlan.title', submit: 'escalations.actionPlan.submit',
    done: 'escalations.actionPlan.done', reload, fields: [ui.field(t('escalations.actionPlan.text'), text, t('escalations.help.actionPlan'), { required: true })],
    send: () => (text.value.trim() ? ui.api.put(`${path}/action-plan`, { text: text.value.trim() }) : missing(ui, text, 'escalations.needText')) });
}

const CHANNELS = ['EMAIL', 'PHONE', 'CONFERENCE_CALL'];

function communicationPlan(ui, path, x, reload) {
  const { h, t } = ui;
  const current = x.communicationPlan || { channels: ['EMAIL'], everyHours: 4, participants: [] };
  const boxes = CHANNELS.map(c => {
    const input = h('input', { type: 'checkbox', id: `plan-channel-${c}`, value: c, checked: current.channels.includes(c) });
    return { c, input, row: h('div', { class: 'choice' }, input, h('label', { for: input.id }, t(`escalations.channel.${c}`))) };
  });
  const hours = h('input', { id: 'plan-hours', type: 'number', min: '1', max: '168', value: String(current.everyHours) });
  const participants = h('input', { id: 'plan-participants', value: (current.participants || []).join(', ') });
  return actionForm(ui, { id: 'save-communication-plan', title: 'escalations.plan.title', submit: 'escalations.plan.submit',
    done: 'escalations.plan.done', reload,
    fields: [h('fieldset', {}, h('legend', {}, t('escalations.plan.channels')), boxes.map(b => b.row)),
      ui.field(t('escalations.plan.hours'), hours, t('escalations.help.hours'), { required: true }),
      ui.field(t('escalations.plan.participants'), participants, t('escalations.help.participants'))],
    send: () => {
      const channels = boxes.filter(b => b.input.checked).map(b => b.c);
      if (channels.length === 0) return missing(ui, boxes[0].input, 'escalations.plan.needChannel');
      return ui.api.put(`${path}/communication-plan`, { channels, everyHours: Number(hours.value),
        participants: participants.value.split(',').map(p => p.trim()).filter(Boolean) });
    } });
}

function update(ui, path, x, reload) {
  const { h, t } = ui;
  const allowed = x.communicationPlan ? x.communicationPlan.channels : CHANNELS;
  const channel = h('select', { id: 'update-channel' }, allowed.map(c => h('option', { value: c }, t(`escalations.channel.${c}`))));
  const text = h('textarea', { id: 'update-text' });
  return actionForm(ui, { id: 'give-update', title: 'escalations.update.title', intro: x.communicationPlan ? null : 'escalations.update.needPlan',
    submit: 'escalations.update.submit', done: 'escalations.update.done', reload,
    fields: [ui.field(t('escalations.update.channel'), channel), ui.field(t('escalations.update.text'), text, null, { required: true })],
    send: () => (text.value.trim() ? ui.api.post(`${path}/updates`, { channel: channel.value, text: text.value.trim() })
      : missing(ui, text, 'escalations.needText')) });
}

/** De-escalation only with the customer's recorded agreement: each check a box, who agreed, when and how. */
function deEscalate(ui, path, x, reload) {
  const { h, t } = ui;
  const check = name => {
    const input = h('input', { type: 'checkbox', id: `check-${name}` });
    return { input, row: h('div', { class: 'choice' }, input, h('label', { for: input.id }, t(`escalations.deEscalate.${name}`))) };
  };
  const planAccepted = check('actionPlanAccepted');
  const rootCause = check('rootCauseConfirmed');
  const name = h('input', { id: 'agreement-name', autocomplete: 'off' });
  const at = h('input', { id: 'agreement-at', type: 'datetime-local', value: localNow() });
  const note = h('input', { id: 'agreement-note' });
  return actionForm(ui, { id: 'de-escalate', title: 'escalations.deEscalate.title', intro: 'escalations.deEscalate.intro',
    submit: 'escalations.deEscalate.submit', done: 'escalations.deEscalate.done', reload,
    fields: [h('fieldset', {}, h('legend', {}, t('escalations.deEscalate.checklist')),
      h('div', { class: 'choice' }, h('span', { 'aria-hidden': 'true' }, x.actionPlan ? '✓' : '✗'),
        h('span', { id: 'check-plan-presented' }, t(x.actionPlan ? 'escalations.deEscalate.planPresented' : 'escalations.deEscalate.planMissing'))),
      planAccepted.row, rootCause.row),
    h('fieldset', {}, h('legend', {}, t('escalations.deEscalate.agreement')),
      ui.field(t('escalations.deEscalate.name'), name, t('escalations.help.agreementName'), { required: true }),
      ui.field(t('escalations.deEscalate.at'), at, null, { required: true }),
      ui.field(t('escalations.deEscalate.note'), note, t('escalations.help.agreementNote')))],
    send: () => {
      if (!planAccepted.input.checked) return missing(ui, planAccepted.input, 'escalations.deEscalate.needChecks');
      if (!rootCause.input.checked) return missing(ui, rootCause.input, 'escalations.deEscalate.needChecks');
      if (!name.value.trim()) return missing(ui, name, 'escalations.deEscalate.needName');
      const when = new Date(at.value);
      if (Number.isNaN(when.getTime())) return missing(ui, at, 'escalations.deEscalate.needAt');
      return ui.api.post(`${path}/de-escalate`, { actionPlanAccepted: true, rootCauseConfirmed: true,
        customerAgreement: { name: name.value.trim(), at: when.toISOString(), note: note.value.trim() } });
    } });
}

function localNow() {
  const d = new Date();
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

function tooSlow(ui, path, reload) {
  const { h, t } = ui;
  const reason = h('textarea', { id: 'too-slow-reason' });
  return actionForm(ui, { id: 'too-slow', title: 'escalations.tooSlow.title', intro: 'escalations.tooSlow.intro', submit: 'escalations.tooSlow.submit',
    done: 'escalations.tooSlow.done', reload, fields: [ui.field(t('escalations.tooSlow.reason'), reason, null, { required: true })],
    send: () => (reason.value.trim() ? ui.api.post(`${path}/too-slow`, { reason: reason.value.trim() }) : missing(ui, reason, 'escalations.needReason')) });
}
