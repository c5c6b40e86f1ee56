// The shell: signs in, picks the language, loads the UI modules of the bundles that are active (GET /ui/modules),
// lets them register routes, navigation entries and messages, and routes after '#'. See docs/ui.md.
import { h, clear, field, when, uid } from './dom.js';
import * as i18n from './i18n.js';
import { api, call, upload, setCsrfToken, whenSignedOut, ApiError } from './api.js';

const { t } = i18n;
const main = document.getElementById('main');
const top = document.getElementById('top');
const statusRegion = document.getElementById('status');

let session = null;
let modules = [];
let routes = [];
let navEntries = [];
let cleanup = null;

// ---- feedback -------------------------------------------------------------------------------------------------

/** Says something in the status line (read by screen readers); errors stay until the next message. */
function say(message, kind = 'ok') {
  clear(statusRegion);
  statusRegion.className = `status status-${kind}`;
  statusRegion.append(h('span', {}, message));
  if (kind === 'ok') {
    const shown = statusRegion.firstChild;
    setTimeout(() => { if (statusRegion.firstChild === shown) clear(statusRegion).className = 'status'; }, 6000);
  }
}

function featureName(feature) {
  return i18n.maybe(`shell.feature.${feature}`) || feature;
}

/** What went wrong, in the UI's language where the kind of problem is known, the platform's detail otherwise. */
function problemText(error) {
  if (!(error instanceof ApiError)) return t('shell.problem.unexpected', { detail: String(error && error.message) });
  const p = error.problem || {};
  switch (error.status) {
    case 0: return t('shell.problem.network');
    case 401: return t('shell.problem.signedOut');
    case 404: return t('shell.problem.notFound');
    case 413: return t('shell.problem.tooLarge');
    case 429: return t('shell.problem.tooMany');
    case 503:
      if (p.feature && p.feature !== 'store') return t('shell.problem.featureUnavailable', { feature: featureName(p.feature) });
      return t('shell.problem.starting');
    default:
      if (p.errors && p.errors.length) {
        return t('shell.problem.invalid', { detail: p.errors.map(e => `${e.field}: ${e.message}`).join('; ') });
      }
      return t(error.status === 403 ? 'shell.problem.forbidden' : 'shell.problem.refused', { detail: p.detail || p.title || error.status });
  }
}

/** A block that shows a problem where it happened (and in the status line); a 503 names the feature. */
function problem(error) {
  const text = problemText(error);
  say(text, 'error');
  const unavailable = error instanceof ApiError && error.status === 503 && error.problem && error.problem.feature;
  return h('div', {
    class: unavailable ? 'problem unavailable' : 'problem',
    role: 'alert',
    'data-feature': unavailable ? error.problem.feature : null,
    id: unavailable ? 'feature-unavailable' : null,
  }, text);
}

// ---- the module contract --------------------------------------------------------------------------------------

function hasRole(role) {
  return !!session && session.roles.includes(role);
}

function allowed(roles) {
  return !roles || roles.length === 0 || roles.some(hasRole);
}

/** What a module's register(ui) gets. */
function moduleApi(module) {
  return {
    module,
    t,
    h,
    clear,
    field,
    uid,
    when: iso => when(iso, i18n.language()),
    language: () => i18n.language(),
    api,
    call,
    upload,
    ApiError,
    user: () => session,
    hasRole,
    say,
    problem,
    problemText,
    featureName,
    navigate,
    /** A page: pattern like '/portal/requests/:number'; render(container, params, query) may return a cleanup. */
    route(pattern, render, { roles = [] } = {}) {
      routes.push({ parts: pattern.split('/').filter(Boolean), render, roles, module: module.name });
    },
    /** A navigation entry: label is a message key; shown to the roles given (all when none). */
    nav({ href, label, roles = [], order = 100 }) {
      navEntries.push({ href, label, roles, order, module: module.name });
    },
  };
}

// ---- routing --------------------------------------------------------------------------------------------------

export function navigate(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = raw.split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(query) };
}

function match(parts) {
  for (const route of routes) {
    if (route.parts.length !== parts.length) continue;
    const params = {};
    let ok = true;
    route.parts.forEach((p, i) => {
      if (p.startsWith(':')) params[p.slice(1)] = parts[i];
      else if (p !== parts[i]) ok = false;
    });
    if (ok) return { route, params };
  }
  return null;
}

