// Profile: view and edit names, pronouns, language and time zone; change email or phone with a code.

import { ApiError, portal } from './api.js';
import { fillLanguages, fillTimeZones, languageName, timeZoneName } from './choices.js';
import {
  announce, busy, clearErrors, countdown, errorBox, field, formatDate, formatPhone, h, loading, replace, setFieldError, showBox,
  showError, waitText,
} from './ui.js';

const LABELS = {
  given_name: 'First name',
  family_name: 'Last name',
  preferred_name: 'Preferred name',
  pronouns: 'Pronouns',
  language: 'Language',
  time_zone: 'Time zone',
  email: 'Email address',
  phone: 'Mobile number',
  date_of_birth: 'Date of birth',
  code: 'The code',
  challenge_id: 'The confirmation',
};

const CONTACT = {
  email: {
    field: 'email',
    noun: 'email address',
    label: 'New email address',
    type: 'email',
    autocomplete: 'email',
    inputmode: 'email',
  },
  sms: {
    field: 'phone',
    noun: 'mobile number',
    label: 'New mobile number',
    type: 'tel',
    autocomplete: 'tel',
    inputmode: 'tel',
  },
};

/** Collapses runs of white space, as the server does for names. */
function tidy(value) {
  return value.trim().replace(/\s+/g, ' ');
}

/**
 * @param {HTMLElement} main
 * @param {{ alive: () => boolean, failed: (err: unknown, retry: () => void) => void }} ctx
 */
