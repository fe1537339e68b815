// Communication preferences: channel × category opt-ins, quiet hours, and the time zone they use.

import { portal } from './api.js';
import { fillTimeZones } from './choices.js';
import { announce, busy, clearErrors, errorBox, field, h, loading, replace, setFieldError, showBox, showError } from './ui.js';

const CATEGORIES = [
  ['appointment_reminders', 'Appointment reminders'],
  ['messages', 'New message alerts'],
  ['billing', 'Bills and payments'],
  ['marketing', 'News and offers'],
];

const CHANNELS = [
  ['email', 'Email'],
  ['sms', 'Text message'],
];

const LABELS = {
  time_zone: 'Time zone',
  quiet_hours: 'Quiet hours',
  'quiet_hours.start': 'The start of quiet hours',
  'quiet_hours.end': 'The end of quiet hours',
  email: 'Email choices',
  sms: 'Text message choices',
};

const DEFAULT_QUIET = { start: '21:00', end: '08:00' };

/**
 * @param {HTMLElement} main
 * @param {{ alive: () => boolean, failed: (err: unknown, retry: () => void) => void }} ctx
 */
export async function renderPreferences(main, ctx) {
  const heading = h('h1', { tabindex: '-1', text: 'Contact preferences' });
  replace(main, heading, loading());
  let prefs;
  try {
    prefs = await portal.preferences();
  } catch (err) {
    if (ctx.alive()) ctx.failed(err, () => renderPreferences(main, ctx));
    return;
  }
  if (!ctx.alive()) return;

  const boxes = {};
  const rows = CATEGORIES.map(([category, label]) => h('tr', {},
    h('th', { scope: 'row', text: label }),
    CHANNELS.map(([channel, channelLabel]) => {
      const box = h('input', {
        type: 'checkbox',
        name: `${channel}.${category}`,
        testid: `pref-${channel}-${category}`,
      });
      boxes[`${channel}.${category}`] = box;
      return h('td', {},
        h('label', { class: 'check-cell' }, box, h('span', { class: 'visually-hidden', text: `${label} by ${channelLabel.toLowerCase()}` })));
    })));

  const grid = h('table', { class: 'grid', testid: 'pref-grid' },
    h('caption', { text: 'Which messages would you like, and how?' }),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', text: 'Type of message' }),
      CHANNELS.map(([, label]) => h('th', { scope: 'col', text: label })))),
    h('tbody', {}, rows));

  const quietOn = h('input', { type: 'checkbox', id: 'pref-quiet-enabled', testid: 'pref-quiet-enabled' });
  const start = h('input', { type: 'time', name: 'quiet_hours.start', required: true, testid: 'pref-quiet-start', step: '60' });
  const end = h('input', { type: 'time', name: 'quiet_hours.end', required: true, testid: 'pref-quiet-end', step: '60' });
  const times = h('div', { class: 'times', testid: 'pref-quiet-times' },
    field({ label: 'From', control: start, name: 'quiet_hours.start' }),
    field({ label: 'Until', control: end, name: 'quiet_hours.end' }));
  const timeZone = h('select', { name: 'time_zone', testid: 'pref-time-zone' });
  const error = errorBox('pref-error');
  const save = h('button', { type: 'submit', class: 'button', testid: 'pref-save', text: 'Save preferences' });

  const form = h('form', { novalidate: true, class: 'stack' },
    h('section', { class: 'card' },
      h('p', { class: 'hint', text: 'Urgent messages about your care may still reach you. We never put health details in emails or texts.' }),
      h('div', { class: 'grid-wrap' }, grid)),
    h('section', { class: 'card stack' },
      h('fieldset', { class: 'stack' },
        h('legend', { text: 'Quiet hours' }),
        h('p', { class: 'hint', id: 'pref-quiet-hint', text: 'No emails or texts (except urgent ones) between these times, in your time zone.' }),
        h('div', { class: 'choice' }, quietOn, h('label', { for: 'pref-quiet-enabled', text: 'Use quiet hours' })),
        times),
      field({ label: 'Your time zone', control: timeZone, name: 'time_zone', hint: 'Used for quiet hours and appointment times.' })),
    error,
    h('div', { class: 'actions' }, save));

  function paint() {
    for (const [channel] of CHANNELS) {
      for (const [category] of CATEGORIES) {
        boxes[`${channel}.${category}`].checked = Boolean(prefs[channel] && prefs[channel][category]);
      }
    }
    quietOn.checked = Boolean(prefs.quiet_hours);
    const q = prefs.quiet_hours || DEFAULT_QUIET;
    start.value = q.start;
    end.value = q.end;
    syncQuiet();
    fillTimeZones(timeZone, prefs.time_zone);
  }

  function syncQuiet() {
    times.hidden = !quietOn.checked;
    start.disabled = !quietOn.checked;
    end.disabled = !quietOn.checked;
  }
  quietOn.addEventListener('change', syncQuiet);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, error);
    const body = { time_zone: timeZone.value, email: {}, sms: {}, quiet_hours: null };
    for (const [channel] of CHANNELS) {
      for (const [category] of CATEGORIES) body[channel][category] = boxes[`${channel}.${category}`].checked;
    }
    if (quietOn.checked) {
      const from = start.value.slice(0, 5);
      const until = end.value.slice(0, 5);
      let bad = false;
      if (!from) {
        setFieldError(start, 'Please choose when quiet hours start.');
        bad = true;
      }
      if (!until) {
        setFieldError(end, 'Please choose when quiet hours end.');
        bad = true;
      }
      if (!bad && from === until) {
        setFieldError(end, 'Quiet hours must end at a different time than they start.');
        bad = true;
      }
      if (bad) {
        showBox(error, h('p', { text: 'Please check the highlighted answers.' }));
        const first = form.querySelector('[aria-invalid="true"]');
        if (first instanceof HTMLElement) first.focus();
        return;
      }
      body.quiet_hours = { start: from, end: until };
    }
    try {
      prefs = await busy(save, 'Saving…', () => portal.savePreferences(body));
      if (!ctx.alive()) return;
      paint();
      announce('Your preferences were saved.');
    } catch (err) {
      if (!ctx.alive()) return;
      showError(error, err, { form, labels: LABELS });
      if (document.activeElement === save || document.activeElement === document.body) error.focus();
    }
  });

  paint();
  replace(main,
    heading,
    h('p', { class: 'lead', text: 'Choose how we may contact you. You can change this at any time.' }),
    form);
}
