// Sign-in: by a 6-digit code sent by email or text, or by an invitation link.

import { ApiError, adoptSession, auth } from './api.js';
import {
  busy, clearErrors, countdown, errorBox, field, h, hideBox, replace, setFieldError, showBox, showError, waitText,
} from './ui.js';

const CHANNELS = {
  email: {
    label: 'Email address',
    hint: 'Use the email address your practice has on file.',
    type: 'email',
    autocomplete: 'email',
    inputmode: 'email',
    sentVerb: 'emailed',
  },
  sms: {
    label: 'Mobile phone number',
    hint: 'Use the mobile number your practice has on file, for example (555) 555-0123.',
    type: 'tel',
    autocomplete: 'tel',
    inputmode: 'tel',
    sentVerb: 'texted',
  },
};

const LABELS = { address: 'Your email address or phone number', code: 'The code', channel: 'The way to send the code' };

function looksValid(channel, value) {
  if (channel === 'email') return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
  return value.replace(/\D/g, '').length >= 10;
}

function waitMessage(err, what) {
  const seconds = err.retryAfter ?? 60;
  return `For your security, please wait ${waitText(seconds)} before ${what}.`;
}

/**
 * The sign-in screen.
 * @param {HTMLElement} main
 * @param {{ alive: () => boolean, signedIn: () => void }} ctx
 * @param {{ notice?: { text: string, tone: 'info' | 'error' } }} [options]
 */
