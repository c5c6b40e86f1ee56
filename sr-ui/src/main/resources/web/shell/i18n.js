// Messages per module (messages.<language>.json beside each module's code), English and Simplified Chinese. The
// language is the user's choice (remembered in this browser), else the one the platform writes to them in, else
// the browser's.
export const LANGUAGES = [
  { tag: 'en', name: 'English' },
  { tag: 'zh-CN', name: '简体中文' },
];
const STORE_KEY = 'sr.language';
const messages = {};
let current = 'en';

export function supported(tag) {
  if (!tag) return null;
  const lower = String(tag).toLowerCase();
  if (lower.startsWith('zh')) return 'zh-CN';
  if (lower.startsWith('en')) return 'en';
  return null;
}

/** The language to use before and after sign-in. */
export function choose(userLanguage) {
  let chosen = null;
  try { chosen = supported(localStorage.getItem(STORE_KEY)); } catch (e) { /* storage off: not remembered */ }
  if (!chosen) chosen = supported(userLanguage);
  if (!chosen) {
    for (const tag of navigator.languages || [navigator.language]) {
      chosen = supported(tag);
      if (chosen) break;
    }
  }
  return chosen || 'en';
}

export function remember(tag) {
  try { localStorage.setItem(STORE_KEY, tag); } catch (e) { /* storage off: for this page only */ }
}

export function language() {
  return current;
}

export async function use(tag, bases) {
  current = tag;
  document.documentElement.lang = tag;
  for (const key of Object.keys(messages)) delete messages[key];
  await Promise.all(bases.map(base => load(base)));
}

/** Adds a module's messages in the current language (English where a file is missing, so nothing is blank). */
export async function load(base) {
  for (const tag of current === 'en' ? ['en'] : ['en', current]) {
    const response = await fetch(`${base}messages.${tag}.json`, { credentials: 'same-origin' });
    if (response.ok) Object.assign(messages, await response.json());
  }
}

/** A message with {name} placeholders filled in as text. */
export function t(key, params = {}) {
  const text = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (params[name] === undefined ? m : String(params[name])));
}

/** A message, or null when none exists (optional labels such as a feature's name). */
export function maybe(key) {
  return Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : null;
}
