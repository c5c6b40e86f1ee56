// Phone intake (an SR opened for a caller who gives their customer number) and the callback queue (messages left
// by callers, soonest due first, the late ones marked).
import { relative } from './clocks.js';

export async function phonePage(ui, container) {
  const { h, t, field } = ui;
  container.append(h('h1', {}, t('console.phone.title')), h('p', { class: 'muted' }, t('console.phone.intro')));
  const products = await ui.api.get('products').then(p => p.items).catch(e => { container.append(ui.problem(e)); return []; });
  const customerNumber = h('input', { id: 'phone-customer', autocomplete: 'off' });
  const product = h('select', { id: 'phone-product' }, products.map(p => h('option', { value: p.id }, p.name)));
  const category = h('select', { id: 'phone-category' });
  const fillCategories = () => {
    const p = products.find(x => x.id === product.value);
    category.replaceChildren(...(p ? p.categories : []).map(c => h('option', { value: c.id, title: c.description || '' }, c.name)));
  };
  product.addEventListener('change', fillCategories);
  fillCategories();
  const severity = h('select', { id: 'phone-severity' }, [1, 2, 3, 4].map(n => h('option', { value: String(n), selected: n === 3 }, t(`console.severity.${n}`))));
  const subject = h('input', { id: 'phone-subject' });
  const description = h('textarea', { id: 'phone-description' });
  const phone = h('input', { id: 'phone-number', type: 'tel', autocomplete: 'off' });
  const result = h('div', { 'aria-live': 'polite', id: 'phone-result' });
  const button = h('button', { type: 'submit', id: 'phone-open' }, t('console.phone.submit'));
  container.append(h('form', { class: 'card', novalidate: true, onsubmit: async e => {
    e.preventDefault();
    result.replaceChildren();
    const empty = [customerNumber, subject, description].find(c => !c.value.trim());
    if (empty) {
      ui.say(t('console.phone.incomplete'), 'error');
      empty.focus();
      return;
    }
    button.disabled = true;
    try {
      const sr = await ui.api.post('phone/requests', { customerNumber: customerNumber.value.trim(), product: product.value,
        category: category.value, severity: Number(severity.value), subject: subject.value.trim(),
        description: description.value.trim(), contactMethod: 'PHONE', phone: phone.value.trim() || undefined });
      ui.say(t('console.phone.done', { number: sr.number }));
      result.append(h('p', { class: 'success' }, t('console.phone.opened'), ' ',
        h('a', { href: `#/console/requests/${encodeURIComponent(sr.number)}`, id: 'phone-sr' }, sr.number)));
    } catch (err) {
      result.append(h('p', { class: 'problem', role: 'alert' }, ui.problemText(err)));
      ui.say(ui.problemText(err), 'error');
    } finally {
      button.disabled = false;
    }
  } },
  field(t('console.field.customerNumber'), customerNumber, t('console.help.customerNumber'), { required: true }),
  field(t('console.field.product'), product, null, { required: true }), field(t('console.field.category'), category, null, { required: true }),
  field(t('console.field.severity'), severity, t('console.help.severity'), { required: true }),
  field(t('console.field.subject'), subject, null, { required: true }),
  field(t('console.field.description'), description, null, { required: true }),
  field(t('console.field.phone'), phone, t('console.help.phone')), button, result));
}

export async function callbacksPage(ui, container) {
  const { h, t, field, clear } = ui;
  container.append(h('h1', {}, t('console.callbacks.title')));
  const list = h('div', { 'aria-live': 'polite' });
  container.append(list);

  async function load() {
    clear(list).append(h('p', { class: 'loading' }, t('console.loading')));
    let page;
    try {
      page = await ui.api.get('phone/callbacks?limit=200');
    } catch (e) {
      clear(list).append(ui.problem(e));
      return;
    }
    clear(list);
    if (page.items.length === 0) {
      list.append(h('p', { class: 'muted', id: 'callbacks-empty' }, t('console.callbacks.none')));
      return;
    }
    list.append(h('table', { id: 'callbacks' }, h('caption', { class: 'muted' }, t('console.callbacks.caption', { count: page.items.length })),
      h('thead', {}, h('tr', {}, ['caller', 'callbackNumber', 'sr', 'description', 'due', 'action'].map(c => h('th', { scope: 'col' }, t(`console.callbacks.${c}`))))),
      h('tbody', {}, page.items.map(m => h('tr', { 'data-callback': m.id, class: m.overdue ? 'row-overdue' : null },
        h('td', {}, m.name, h('div', { class: 'muted' }, m.company)),
        h('td', {}, m.callbackNumber),
        h('td', {}, m.srNumber ? h('a', { href: `#/console/requests/${encodeURIComponent(m.srNumber)}` }, m.srNumber) : ''),
        h('td', { class: 'pre' }, m.description),
        h('td', {}, h('span', { class: m.overdue ? 'clock clock-overdue' : 'clock' },
          h('time', { datetime: m.callbackDueAt, title: ui.when(m.callbackDueAt) }, relative(ui, m.callbackDueAt)),
          m.overdue ? h('strong', {}, ` ${t('console.clock.state.overdue')}`) : null)),
        h('td', {}, h('button', { type: 'button', 'aria-label': t('console.callbacks.doneNamed', { name: m.name }), onclick: async () => {
          try {
            await ui.api.post(`phone/callbacks/${encodeURIComponent(m.id)}/done`);
            ui.say(t('console.callbacks.doneSaid', { name: m.name }));
            load();
          } catch (err) {
            ui.say(ui.problemText(err), 'error');
          }
        } }, t('console.callbacks.done'))))))));
  }

  // Taking a message for a caller nobody can answer now.
  const name = h('input', { id: 'message-name' });
  const company = h('input', { id: 'message-company' });
  const number = h('input', { id: 'message-number', type: 'tel' });
  const sr = h('input', { id: 'message-sr', inputmode: 'numeric' });
  const description = h('textarea', { id: 'message-description' });
  const result = h('div', { 'aria-live': 'polite' });
  container.append(h('details', { class: 'card' }, h('summary', {}, t('console.message.title')),
    h('form', { novalidate: true, onsubmit: async e => {
      e.preventDefault();
      result.replaceChildren();
      const empty = [name, company, number, description].find(c => !c.value.trim());
      if (empty) {
        ui.say(t('console.message.incomplete'), 'error');
        empty.focus();
        return;
      }
      try {
        const left = await ui.api.post('phone/messages', { name: name.value.trim(), company: company.value.trim(),
          callbackNumber: number.value.trim(), srNumber: sr.value.trim() || undefined, description: description.value.trim() });
        ui.say(t('console.message.done', { due: ui.when(left.callbackDueAt) }));
        [name, company, number, sr, description].forEach(c => { c.value = ''; });
        load();
      } catch (err) {
        result.append(h('p', { class: 'problem', role: 'alert' }, ui.problemText(err)));
        ui.say(ui.problemText(err), 'error');
      }
    } },
    field(t('console.message.name'), name, null, { required: true }), field(t('console.message.company'), company, null, { required: true }),
    field(t('console.message.number'), number, null, { required: true }), field(t('console.message.sr'), sr, t('console.help.messageSr')),
    field(t('console.field.description'), description, null, { required: true }),
    h('button', { type: 'submit', id: 'message-leave' }, t('console.message.submit')), result)));
  await load();
}
