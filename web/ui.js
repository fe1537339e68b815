// Small DOM helpers. Text always goes in through textContent, never innerHTML, so nothing the API
// returns can become markup. No inline styles or handlers (the CSP is default-src 'self').

import { ApiError, NetworkError } from './api.js';

let uid = 0;
/** A unique element id. */
export function newId(prefix) {
  uid += 1;
  return `${prefix}-${uid}`;
}

/**
 * Creates an element. Props: class, text, testid, on<event> (functions), booleans as present/absent
 * attributes, anything else as an attribute.
 * @returns {HTMLElement & any}
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = String(value);
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'testid') el.setAttribute('data-testid', String(value));
    else if (key === 'value') el.value = String(value);
    else if (key === 'checked') el.checked = Boolean(value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces all children. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
}

/**
 * A labelled form field with an optional hint and a slot for its error message. The control gets
 * `data-field` (the API field name) so problem `errors` can be shown next to it.
 */
export function field({ label, control, hint, name, optional }) {
  const id = control.id || newId('f');
  control.id = id;
  if (name) control.setAttribute('data-field', name);
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  control.setAttribute('aria-describedby', describedBy);
  return h('div', { class: 'field' },
    h('label', { for: id }, label, optional ? h('span', { class: 'optional', text: ' (optional)' }) : null),
    hint ? h('p', { class: 'hint', id: hintId, text: hint }) : null,
    h('p', { class: 'field-error', id: errorId, hidden: true }),
    control);
}

/** Shows a message under one control (or clears it with an empty message). */
export function setFieldError(control, message) {
  const errorId = `${control.id}-error`;
  const slot = document.getElementById(errorId);
  if (message) {
    control.setAttribute('aria-invalid', 'true');
    if (slot) {
      slot.textContent = message;
      slot.hidden = false;
    }
  } else {
    control.removeAttribute('aria-invalid');
    if (slot) {
      slot.textContent = '';
      slot.hidden = true;
    }
  }
}

export function clearErrors(form, box) {
  for (const control of form.querySelectorAll('[aria-invalid]')) setFieldError(control, '');
  if (box) hideBox(box);
}

/** An alert box (role=alert) that starts hidden. */
export function errorBox(testid) {
  return h('div', { class: 'alert alert-error', role: 'alert', testid, hidden: true, tabindex: '-1' });
}

export function showBox(box, ...content) {
  replace(box, ...content);
  box.hidden = false;
}

export function hideBox(box) {
  box.replaceChildren();
  box.hidden = true;
}

function sentence(text) {
  const t = String(text).trim();
  if (!t) return t;
  const first = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/**
 * Shows an error: the problem's detail in the box and each field error under its control.
 * `labels` maps API field names to the words the patient sees.
 */
export function showError(box, err, { form, labels = {} } = {}) {
  if (!(err instanceof ApiError) && !(err instanceof NetworkError)) {
    showBox(box, h('p', { text: 'Something went wrong. Please try again.' }));
    return;
  }
  const lines = [];
  const unplaced = [];
  if (err instanceof ApiError && err.fieldErrors.length) {
    for (const fe of err.fieldErrors) {
      const label = labels[fe.field] || fe.field.replace(/_/g, ' ');
      const message = sentence(`${label} ${fe.detail}`);
      const control = form ? form.querySelector(`[data-field="${CSS.escape(fe.field)}"]`) : null;
      if (control) setFieldError(control, message);
      else unplaced.push(message);
    }
    const placed = err.fieldErrors.length - unplaced.length;
    lines.push(placed > 0 ? 'Please check the highlighted answers.' : sentence(err.message));
  } else {
    lines.push(sentence(err.message));
  }
  if (err instanceof ApiError && err.status >= 500 && err.requestId && !err.message.includes(err.requestId)) {
    lines.push(`If this keeps happening, tell the practice this reference: ${err.requestId}.`);
  }
  showBox(box,
    ...lines.map((text) => h('p', { text })),
    unplaced.length ? h('ul', {}, unplaced.map((text) => h('li', { text }))) : null);
  const firstInvalid = form ? form.querySelector('[aria-invalid="true"]') : null;
  if (firstInvalid instanceof HTMLElement) firstInvalid.focus();
}

let announceTimer = 0;
let hideTimer = 0;

/** Puts a short message in the page's polite live region (shown as a banner for 10 seconds). */
export function announce(text) {
  const region = document.getElementById('status');
  if (!region) return;
  window.clearTimeout(announceTimer);
  window.clearTimeout(hideTimer);
  region.textContent = '';
  region.hidden = !text;
  if (text) {
    // A fresh text node after a tick so screen readers announce repeats too.
    announceTimer = window.setTimeout(() => {
      region.textContent = text;
    }, 30);
    hideTimer = window.setTimeout(() => {
      region.hidden = true;
    }, 10_000);
  }
}

export function clearAnnouncement() {
  const region = document.getElementById('status');
  window.clearTimeout(announceTimer);
  window.clearTimeout(hideTimer);
  if (region) {
    region.textContent = '';
    region.hidden = true;
  }
}

/** A button that shows it is busy while `work` runs and cannot be pressed twice. */
export async function busy(button, busyLabel, work) {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = busyLabel;
  try {
    return await work();
  } finally {
    if (button.isConnected) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
      button.textContent = label;
    }
  }
}