async function render() {
  if (typeof cleanup === 'function') {
    try { cleanup(); } catch (e) { /* the old page is gone either way */ }
  }
  cleanup = null;
  if (!session) {
    renderSignIn();
    return;
  }
  if (session.mustChangePassword) {
    renderPasswordChange(); // a one-time password opens nothing else
    return;
  }
  const { parts, query } = parseHash();
  if (parts.length === 0) {
    navigate(session.staff ? '#/console' : '#/portal');
    return;
  }
  renderTop();
  clear(main);
  const found = match(parts);
  if (!found) {
    main.append(h('h1', {}, t('shell.notFound.title')), h('p', {}, t('shell.notFound.text')),
      h('p', {}, h('a', { href: '#/' }, t('shell.home'))));
  } else if (!allowed(found.route.roles)) {
    main.append(h('h1', {}, t('shell.forbidden.title')), h('p', {}, t('shell.forbidden.text')));
  } else {
    try {
      cleanup = await found.route.render(main, found.params, query);
    } catch (e) {
      main.append(problem(e));
    }
  }
  const heading = main.querySelector('h1');
  if (heading) document.title = `${heading.textContent} · ${t('shell.product')}`;
  main.focus({ preventScroll: false });
}

// ---- header, sign-in, console home ----------------------------------------------------------------------------

function languagePicker() {
  const id = uid('lang');
  const select = h('select', { id, name: 'language', onchange: async e => {
    i18n.remember(e.target.value);
    await i18n.use(e.target.value, bases());
    render();
  } }, i18n.LANGUAGES.map(l => h('option', { value: l.tag, selected: l.tag === i18n.language(), lang: l.tag }, l.name)));
  return h('span', { class: 'language' }, h('label', { for: id }, t('shell.language')), select);
}

function renderTop() {
  clear(top);
  const { parts } = parseHash();
  const here = `#/${parts.join('/')}`;
  const entries = navEntries.filter(e => allowed(e.roles)).sort((a, b) => a.order - b.order);
  if (session.staff) entries.unshift({ href: '#/console', label: 'shell.console.nav' });
  top.append(
    h('a', { class: 'brand', href: '#/' }, t('shell.product')),
    h('nav', { 'aria-label': t('shell.nav') }, h('ul', {}, entries.map(e => h('li', {},
      h('a', { href: e.href, 'aria-current': here === e.href ? 'page' : null }, t(e.label)))))),
    h('span', { class: 'who' }, t('shell.signedInAs', { name: session.displayName })),
    languagePicker(),
    h('button', { type: 'button', id: 'sign-out', onclick: signOut }, t('shell.signOut')));
}

function renderSignIn() {
  clear(top).append(h('span', { class: 'brand' }, t('shell.product')), languagePicker());
  clear(main);
  const login = h('input', { name: 'login', id: 'login', autocomplete: 'username' });
  const password = h('input', { name: 'password', id: 'password', type: 'password', autocomplete: 'current-password' });
  const result = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', id: 'sign-in' }, t('shell.signIn.submit'));
  const form = h('form', { class: 'card narrow', onsubmit: async e => {
    e.preventDefault();
    clear(result);
    button.disabled = true;
    try {
      const answer = await call('POST', 'session', { login: login.value, password: password.value });
      await started(answer, true);
      say(t('shell.signIn.done', { name: answer.displayName }));
    } catch (err) {
      result.append(h('p', { class: 'problem', role: 'alert' },
        err instanceof ApiError && err.status === 401 ? t('shell.signIn.wrong') : problemText(err)));
    } finally {
      button.disabled = false;
    }
  } },
  h('h1', {}, t('shell.signIn.title')),
  h('p', {}, t('shell.signIn.intro')),
  field(t('shell.signIn.login'), login, null, { required: true }),
  field(t('shell.signIn.password'), password, null, { required: true }),
  button, result);
  main.append(form);
  document.title = t('shell.signIn.title');
  login.focus();
}

