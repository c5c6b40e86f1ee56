// The API as the UI calls it: same origin, the session cookie, and the session's CSRF token on every request that
// changes data. Answers that are not 2xx become an ApiError carrying the problem (RFC 9457) the platform sent.
const BASE = '/api/v1/';
let csrf = null;
let onSignedOut = () => {};

export function setCsrfToken(token) {
  csrf = token;
}

export function whenSignedOut(handler) {
  onSignedOut = handler;
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && (problem.detail || problem.title) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

function headers(method, json) {
  const h = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
  if (json) h['Content-Type'] = 'application/json; charset=utf-8';
  if (method !== 'GET' && csrf) h['X-CSRF-Token'] = csrf;
  return h;
}

export async function call(method, path, body, extraHeaders = {}) {
  let response;
  try {
    response = await fetch(BASE + path, {
      method,
      credentials: 'same-origin',
      headers: { ...headers(method, body !== undefined), ...extraHeaders },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, { title: 'network' });
  }
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const error = new ApiError(response.status, data);
    if (response.status === 401 && !path.startsWith('session')) onSignedOut(error);
    throw error;
  }
  return data;
}

export const api = {
  get: path => call('GET', path),
  post: (path, body, extra) => call('POST', path, body === undefined ? {} : body, extra),
  put: (path, body) => call('PUT', path, body),
  del: path => call('DELETE', path),
};

/**
 * Uploads one file as multipart/form-data (part "file") with XMLHttpRequest, whose upload events tell the progress
 * of large files: onProgress(sentBytes, totalBytes).
 */
export function upload(path, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', BASE + path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.addEventListener('progress', e => {
      if (e.lengthComputable) onProgress(e.loaded, e.total);
    });
    xhr.addEventListener('load', () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(file.size, file.size);
        resolve(data);
      } else {
        reject(new ApiError(xhr.status, data));
      }
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, { title: 'network' })));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