export function renderSignIn(main, ctx, options = {}) {
  const state = { channel: 'email', address: '', challengeId: '', expiresIn: 600 };
  const heading = h('h1', { tabindex: '-1', text: 'Sign in' });
  const notice = options.notice
    ? h('div', {
      class: `alert alert-${options.notice.tone}`,
      role: options.notice.tone === 'error' ? 'alert' : 'status',
      testid: 'signin-notice',
    }, h('p', { text: options.notice.text }))
    : null;
  const step = h('div', { class: 'stack' });
  replace(main, h('section', { class: 'card narrow', testid: 'signin' }, heading, notice, step));
  addressStep();

  function addressStep() {
    const error = errorBox('signin-error');
    const radios = Object.keys(CHANNELS).map((channel) => h('input', {
      type: 'radio',
      name: 'channel',
      value: channel,
      id: `signin-channel-${channel}`,
      testid: `signin-channel-${channel}`,
      checked: state.channel === channel,
    }));
    const address = h('input', { name: 'address', required: true, testid: 'signin-address', spellcheck: 'false', autocapitalize: 'off' });
    const addressField = field({ label: '', control: address, hint: ' ', name: 'address' });
    const label = addressField.querySelector('label');
    const hint = addressField.querySelector('.hint');
    const send = h('button', { type: 'submit', class: 'button', testid: 'signin-send', text: 'Send me a code' });

    const applyChannel = () => {
      const c = CHANNELS[state.channel];
      label.textContent = c.label;
      hint.textContent = c.hint;
      address.type = c.type;
      address.autocomplete = c.autocomplete;
      address.setAttribute('inputmode', c.inputmode);
      setFieldError(address, '');
    };

    const form = h('form', { novalidate: true, class: 'stack', 'aria-describedby': 'signin-intro' },
      h('p', { id: 'signin-intro', text: 'We will send you a 6-digit code to sign in. No password needed.' }),
      h('fieldset', { class: 'choices' },
        h('legend', { text: 'How should we send your code?' }),
        h('div', { class: 'choice' }, radios[0], h('label', { for: radios[0].id, text: 'By email' })),
        h('div', { class: 'choice' }, radios[1], h('label', { for: radios[1].id, text: 'By text message' }))),
      addressField,
      error,
      h('div', { class: 'actions' }, send));

    for (const radio of radios) {
      radio.addEventListener('change', () => {
        if (radio.checked) {
          state.channel = radio.value;
          address.value = '';
          applyChannel();
        }
      });
    }
    applyChannel();
    if (state.address) address.value = state.address;

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (send.disabled) return;
      clearErrors(form, error);
      const value = address.value.trim();
      if (!value || !looksValid(state.channel, value)) {
        setFieldError(address, state.channel === 'email'
          ? 'Please enter your email address, like name@example.com.'
          : 'Please enter your mobile number, including the area code.');
        showBox(error, h('p', { text: 'Please check the highlighted answer.' }));
        address.focus();
        return;
      }
      try {
        const sent = await busy(send, 'Sending…', () => auth.startCode(state.channel, value));
        if (!ctx.alive()) return;
        state.address = value;
        state.challengeId = sent.challenge_id;
        state.expiresIn = Number(sent.expires_in) || 600;
        codeStep();
      } catch (err) {
        if (!ctx.alive()) return;
        if (err instanceof ApiError && err.status === 429) {
          showBox(error, h('p', { text: waitMessage(err, 'asking for another code') }));
          countdown(send, err.retryAfter ?? 60, (s) => `Send me a code (wait ${s} s)`);
        } else {
          showError(error, err, { form, labels: LABELS });
        }
      }
    });

    replace(step, form);
  }

  function codeStep() {
    const c = CHANNELS[state.channel];
    const error = errorBox('signin-error');
    const status = h('p', { class: 'status-line', role: 'status', testid: 'signin-status' });
    const code = h('input', {
      name: 'code',
      type: 'text',
      inputmode: 'numeric',
      autocomplete: 'one-time-code',
      pattern: '[0-9]*',
      required: true,
      class: 'code-input',
      testid: 'signin-code',
      spellcheck: 'false',
    });
    const verify = h('button', { type: 'submit', class: 'button', testid: 'signin-verify', text: 'Sign in' });
    const resend = h('button', { type: 'button', class: 'button button-secondary', testid: 'signin-resend', text: 'Send a new code' });
    const change = h('button', { type: 'button', class: 'link-button', testid: 'signin-change', text: 'Use a different email or number' });
    const minutes = Math.max(1, Math.round(state.expiresIn / 60));
    const intro = h('p', { testid: 'signin-sent' },
      `If `, h('strong', { text: state.address }), ` matches our records, we ${c.sentVerb} you a 6-digit code. `,
      `It works for ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`);

    const form = h('form', { novalidate: true, class: 'stack' },
      h('h2', { text: 'Enter your code' }),
      intro,
      field({ label: '6-digit code', control: code, name: 'code', hint: 'Only numbers. Do not share this code with anyone.' }),
      error,
      status,
      h('div', { class: 'actions' }, verify, resend),
      change);

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form, error);
      status.textContent = '';
      const value = code.value.replace(/[\s-]/g, '');
      if (!/^\d{6}$/.test(value)) {
        setFieldError(code, 'Please enter the 6 digits from your message.');
        showBox(error, h('p', { text: 'Please check the highlighted answer.' }));
        code.focus();
        return;
      }
      try {
        const signed = await busy(verify, 'Checking…', () => auth.verifyCode(state.challengeId, value));
        if (!ctx.alive()) return;
        adoptSession(signed);
        state.address = '';
        ctx.signedIn();
      } catch (err) {
        if (!ctx.alive()) return;
        code.value = '';
        if (err instanceof ApiError && err.status === 429) {
          showBox(error, h('p', { text: waitMessage(err, 'trying again') }));
          countdown(verify, err.retryAfter ?? 60, (s) => `Sign in (wait ${s} s)`);
          return;
        }
        showError(error, err, { form, labels: LABELS });
        if (err instanceof ApiError && err.status === 401 && /no longer valid/i.test(err.message)) {
          showBox(error,
            h('p', { text: err.message }),
            h('p', { text: 'Press “Send a new code” to get a new one.' }));
          resend.focus();
        } else {
          code.focus();
        }
      }
    });

    resend.addEventListener('click', async () => {
      clearErrors(form, error);
      status.textContent = '';
      try {
        const sent = await busy(resend, 'Sending…', () => auth.startCode(state.channel, state.address));
        if (!ctx.alive()) return;
        state.challengeId = sent.challenge_id;
        state.expiresIn = Number(sent.expires_in) || state.expiresIn;
        code.value = '';
        status.textContent = 'We sent a new code. Please use the newest one; older codes no longer work.';
        code.focus();
      } catch (err) {
        if (!ctx.alive()) return;
        if (err instanceof ApiError && err.status === 429) {
          showBox(error, h('p', { text: waitMessage(err, 'asking for a new code') }));
          countdown(resend, err.retryAfter ?? 60, (s) => `Send a new code (wait ${s} s)`);
        } else {
          showError(error, err, { form, labels: LABELS });
        }
      }
    });

    change.addEventListener('click', () => {
      hideBox(error);
      state.challengeId = '';
      addressStep();
      const input = step.querySelector('[data-testid="signin-address"]');
      if (input instanceof HTMLElement) input.focus();
    });

    replace(step, form);
    code.focus();
  }
}

/**
 * Redeems an invitation token (already removed from the URL by the router).
 * @param {HTMLElement} main
 * @param {{ alive: () => boolean, signedIn: () => void, signInWith: (notice: any) => void }} ctx
 * @param {string} token
 */
export async function renderInvite(main, ctx, token) {
  replace(main, h('section', { class: 'card narrow', testid: 'invite' },
    h('h1', { tabindex: '-1', text: 'Welcome' }),
    h('p', { class: 'loading', role: 'status', text: 'Opening your invitation…' })));
  try {
    const signed = await auth.redeemLink(token);
    if (!ctx.alive()) return;
    adoptSession(signed);
    ctx.signedIn();
  } catch (err) {
    if (!ctx.alive()) return;
    const reason = err instanceof ApiError && err.status === 401
      ? err.message
      : 'We could not open this invitation link.';
    ctx.signInWith({ tone: 'error', text: `${reason} You can sign in below with a code sent to your email or phone instead.` });
  }
}
