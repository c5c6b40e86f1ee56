// Times as the board reads them: relative to now in the UI's language, overdue in red and said in words.
export function relative(ui, iso, now = Date.now()) {
  const diff = Date.parse(iso) - now;
  const abs = Math.abs(diff);
  const format = new Intl.RelativeTimeFormat(ui.language(), { numeric: 'auto' });
  if (abs < 60 * 60 * 1000) return format.format(Math.round(diff / 60000), 'minute');
  if (abs < 48 * 60 * 60 * 1000) return format.format(Math.round(diff / 3600000), 'hour');
  return format.format(Math.round(diff / 86400000), 'day');
}

/** When something is due: overdue (past), at risk (within the hour) or fine. */
export function due(ui, iso, label) {
  const { h, t } = ui;
  if (!iso) return h('span', { class: 'muted' }, '–');
  const left = Date.parse(iso) - Date.now();
  const state = left <= 0 ? 'overdue' : left <= 3600000 ? 'at-risk' : 'ok';
  return h('span', { class: `due due-${state}`, 'data-state': state },
    label ? h('span', { class: 'due-name' }, `${label} `) : null,
    h('time', { datetime: iso, title: ui.when(iso) }, relative(ui, iso)),
    state === 'ok' ? null : h('strong', {}, ` ${t(`escalations.due.${state}`)}`));
}

/** Days since an instant, whole. */
export function ageDays(iso, now = Date.now()) {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / 86400000));
}