/**
 * Asks for confirmation in a modal dialog. Resolves true only if the patient confirms.
 * @returns {Promise<boolean>}
 */
export function confirmDialog({ title, body, confirmLabel, cancelLabel, testid, danger }) {
  return new Promise((resolve) => {
    const titleId = newId('dlg-title');
    const yes = h('button', { type: 'button', class: danger ? 'button button-danger' : 'button', testid: `${testid}-yes`, text: confirmLabel });
    const no = h('button', { type: 'button', class: 'button button-secondary', testid: `${testid}-no`, text: cancelLabel });
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId, testid },
      h('h2', { id: titleId, text: title }),
      ...(Array.isArray(body) ? body : [body]).map((p) => h('p', { text: p })),
      h('div', { class: 'actions' }, yes, no));
    let answered = false;
    const finish = (answer) => {
      if (answered) return;
      answered = true;
      if (dialog.open) dialog.close();
      dialog.remove();
      resolve(answer);
    };
    yes.addEventListener('click', () => finish(true));
    no.addEventListener('click', () => finish(false));
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      finish(false);
    });
    dialog.addEventListener('close', () => finish(false));
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}

/**
 * Counts down `seconds` on a button (disabled meanwhile), then restores it.
 * Returns a function that stops the countdown early.
 */
export function countdown(button, seconds, template) {
  const label = button.textContent;
  let left = Math.max(1, Math.ceil(seconds));
  button.disabled = true;
  const paint = () => {
    button.textContent = template(left);
  };
  paint();
  const timer = window.setInterval(() => {
    left -= 1;
    if (left <= 0 || !button.isConnected) {
      stop();
      return;
    }
    paint();
  }, 1000);
  function stop() {
    window.clearInterval(timer);
    if (button.isConnected) {
      button.disabled = false;
      button.textContent = label;
    }
  }
  return stop;
}

/** Plain wait text: "1 minute", "45 seconds", "2 minutes". */
export function waitText(seconds) {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 90) return `${s} ${s === 1 ? 'second' : 'seconds'}`;
  const m = Math.ceil(s / 60);
  return `${m} ${m === 1 ? 'minute' : 'minutes'}`;
}

/** "July 2, 1984" from "1984-07-02", without time-zone drift. */
export function formatDate(isoDate) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(isoDate || ''));
  if (!m) return String(isoDate || '');
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

/** A timestamp in the patient's zone, e.g. "March 3, 2025 at 4:05 PM". */
export function formatDateTime(iso, timeZone) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  try {
    return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short', timeZone: timeZone || undefined }).format(d);
  } catch {
    return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short' }).format(d);
  }
}

/** "(555) 555-0101" for a North American number in E.164; anything else as it is. */
export function formatPhone(e164) {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(String(e164 || ''));
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : String(e164 || '');
}

/** Loading placeholder for a screen. */
export function loading(text = 'Loading…') {
  return h('p', { class: 'loading', role: 'status', testid: 'loading', text });
}
