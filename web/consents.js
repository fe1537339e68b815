// Consents: the practice's documents, the patient's decision on each, accept or withdraw.

import { portal } from './api.js';
import { announce, busy, confirmDialog, errorBox, formatDateTime, h, hideBox, loading, replace, showError } from './ui.js';

const STATUS = {
  accepted: { label: 'You agreed', tone: 'ok' },
  outdated: { label: 'Updated since you agreed: please review', tone: 'warn' },
  revoked: { label: 'You withdrew your consent', tone: 'muted' },
  not_given: { label: 'Not answered yet', tone: 'warn' },
};

/** The document's consent URL, only if it is a plain http(s) link. */
function safeUrl(url) {
  try {
    const parsed = new URL(url, location.origin);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * @param {HTMLElement} main
 * @param {{ alive: () => boolean, failed: (err: unknown, retry: () => void) => void }} ctx
 */
export async function renderConsents(main, ctx) {
  const heading = h('h1', { tabindex: '-1', text: 'Consents and agreements' });
  replace(main, heading, loading());
  // Dates are shown in the device's own time zone.
  const timeZone = undefined;
  let view;
  try {
    view = await portal.consents();
  } catch (err) {
    if (ctx.alive()) ctx.failed(err, () => renderConsents(main, ctx));
    return;
  }
  if (!ctx.alive()) return;

  const error = errorBox('consent-error');
  const list = h('div', { class: 'stack', testid: 'consent-list' });
  const history = h('div', {});
  replace(main,
    heading,
    h('p', { class: 'lead', text: 'Your practice asks you to read and answer these. You can change your answer at any time.' }),
    error,
    list,
    history);
  paint();

  function paint(focusKind) {
    const titles = new Map(view.consents.map((c) => [c.kind, c.title]));
    replace(list, view.consents.map(card));
    replace(history, historyBlock(titles));
    if (focusKind) {
      const status = list.querySelector(`[data-testid="consent-status-${CSS.escape(focusKind)}"]`);
      if (status instanceof HTMLElement) status.focus();
    }
  }

  function card(c) {
    const s = STATUS[c.status] || { label: c.status, tone: 'muted' };
    const url = safeUrl(c.url);
    const titleId = `consent-title-${c.kind}`;
    const decided = c.decided_at
      ? `${c.status === 'revoked' ? 'Withdrawn' : 'Agreed'} on ${formatDateTime(c.decided_at, timeZone)} (version ${c.decided_version}).`
      : '';
    const actions = h('div', { class: 'actions' });
    if (c.status !== 'accepted') {
      const accept = h('button', {
        type: 'button', class: 'button', testid: `consent-accept-${c.kind}`,
        text: c.status === 'outdated' ? 'I agree to the new version' : 'I agree',
        'aria-describedby': titleId,
      });
      accept.addEventListener('click', () => decide(accept, c, 'accept'));
      actions.append(accept);
    }
    if ((c.status === 'accepted' || c.status === 'outdated') && c.decided_version) {
      const revoke = h('button', {
        type: 'button', class: 'button button-secondary', testid: `consent-revoke-${c.kind}`,
        text: 'Withdraw consent', 'aria-describedby': titleId,
      });
      revoke.addEventListener('click', () => decide(revoke, c, 'revoke'));
      actions.append(revoke);
    }
    return h('article', { class: 'card consent', testid: `consent-${c.kind}`, 'data-status': c.status, 'aria-labelledby': titleId },
      h('h2', { id: titleId }, c.title, c.required ? h('span', { class: 'badge', text: 'Required' }) : null),
      h('p', { text: c.summary }),
      url
        ? h('p', {}, h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text: 'Read the full document' }),
          h('span', { class: 'hint', text: ` (version ${c.current_version}, opens in a new tab)` }))
        : h('p', { class: 'hint', text: `Version ${c.current_version}` }),
      h('p', { class: `status status-${s.tone}`, testid: `consent-status-${c.kind}`, 'data-status': c.status, tabindex: '-1' },
        h('span', { class: 'visually-hidden', text: 'Your answer: ' }), s.label),
      decided ? h('p', { class: 'hint', text: decided }) : null,
      actions);
  }

  async function decide(button, c, decision) {
    hideBox(error);
    let version = c.current_version;
    if (decision === 'revoke') {
      version = c.decided_version;
      const ok = await confirmDialog({
        title: `Withdraw your consent to “${c.title}”?`,
        body: [
          'Your practice will be told that you no longer agree.',
          c.required
            ? 'This one is required: your practice may contact you about it, and some services may not be available.'
            : 'You can agree again at any time.',
        ],
        confirmLabel: 'Yes, withdraw',
        cancelLabel: 'No, keep my consent',
        testid: 'consent-confirm',
        danger: true,
      });
      if (!ok || !ctx.alive()) {
        if (button.isConnected) button.focus();
        return;
      }
    }
    try {
      view = await busy(button, 'Saving…', () => portal.decideConsent(c.kind, version, decision));
      if (!ctx.alive()) return;
      paint(c.kind);
      announce(decision === 'accept' ? `Thank you. You agreed to “${c.title}”.` : `You withdrew your consent to “${c.title}”.`);
    } catch (err) {
      if (!ctx.alive()) return;
      showError(error, err);
      error.focus();
    }
  }

  function historyBlock(titles) {
    const events = Array.isArray(view.history) ? view.history : [];
    if (!events.length) return null;
    return h('details', { class: 'card history', testid: 'consent-history' },
      h('summary', { text: 'Your past answers' }),
      h('ul', {}, events.map((e) => h('li', {},
        `${e.decision === 'accept' ? 'Agreed to' : 'Withdrew'} “${titles.get(e.kind) || e.kind}” (version ${e.version}) on ${formatDateTime(e.at, timeZone)}`,
        e.actor === 'staff' ? ', recorded by the practice' : '',
        '.'))));
  }
}