export async function renderProfile(main, ctx) {
  const heading = h('h1', { tabindex: '-1', text: 'Your details' });
  replace(main, heading, loading());
  let profile;
  try {
    profile = await portal.me();
  } catch (err) {
    if (ctx.alive()) ctx.failed(err, () => renderProfile(main, ctx));
    return;
  }
  if (!ctx.alive()) return;

  const details = h('section', { class: 'card', 'aria-labelledby': 'details-title', testid: 'profile-details' });
  const contact = h('section', { class: 'card', 'aria-labelledby': 'contact-title', testid: 'profile-contact' });
  replace(main, heading, details, contact);
  showDetails();
  showContact();

  function row(label, value, testid, note) {
    return h('div', { class: 'row' },
      h('dt', { text: label }),
      h('dd', {},
        value
          ? h('span', { testid, text: value })
          : h('span', { class: 'muted', testid, 'data-empty': 'true', text: 'Not given' }),
        note ? h('span', { class: 'hint', text: note }) : null));
  }

  function showDetails(focus) {
    const title = h('h2', { id: 'details-title', tabindex: '-1', text: 'Personal details' });
    const edit = h('button', { type: 'button', class: 'button button-secondary', testid: 'profile-edit', text: 'Edit details' });
    edit.addEventListener('click', editDetails);
    replace(details,
      title,
      h('dl', { class: 'details', testid: 'profile-view' },
        row('First name', profile.given_name, 'profile-given-name'),
        row('Last name', profile.family_name, 'profile-family-name'),
        row('Preferred name', profile.preferred_name, 'profile-preferred-name'),
        row('Pronouns', profile.pronouns, 'profile-pronouns'),
        row('Date of birth', formatDate(profile.date_of_birth), 'profile-dob', 'To correct this, please contact your practice.'),
        row('Language', languageName(profile.language), 'profile-language'),
        row('Time zone', timeZoneName(profile.time_zone), 'profile-time-zone')),
      h('div', { class: 'actions' }, edit));
    if (focus) title.focus();
  }

  function editDetails() {
    const given = h('input', { name: 'given_name', autocomplete: 'given-name', required: true, testid: 'profile-input-given-name', value: profile.given_name });
    const family = h('input', { name: 'family_name', autocomplete: 'family-name', required: true, testid: 'profile-input-family-name', value: profile.family_name });
    const preferred = h('input', { name: 'preferred_name', autocomplete: 'nickname', testid: 'profile-input-preferred-name', value: profile.preferred_name || '' });
    const pronouns = h('input', { name: 'pronouns', testid: 'profile-input-pronouns', value: profile.pronouns || '', autocomplete: 'off' });
    const language = h('select', { name: 'language', testid: 'profile-input-language' });
    fillLanguages(language, profile.language);
    const timeZone = h('select', { name: 'time_zone', testid: 'profile-input-time-zone' });
    fillTimeZones(timeZone, profile.time_zone);
    const error = errorBox('profile-error');
    const save = h('button', { type: 'submit', class: 'button', testid: 'profile-save', text: 'Save changes' });
    const cancel = h('button', { type: 'button', class: 'button button-secondary', testid: 'profile-cancel', text: 'Cancel' });

    const form = h('form', { novalidate: true, class: 'stack', testid: 'profile-form' },
      h('h2', { id: 'details-title', tabindex: '-1', text: 'Edit personal details' }),
      field({ label: 'First name', control: given, name: 'given_name' }),
      field({ label: 'Last name', control: family, name: 'family_name' }),
      field({ label: 'Preferred name', control: preferred, name: 'preferred_name', optional: true, hint: 'The name you would like us to use. Leave empty to use your first name.' }),
      field({ label: 'Pronouns', control: pronouns, name: 'pronouns', optional: true, hint: 'For example: she/her, he/him, they/them.' }),
      field({ label: 'Language', control: language, name: 'language', hint: 'The language you would like us to use with you.' }),
      field({ label: 'Time zone', control: timeZone, name: 'time_zone' }),
      h('p', { class: 'hint', text: `Date of birth: ${formatDate(profile.date_of_birth)}. To correct it, please contact your practice.` }),
      error,
      h('div', { class: 'actions' }, save, cancel));

    cancel.addEventListener('click', () => showDetails(true));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form, error);
      const patch = {};
      const problems = [];
      for (const [input, name] of [[given, 'given_name'], [family, 'family_name']]) {
        const value = tidy(input.value);
        if (!value) {
          setFieldError(input, `Please enter your ${LABELS[name].toLowerCase()}.`);
          problems.push(name);
        } else if (value !== profile[name]) {
          patch[name] = value;
        }
      }
      const pref = tidy(preferred.value);
      if (pref !== (profile.preferred_name || '')) patch.preferred_name = pref === '' ? null : pref;
      const pro = pronouns.value.trim();
      if (pro !== (profile.pronouns || '')) patch.pronouns = pro === '' ? null : pro;
      if (language.value && language.value !== profile.language) patch.language = language.value;
      if (timeZone.value && timeZone.value !== profile.time_zone) patch.time_zone = timeZone.value;
      if (problems.length) {
        showBox(error, h('p', { text: 'Please check the highlighted answers.' }));
        const first = form.querySelector('[aria-invalid="true"]');
        if (first instanceof HTMLElement) first.focus();
        return;
      }
      if (Object.keys(patch).length === 0) {
        showDetails(true);
        announce('Nothing changed.');
        return;
      }
      try {
        const updated = await busy(save, 'Saving…', () => portal.updateMe(patch));
        if (!ctx.alive()) return;
        profile = updated.profile;
        showDetails(true);
        announce('Your details were saved.');
      } catch (err) {
        if (ctx.alive()) showError(error, err, { form, labels: LABELS });
      }
    });

    replace(details, form);
    given.focus();
  }

  function showContact(focus) {
    const title = h('h2', { id: 'contact-title', tabindex: '-1', text: 'Contact details' });
    const changeEmail = h('button', { type: 'button', class: 'button button-secondary', testid: 'contact-change-email', text: profile.email ? 'Change email' : 'Add email' });
    const changePhone = h('button', { type: 'button', class: 'button button-secondary', testid: 'contact-change-sms', text: profile.phone ? 'Change mobile number' : 'Add mobile number' });
    changeEmail.addEventListener('click', () => changeContact('email'));
    changePhone.addEventListener('click', () => changeContact('sms'));
    replace(contact,
      title,
      h('p', { class: 'hint', text: 'We send sign-in codes and reminders here.' }),
      h('dl', { class: 'details' },
        row('Email', profile.email, 'profile-email'),
        row('Mobile', profile.phone ? formatPhone(profile.phone) : null, 'profile-phone')),
      h('div', { class: 'actions' }, changeEmail, changePhone));
    if (focus) title.focus();
  }

  function changeContact(channel) {
    const c = CONTACT[channel];
    const input = h('input', {
      name: c.field, type: c.type, autocomplete: c.autocomplete, inputmode: c.inputmode, required: true,
      testid: `contact-input-${channel}`, spellcheck: 'false', autocapitalize: 'off',
    });
    const error = errorBox('contact-error');
    const send = h('button', { type: 'submit', class: 'button', testid: 'contact-send', text: 'Send me a code' });
    const cancel = h('button', { type: 'button', class: 'button button-secondary', testid: 'contact-cancel', text: 'Cancel' });
    const form = h('form', { novalidate: true, class: 'stack' },
      h('h2', { id: 'contact-title', tabindex: '-1', text: `Change your ${c.noun}` }),
      field({
        label: c.label, control: input, name: c.field,
        hint: 'We will send a code there to make sure it is yours. Until you confirm it, we keep using your current one.',
      }),
      error,
      h('div', { class: 'actions' }, send, cancel));
    cancel.addEventListener('click', () => showContact(true));

    const requestCode = async (button, value) => {
      const updated = await busy(button, 'Sending…', () => portal.updateMe({ [c.field]: value }));
      profile = updated.profile;
      return updated.verification;
    };

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form, error);
      const value = input.value.trim();
      if (!value) {
        setFieldError(input, `Please enter your new ${c.noun}.`);
        input.focus();
        return;
      }
      try {
        const verification = await requestCode(send, value);
        if (!ctx.alive()) return;
        if (!verification) {
          showContact(true);
          announce(`That is already your ${c.noun}. Nothing changed.`);
          return;
        }
        confirmStep(value, verification);
      } catch (err) {
        if (!ctx.alive()) return;
        if (err instanceof ApiError && err.status === 429) {
          showBox(error, h('p', { text: `For your security, please wait ${waitText(err.retryAfter ?? 60)} before asking for another code.` }));
          countdown(send, err.retryAfter ?? 60, (s) => `Send me a code (wait ${s} s)`);
        } else {
          showError(error, err, { form, labels: LABELS });
        }
      }
    });

    function confirmStep(value, verification) {
      let pending = verification;
      const code = h('input', {
        name: 'code', type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]*',
        required: true, class: 'code-input', testid: 'contact-code', spellcheck: 'false',
      });
      const codeError = errorBox('contact-error');
      const status = h('p', { class: 'status-line', role: 'status', testid: 'contact-status' });
      const confirm = h('button', { type: 'submit', class: 'button', testid: 'contact-confirm', text: 'Confirm' });
      const resend = h('button', { type: 'button', class: 'button button-secondary', testid: 'contact-resend', text: 'Send a new code' });
      const back = h('button', { type: 'button', class: 'link-button', testid: 'contact-cancel', text: 'Cancel' });
      const sentTo = h('strong', { testid: 'contact-dest', text: pending.destination });
      const codeForm = h('form', { novalidate: true, class: 'stack' },
        h('h2', { id: 'contact-title', tabindex: '-1', text: `Confirm your new ${c.noun}` }),
        h('p', {}, 'We sent a 6-digit code to ', sentTo, '. Enter it here to finish the change.'),
        field({ label: '6-digit code', control: code, name: 'code' }),
        codeError,
        status,
        h('div', { class: 'actions' }, confirm, resend),
        back);
      back.addEventListener('click', () => showContact(true));

      codeForm.addEventListener('submit', async (event) => {
        event.preventDefault();
        clearErrors(codeForm, codeError);
        status.textContent = '';
        const digits = code.value.replace(/[\s-]/g, '');
        if (!/^\d{6}$/.test(digits)) {
          setFieldError(code, 'Please enter the 6 digits from your message.');
          code.focus();
          return;
        }
        try {
          const saved = await busy(confirm, 'Checking…', () => portal.verifyContact(pending.challenge_id, digits));
          if (!ctx.alive()) return;
          profile = saved;
          showContact(true);
          announce(`Your ${c.noun} was updated.`);
        } catch (err) {
          if (!ctx.alive()) return;
          code.value = '';
          showError(codeError, err, { form: codeForm, labels: LABELS });
          code.focus();
        }
      });

      resend.addEventListener('click', async () => {
        clearErrors(codeForm, codeError);
        status.textContent = '';
        try {
          const next = await requestCode(resend, value);
          if (!ctx.alive()) return;
          if (next) {
            pending = next;
            sentTo.textContent = next.destination;
          }
          status.textContent = 'We sent a new code. Please use the newest one.';
        } catch (err) {
          if (!ctx.alive()) return;
          if (err instanceof ApiError && err.status === 429) {
            showBox(codeError, h('p', { text: `For your security, please wait ${waitText(err.retryAfter ?? 60)} before asking for a new code.` }));
            countdown(resend, err.retryAfter ?? 60, (s) => `Send a new code (wait ${s} s)`);
          } else {
            showError(codeError, err, { form: codeForm, labels: LABELS });
          }
        }
      });

      replace(contact, codeForm);
      code.focus();
    }

    replace(contact, form);
    input.focus();
  }
}
