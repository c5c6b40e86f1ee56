// SLA clocks as staff read them: how long until a target (or how long past it), overdue in red and at risk
// highlighted, each also said in words so that colour is never the only sign.
const AT_RISK_SHARE = 0.25; // the last quarter of a target's time, or its last half hour, is "at risk"
const AT_RISK_MIN_MILLIS = 30 * 60 * 1000;

/** 'overdue', 'at-risk' or 'ok' for a target due at dueIso that started at startIso (atRiskIso when the platform says). */
export function urgency(dueIso, startIso, atRiskIso, now = Date.now()) {
  const due = Date.parse(dueIso);
  if (Number.isNaN(due)) return 'ok';
  if (now >= due) return 'overdue';
  if (atRiskIso) return now >= Date.parse(atRiskIso) ? 'at-risk' : 'ok';
  const start = Date.parse(startIso);
  const window = Number.isNaN(start) ? 0 : (due - start) * AT_RISK_SHARE;
  return due - now <= Math.max(window, AT_RISK_MIN_MILLIS) ? 'at-risk' : 'ok';
}

/** "in 35 minutes" or "2 hours ago" in the UI's language. */
export function relative(ui, iso, now = Date.now()) {
  const diff = Date.parse(iso) - now;
  const abs = Math.abs(diff);
  const format = new Intl.RelativeTimeFormat(ui.language(), { numeric: 'auto' });
  if (abs < 60 * 60 * 1000) return format.format(Math.round(diff / 60000), 'minute');
  if (abs < 48 * 60 * 60 * 1000) return format.format(Math.round(diff / 3600000), 'hour');
  return format.format(Math.round(diff / 86400000), 'day');
}

/** One clock: its name, when, and its state in words; the exact time as a tooltip and in a time element. */
export function clock(ui, kind, dueIso, startIso, atRiskIso) {
  const { h, t } = ui;
  const state = urgency(dueIso, startIso, atRiskIso);
  return h('span', { class: `clock clock-${state}`, 'data-clock': kind, 'data-state': state },
    h('span', { class: 'clock-name' }, t(`console.clock.${kind}`)), ' ',
    h('time', { datetime: dueIso, title: ui.when(dueIso) }, relative(ui, dueIso)),
    state === 'ok' ? null : h('strong', { class: 'clock-flag' }, ` ${t(`console.clock.state.${state}`)}`));
}

/** The clocks of an SR in a list: confirmation (while new), first response (until given), next update (when owed). */
export function clocksOf(ui, sr) {
  const out = [];
  if (sr.status === 'NEW' && sr.confirmationDueAt) out.push(clock(ui, 'confirmation', sr.confirmationDueAt, sr.createdAt));
  if (!sr.firstRespondedAt && sr.firstResponseDueAt && !['RESOLVED', 'CLOSED'].includes(sr.status)) {
    out.push(clock(ui, 'firstResponse', sr.firstResponseDueAt, sr.createdAt));
  }
  if (sr.nextUpdateDueAt && !['RESOLVED', 'CLOSED'].includes(sr.status)) {
    out.push(clock(ui, 'nextUpdate', sr.nextUpdateDueAt, sr.firstRespondedAt || sr.updatedAt));
  }
  return out;
}
