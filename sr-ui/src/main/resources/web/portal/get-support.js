// "Get Support": one step at a time, in the order of the support process. The state lives in this page only.
const STEPS = ['product', 'account', 'suggestions', 'details', 'done'];

export async function getSupport(ui, container) {
  const { h, t, clear, field } = ui;
  const state = {
    step: 'product', products: [], accounts: [], product: null, category: null, account: null, suggestions: [],
    description: '', tags: '', subject: '', severity: '', contactMethod: 'EMAIL', phone: '', files: [],
    idempotencyKey: crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random(),
  };
  container.append(h('h1', {}, t('portal.new.title')));
  const steps = h('ol', { class: 'steps', 'aria-label': t('portal.new.progress') });
  const body = h('div', {});
  container.append(steps, body);

  // Opening SRs is the intake feature: while it is off, say so at once instead of failing at the end.
  try {
    const [products, accounts] = await Promise.all([ui.api.get('products'), ui.api.get('accounts'), ui.api.get('requests/fields')]);
    state.products = products.items;
    state.accounts = accounts.items;
  } catch (e) {
    body.append(ui.problem(e));
    return;
  }

  function show(step) {
    state.step = step;
    clear(steps);
    const at = STEPS.indexOf(step);
    STEPS.forEach((s, i) => steps.append(h('li', { class: i < at ? 'done' : null, 'aria-current': i === at ? 'step' : null },
      `${i + 1}. ${t(`portal.step.${s}`)}`)));
    clear(body);
    ({ product: productStep, account: accountStep, suggestions: suggestionsStep, details: detailsStep })[step]();
    const first = body.querySelector('h2');
    if (first) { first.setAttribute('tabindex', '-1'); first.focus(); }
  }

  function choices(name, items, selected, label, describe) {
    return items.map(item => {
      const id = ui.uid(name);
      const input = h('input', { type: 'radio', name, id, value: item.value, checked: item.value === selected });
      const tipId = describe && item.description ? ui.uid('tip') : null;
      if (tipId) input.setAttribute('aria-describedby', tipId);
      return h('div', { class: 'choice tip' }, input, h('label', { for: id }, label(item)),
        tipId ? h('span', { class: 'tip-text', role: 'tooltip', id: tipId }, item.description) : null);
    });
  }

  function productStep() {
    const products = state.products.filter(p => p.active !== false);
    const categoryBox = h('div', {});
    const form = h('form', { class: 'card', novalidate: true, onsubmit: e => {
      e.preventDefault();
      const product = form.querySelector('input[name=product]:checked');
      const category = form.querySelector('input[name=category]:checked');
      if (!product || !category) {
        ui.say(t(!product ? 'portal.new.chooseProduct' : 'portal.new.chooseCategory'), 'error');
        return;
      }
      state.product = product.value;
      state.category = category.value;
      show('account');
    } },
    h('h2', {}, t('portal.step.product')),
    h('fieldset', {}, h('legend', {}, t('portal.field.product'), ' ', tip(t('portal.help.product'))),
      choices('product', products.map(p => ({ value: p.id, name: p.name })), state.product, p => p.name)),
    categoryBox,
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'continue-product' }, t('portal.continue'))));
    function categories(productId) {
      clear(categoryBox);
      const product = products.find(p => p.id === productId);
      if (!product) return;
      categoryBox.append(h('fieldset', {}, h('legend', {}, t('portal.field.category'), ' ', tip(t('portal.help.category'))),
        h('p', { class: 'muted' }, t('portal.new.categoryHint')),
        choices('category', product.categories.map(c => ({ value: c.id, name: c.name, description: c.description })),
          state.category, c => c.name, true)));
    }
    form.addEventListener('change', e => {
      if (e.target.name === 'product') {
        state.category = null;
        categories(e.target.value);
      }
    });
    if (state.product) categories(state.product);
    body.append(form);
  }

  function tip(text) {
    const id = ui.uid('tip');
    return h('span', { class: 'tip' }, h('span', { class: 'tip-icon', tabindex: '0', role: 'img', 'aria-label': text, 'aria-describedby': id }, '?'),
      h('span', { class: 'tip-text', role: 'tooltip', id }, text));
  }

  function entitled() {
    const today = new Date().toISOString().slice(0, 10);
    return state.accounts.filter(a => a.contracts.some(c => c.product === state.product && (!c.validUntil || c.validUntil >= today)
      && (!c.validFrom || c.validFrom <= today) && (c.incidentsRemaining === null || c.incidentsRemaining === undefined || c.incidentsRemaining > 0)));
  }

  function accountStep() {
    const accounts = entitled();
    const product = state.products.find(p => p.id === state.product);
    const form = h('form', { class: 'card', novalidate: true, onsubmit: e => {
      e.preventDefault();
      const chosen = form.querySelector('input[name=account]:checked');
      if (!chosen) {
        ui.say(t('portal.new.chooseAccount'), 'error');
        return;
      }
      state.account = chosen.value;
      show('suggestions');
    } }, h('h2', {}, t('portal.step.account')));
    if (accounts.length === 0) {
      form.append(h('p', { class: 'problem', role: 'alert', id: 'no-entitled-account' }, t('portal.new.noAccount', { product: product.name })));
    } else {
      if (accounts.length === 1 && !state.account) state.account = accounts[0].number;
      form.append(h('fieldset', {}, h('legend', {}, t('portal.field.account'), ' ', tip(t('portal.help.account'))),
        choices('account', accounts.map(a => ({ value: a.number, name: `${a.name} (${a.number}, ${a.customerNumber})` })),
          state.account, a => a.name)));
    }
    form.append(h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: () => show('product') }, t('portal.back')),
      accounts.length ? h('button', { type: 'submit', id: 'continue-account' }, t('portal.continue')) : null));
    body.append(form);
  }

  async function suggestionsStep() {
    const list = h('div', { 'aria-live': 'polite', id: 'suggestions' }, h('p', { class: 'loading' }, t('portal.loading')));
    const description = h('textarea', { name: 'description', id: 'description', maxlength: '32000' });
    description.value = state.description;
    const tags = h('input', { name: 'tags', id: 'tags', value: state.tags });
    async function refresh() {
      const q = description.value.trim().slice(0, 500);
      try {
        const found = await ui.api.get(`suggestions?product=${encodeURIComponent(state.product)}&category=${encodeURIComponent(state.category)}`
          + (q ? `&q=${encodeURIComponent(q)}` : ''));
        state.suggestions = found.items;
        clear(list);
        if (found.items.length === 0) list.append(h('p', { class: 'muted' }, t('portal.new.noSuggestions')));
        for (const s of found.items) {
          list.append(h('article', { class: 'suggestion', 'data-id': s.id },
            h('h3', {}, h('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer' }, s.title)),
            h('p', {}, s.summary),
            h('button', { type: 'button', class: 'secondary solved', onclick: () => solved(s) }, t('portal.new.solved'))));
        }
      } catch (e) {
        clear(list).append(ui.problem(e));
      }
    }
    const form = h('form', { class: 'card', novalidate: true, onsubmit: e => {
      e.preventDefault();
      state.description = description.value.trim();
      state.tags = tags.value;
      if (!state.description && splitTags(state.tags).length === 0) {
        ui.say(t('portal.new.needDescription'), 'error');
        description.focus();
        return;
      }
      show('details');
    } },
    h('h2', {}, t('portal.step.suggestions')),
    h('p', {}, t('portal.new.suggestionsIntro')),
    list,
    h('h3', {}, t('portal.new.notSolved')),
    field(t('portal.field.description'), description, t('portal.help.description'), { required: true }),
    field(t('portal.field.tags'), tags, t('portal.help.tags')),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: () => show('account') }, t('portal.back')),
      h('button', { type: 'button', class: 'secondary', onclick: refresh }, t('portal.new.searchAgain')),
      h('button', { type: 'submit', id: 'continue-request' }, t('portal.new.continueRequest'))));
    body.append(form);
    await refresh();
  }

  async function solved(suggestion) {
    try {
      await ui.api.post(`suggestions/${encodeURIComponent(suggestion.id)}/solved`, { product: state.product, category: state.category });
    } catch (e) {
      // Counting is a convenience; the customer's problem is solved either way.
    }
    clear(steps);
    clear(body).append(h('section', { class: 'card' }, h('h2', { tabindex: '-1', id: 'solved' }, t('portal.new.gladTitle')),
      h('p', { class: 'success' }, t('portal.new.glad', { title: suggestion.title })),
      h('p', {}, h('a', { href: '#/portal' }, t('portal.nav.home')))));
    body.querySelector('h2').focus();
    ui.say(t('portal.new.gladShort'));
  }

  function detailsStep() {
    const subject = h('input', { name: 'subject', id: 'subject', maxlength: '200', value: state.subject });
    const severity = h('select', { name: 'severity', id: 'severity' }, h('option', { value: '' }, t('portal.choose')),
      [1, 2, 3, 4].map(n => h('option', { value: String(n), selected: String(n) === state.severity }, t(`portal.severity.${n}`))));
    const contact = h('select', { name: 'contactMethod', id: 'contactMethod' },
      ['EMAIL', 'PHONE', 'BOTH'].map(m => h('option', { value: m, selected: m === state.contactMethod }, t(`portal.contact.${m}`))));
    const phone = h('input', { name: 'phone', id: 'phone', type: 'tel', autocomplete: 'tel', value: state.phone });
    const files = h('input', { type: 'file', name: 'file', id: 'files', multiple: true });
    const chosen = h('ul', { class: 'files' });
    files.addEventListener('change', () => {
      state.files = Array.from(files.files);
      clear(chosen).append(...state.files.map(f => h('li', {}, `${f.name} (${size(f.size)})`)));
    });
    const submit = h('button', { type: 'submit', id: 'submit-request' }, t('portal.new.submit'));
    const result = h('div', {});
    const form = h('form', { class: 'card', novalidate: true, onsubmit: async e => {
      e.preventDefault();
      state.subject = subject.value.trim();
      state.severity = severity.value;
      state.contactMethod = contact.value;
      state.phone = phone.value.trim();
      const missing = [];
      if (!state.subject) missing.push(t('portal.field.subject'));
      if (!state.severity) missing.push(t('portal.field.severity'));
      if (state.contactMethod !== 'EMAIL' && !state.phone) missing.push(t('portal.field.phone'));
      if (missing.length) {
        ui.say(t('portal.new.missing', { fields: missing.join(', ') }), 'error');
        return;
      }
      submit.disabled = true;
      clear(result).append(h('p', { class: 'loading' }, t('portal.new.sending')));
      try {
        const sr = await ui.api.post('requests', {
          account: state.account, product: state.product, category: state.category, severity: Number(state.severity),
          subject: state.subject, description: state.description || null, tags: splitTags(state.tags),
          contactMethod: state.contactMethod, phone: state.phone || null, suggestionsShown: true,
        }, { 'Idempotency-Key': state.idempotencyKey });
        clear(result);
        const progress = h('div', { class: 'uploads' });
        result.append(progress);
        const uploads = await uploadAll(ui, sr.number, state.files, progress);
        done(sr, uploads, progress);
      } catch (err) {
        submit.disabled = false;
        clear(result).append(ui.problem(err));
      }
    } },
    h('h2', {}, t('portal.step.details')),
    h('p', { class: 'muted' }, t('portal.new.requiredNote')),
    field(t('portal.field.subject'), subject, t('portal.help.subject'), { required: true }),
    field(t('portal.field.severity'), severity, t('portal.help.severity'), { required: true }),
    field(t('portal.field.contactMethod'), contact, t('portal.help.contactMethod'), { required: true }),
    field(t('portal.field.phone'), phone, t('portal.help.phone')),
    field(t('portal.field.files'), files, t('portal.help.files')),
    chosen,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: () => show('suggestions') }, t('portal.back')), submit),
    result);
    body.append(form);
  }

  function done(sr, uploads, progress) {
    clear(steps);
    STEPS.forEach((s, i) => steps.append(h('li', { class: i < 4 ? 'done' : null, 'aria-current': s === 'done' ? 'step' : null },
      `${i + 1}. ${t(`portal.step.${s}`)}`)));
    const failed = uploads.filter(u => !u.ok);
    clear(body).append(h('section', { class: 'card', 'aria-labelledby': 'done-title' },
      h('h2', { id: 'done-title', tabindex: '-1' }, t('portal.new.doneTitle')),
      h('p', {}, t('portal.new.yourNumber')),
      h('p', { class: 'sr-number', id: 'sr-number' }, sr.number),
      h('p', {}, t('portal.new.confirmation')),
      uploads.length ? h('p', {}, t('portal.new.uploaded', { count: uploads.length - failed.length, total: uploads.length })) : null,
      uploads.length ? progress : null,
      failed.length ? h('p', { class: 'problem', role: 'alert' }, t('portal.new.uploadFailed', { names: failed.map(f => f.name).join(', ') })) : null,
      h('p', {}, h('a', { href: `#/portal/requests/${encodeURIComponent(sr.number)}`, id: 'open-sr' }, t('portal.new.openIt')))));
    body.querySelector('h2').focus();
    ui.say(t('portal.new.doneShort', { number: sr.number }));
  }

  show('product');
}

function splitTags(text) {
  return String(text || '').split(/[,，;；\n]/).map(s => s.trim()).filter(Boolean);
}

export function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** Uploads files one after the other, each with its progress bar; tells which succeeded. */
export async function uploadAll(ui, number, files, into) {
  const { h, t } = ui;
  const results = [];
  for (const file of files) {
    const bar = h('progress', { max: '100', value: '0', 'aria-label': t('portal.upload.progress', { name: file.name }) });
    const label = h('span', {}, `${file.name}: 0%`);
    const row = h('div', { class: 'upload', 'data-file': file.name }, label, bar);
    into.append(row);
    try {
      await ui.upload(`requests/${encodeURIComponent(number)}/attachments`, file, (sent, total) => {
        const pct = total ? Math.floor((sent / total) * 100) : 100;
        bar.value = pct;
        label.textContent = `${file.name}: ${pct}%`;
      });
      label.textContent = `${file.name}: ${t('portal.upload.done')}`;
      row.classList.add('uploaded');
      results.push({ name: file.name, ok: true });
    } catch (e) {
      label.textContent = `${file.name}: ${ui.problemText(e)}`;
      row.classList.add('failed');
      results.push({ name: file.name, ok: false });
    }
  }
  return results;
}
