// Home: a greeting, anything that needs the patient's attention, and the way to each section.

import { messaging, portal } from './api.js';
import { showUnread } from './messages.js';
import { h, loading, replace } from './ui.js';

/** Display name: the preferred name when there is one. */
export function displayName(profile) {
  return (profile.preferred_name && profile.preferred_name.trim()) || profile.given_name;
}

/**
 * @param {HTMLElement} main
 * @param {{ alive: () => boolean, failed: (err: unknown, retry: () => void) => void }} ctx
 */
export async function renderHome(main, ctx) {
  const heading = h('h1', { tabindex: '-1', testid: 'home-greeting', text: 'Welcome' });
  replace(main, heading, loading());
  let profile;
  let consents;
  let threads;
  try {
    // Messages are a nicety here: if they do not load, home still does (without the unread count).
    [profile, consents, threads] = await Promise.all([portal.me(), portal.consents(), messaging.threads().catch(() => null)]);
  } catch (err) {
    if (ctx.alive()) ctx.failed(err, () => renderHome(main, ctx));
    return;
  }
  if (!ctx.alive()) return;

  heading.textContent = `Hello, ${displayName(profile)}`;
  const unread = threads ? Number(threads.unread_total) || 0 : 0;
  if (threads) showUnread(unread);
  const waiting = (consents.consents || []).filter((c) => c.status !== 'accepted');
  const requiredWaiting = waiting.filter((c) => c.required);

  const attention = requiredWaiting.length
    ? h('div', { class: 'alert alert-info', role: 'status', testid: 'home-consents-needed' },
      h('p', {},
        requiredWaiting.length === 1
          ? 'One document needs your decision before you use the portal. '
          : `${requiredWaiting.length} documents need your decision before you use the portal. `,
        h('a', { href: '#/consents', text: 'Review consents' })))
    : null;

  const tile = (href, title, text, testid, note) => h('li', {},
    h('a', { class: 'tile', href, testid },
      h('span', { class: 'tile-title', text: title }),
      h('span', { class: 'tile-text', text }),
      note ? h('span', { class: 'badge', testid: `${testid}-note`, text: note }) : null));

  replace(main,
    heading,
    h('p', { class: 'lead', text: 'What would you like to do today?' }),
    attention,
    h('ul', { class: 'tiles', 'aria-label': 'Sections' },
      tile('#/messages', 'Messages', 'Write to your care team and read their replies. Not for emergencies.', 'home-messages',
        unread ? `${unread} unread` : ''),
      tile('#/profile', 'Your details', 'Name, contact details, language and time zone.', 'home-profile'),
      tile('#/consents', 'Consents', 'Read and answer the practice’s forms and agreements.', 'home-consents',
        waiting.length ? `${waiting.length} to review` : ''),
      tile('#/preferences', 'Contact preferences', 'Choose how and when we may email or text you.', 'home-preferences')));
}
