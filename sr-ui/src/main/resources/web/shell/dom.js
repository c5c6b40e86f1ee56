// Building the page without ever parsing data as HTML: elements are created and text is set as text, so a
// description that contains "<script>" is shown as those characters. innerHTML is not used anywhere in the UI.

/** An element: h('a', {href: '#/x', class: 'link', onclick: fn}, 'text', child, [more]). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'value') el.value = String(value);
    else if (key === 'checked' || key === 'selected' || key === 'disabled' || key === 'required' || key === 'multiple') el[key] = !!value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'href' || key === 'src') el.setAttribute(key, safeUrl(String(value)));
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Appends text and nodes; arrays are flattened, null and false skipped. */
export function append(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Only http(s), same-page and same-origin links: a "javascript:" URL from data becomes a dead link. */
export function safeUrl(url) {
  if (/^(https?:\/\/|#|\/(?!\/))/i.test(url)) return url;
  return '#';
}

let ids = 0;
/** A unique id for label/for and aria-describedby pairs. */
export function uid(prefix = 'f') {
  ids += 1;
  return `${prefix}-${ids}`;
}

/**
 * A labelled field: the label, the control, and its help as a tooltip that shows on hover and on focus and that
 * screen readers read with the control (aria-describedby).
 */
export function field(labelText, control, help, { required = false } = {}) {
  if (!control.id) control.id = uid('field');
  const wrap = h('div', { class: 'field' });
  const label = h('label', { for: control.id }, labelText);
  if (required) {
    control.required = true;
    control.setAttribute('aria-required', 'true');
    label.append(h('span', { class: 'req', 'aria-hidden': 'true' }, ' *'));
  }
  wrap.append(label);
  if (help) {
    const tipId = uid('tip');
    control.setAttribute('aria-describedby', tipId);
    wrap.append(h('span', { class: 'tip' },
      h('span', { class: 'tip-icon', 'aria-hidden': 'true' }, '?'), // the help shows while the control has focus
      h('span', { class: 'tip-text', role: 'tooltip', id: tipId }, help)));
  }
  wrap.append(control);
  return wrap;
}

/** A date and time in the UI's language. */
export function when(iso, lang) {
  if (!iso) return '';
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  } catch (e) {
    return iso;
  }
}