/** A one-time password (an administrator's, or the first administrator's) is replaced before anything else. */
function renderPasswordChange() {
  clear(top).append(h('span', { class: 'brand' }, t('shell.product')), languagePicker(),
    h('button', { type: 'button', id: 'sign-out', onclick: signOut }, t('shell.signOut')));
  clear(main);
  const current = h('input', { type: 'password', id: 'current-password', autocomplete: 'current-password' });
  const next = h('input', { type: 'password', id: 'new-password', autocomplete: 'new-password', minlength: '8' });
  const again = h('input', { type: 'password', id: 'new-password-again', autocomplete: 'new-password' });
  const result = h('div', { 'aria-live': 'polite' });
  main.append(h('form', { class: 'card narrow', onsubmit: async e => {
    e.preventDefault();
    clear(result);
    if (next.value !== again.value) {
      result.append(h('p', { class: 'problem', role: 'alert' }, t('shell.password.mismatch')));
      return;
    }
    try {
      await call('PUT', 'me/password', { currentPassword: current.value, newPassword: next.value });
    } catch (err) {
      result.append(h('p', { class: 'problem', role: 'alert' }, problemText(err)));
      return;
    }
    // The change ends every session of the user: sign in again with the new password.
    session = null;
    setCsrfToken(null);
    render();
    say(t('shell.password.changed'));
  } },
  h('h1', {}, t('shell.password.title')),
  h('p', {}, t('shell.password.intro')),
  field(t('shell.password.current'), current, null, { required: true }),
  field(t('shell.password.new'), next, t('shell.password.rule'), { required: true }),
  field(t('shell.password.again'), again, null, { required: true }),
  h('button', { type: 'submit', id: 'change-password' }, t('shell.password.submit')), result));
  current.focus();
}

async function signOut() {
  try {
    await call('DELETE', 'session');
  } catch (e) {
    // Signed out either way: the cookie is dropped or already invalid.
  }
  session = null;
  setCsrfToken(null);
  say(t('shell.signedOut'));
  history.replaceState(null, '', '/');
  render();
}

function consoleHome(container) {
  const staffModules = modules.filter(m => m.audience !== 'customer');
  container.append(
    h('h1', {}, t('shell.console.title')),
    h('p', {}, t('shell.console.intro')),
    h('h2', {}, t('shell.console.modules')),
    staffModules.length === 0 ? h('p', {}, t('shell.console.none'))
      : h('ul', { id: 'staff-modules' }, staffModules.map(m => h('li', { 'data-module': m.name },
        h('strong', {}, i18n.maybe(`${m.name}.title`) || m.name), ' ', h('span', { class: 'muted' }, `(${m.bundle})`)))),
    h('h2', {}, t('shell.console.pages')),
    h('ul', {}, navEntries.filter(e => allowed(e.roles)).map(e => h('li', {}, h('a', { href: e.href }, t(e.label))))));
}

// ---- start ----------------------------------------------------------------------------------------------------

function bases() {
  return ['/ui/shell/', ...modules.map(m => m.base)];
}

async function loadModules() {
  routes = [];
  navEntries = [];
  const listed = await fetch('/ui/modules', { credentials: 'same-origin' }).then(r => r.json()).catch(() => ({ items: [] }));
  modules = listed.items || [];
  await i18n.use(i18n.language(), bases());
  const shell = moduleApi({ name: 'shell', audience: 'all' });
  shell.route('/console', consoleHome, { roles: ['SUPPORT_ENGINEER', 'DUTY_MANAGER', 'REGIONAL_ESCALATION_MANAGER',
    'ESCALATION_ENGINEER', 'ADMINISTRATOR'] });
  for (const module of modules) {
    try {
      const loaded = await import(module.entry);
      loaded.default(moduleApi(module));
    } catch (e) {
      // One broken module must not take the others away; the console lists what is present.
      console.error(`UI module ${module.name} failed to load`, e);
    }
  }
}

async function started(answer, fresh) {
  session = answer;
  setCsrfToken(answer.csrfToken);
  const chosen = i18n.choose(answer.language);
  await i18n.use(chosen, bases());
  await loadModules();
  if (fresh && !location.hash.replace(/^#\/?/, '')) navigate(session.staff ? '#/console' : '#/portal');
  else render();
}

whenSignedOut(() => {
  if (!session) return;
  session = null;
  setCsrfToken(null);
  say(t('shell.problem.signedOut'), 'error');
  render();
});

window.addEventListener('hashchange', () => { if (session) render(); });

(async function boot() {
  await i18n.use(i18n.choose(null), ['/ui/shell/']);
  try {
    const answer = await call('GET', 'session');
    await started(answer, false);
  } catch (e) {
    session = null;
    render();
  }
})();
