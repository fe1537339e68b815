// Secure messaging: the patient's conversations with the care team, writing a new message (with
// attachments), and one conversation with its replies.
//
// Routes: #/messages (the list), #/messages/new, #/messages/<thread id>. A thread id is an opaque
// random id; subjects and message text never go in the address, the title or the console.

import { ApiError, NetworkError, SessionEndedError, UploadAborted, isSignedIn, messaging, uploadFile } from './api.js';
import {
  announce, busy, clearErrors, errorBox, field, formatDateTime, h, hideBox, loading, newId, replace, setFieldError, showBox, showError,
} from './ui.js';

/** The server's limits (functions/messaging: threads.rs and attachments.rs). */
const MAX_BODY = 10_000;
const MAX_SUBJECT = 120;
const MAX_FILES = 5;
const MAX_BYTES = 10 * 1024 * 1024;
/** From this many characters on, the count is also read out to screen readers. */
const COUNT_NEAR = MAX_BODY - 1_000;
/** How often an open conversation looks for new messages. */
const POLL_MS = 20_000;
/** Waits between asking again while the malware scan of an upload is still running (409). */
const SCAN_WAITS_MS = [1_000, 2_000, 3_000, 4_000, 5_000, 5_000, 5_000];

/** [value, label in the form, short label in lists, hint]. */
const TOPICS = [
  ['clinical', 'A medical question for my clinician', 'Medical question'],
  ['scheduling', 'Appointments and scheduling', 'Appointments'],
  ['billing', 'Bills and payments', 'Bills and payments'],
  ['other', 'Something else', 'Other'],
];

function topicLabel(topic) {
  const known = TOPICS.find(([value]) => value === topic);
  return known ? known[2] : 'Other';
}

/** What the file picker accepts, by extension (the server checks the real type from the bytes). */
const FILE_TYPES = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  heic: 'image/heic',
};
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.heic,application/pdf,image/jpeg,image/png,image/heic';

const LABELS = {
  topic: 'Topic',
  subject: 'Subject',
  body: 'Your message',
  attachment_ids: 'Attached files',
};

const THREAD_ID = /^th_[0-9A-HJKMNP-TV-Z]{26}$/;

/** A notice to show once the next screen has loaded (route changes clear the status banner). */
let pendingNotice = '';

// ---------------------------------------------------------------------------------------------------
// The unread count in the navigation.

let unreadSeq = 0;

/** Shows the total of unread messages on the navigation link (hidden when none). */
export function showUnread(total) {
  unreadSeq += 1;
  paintUnread(total);
}

function paintUnread(total) {
  const badge = document.getElementById('nav-messages-unread');
  if (!badge) return;
  const n = Number(total) > 0 && isSignedIn() ? Math.floor(Number(total)) : 0;
  if (n > 0) {
    replace(badge, String(n), h('span', { class: 'visually-hidden', text: n === 1 ? ' unread message' : ' unread messages' }));
    badge.hidden = false;
  } else {
    badge.replaceChildren();
    badge.hidden = true;
  }
}

/** Fetches the unread total for the navigation; quiet on failure (the screen itself reports errors). */
export async function refreshUnread() {
  unreadSeq += 1;
  const mine = unreadSeq;
  try {
    const list = await messaging.threads();
    if (mine === unreadSeq) paintUnread(list && list.unread_total);
  } catch {
    // Offline or signed out: leave the badge as it is; the next screen load tries again.
  }
}

// ---------------------------------------------------------------------------------------------------
// Small helpers.

function emergencyNote() {
  return h('div', { class: 'alert alert-warn', testid: 'messages-emergency' },
    h('p', {}, h('strong', { text: 'Messages are not for emergencies. ' }),
      'Replies are not immediate. In an emergency, call 911.'));
}

/** Characters as the server counts them: Unicode scalar values of the trimmed text. */
function charCount(text) {
  return Array.from(text.trim()).length;
}

function plural(n, one, many) {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function formatSize(bytes) {
  if (bytes < 1024) return plural(bytes, 'byte', 'bytes');
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function extensionOf(name) {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  return m ? m[1].toLowerCase() : '';
}

/** A download URL, only if it is this portal (locally) or https (S3). */
function safeDownloadUrl(raw) {
  try {
    const url = new URL(String(raw || ''), location.origin);
    if (url.origin === location.origin || url.protocol === 'https:') return url.href;
  } catch {
    // Not a URL.
  }
  return null;
}

/** Starts a download without leaving the page (the file is served as an attachment). */
function startDownload(url) {
  const link = h('a', { href: url, download: '', rel: 'noopener noreferrer', hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * Re-painting the screen detaches the heading that had focus (the router focuses it on arrival); give
 * focus back to it so keyboard and screen-reader users stay at the top of the new content.
 */
function keepFocus(heading) {
  if (document.activeElement === document.body || document.activeElement === null) heading.focus();
}

const sleep = (ms) => new Promise((resolve) => {
  window.setTimeout(resolve, ms);
});

function friendly(err) {
  if (err instanceof ApiError || err instanceof NetworkError) return err.message;
  return 'Something went wrong. Please try again.';
}

// ---------------------------------------------------------------------------------------------------
// The section.

/**
 * @param {HTMLElement} main
 * @param {{ alive: () => boolean, failed: (err: unknown, retry: () => void) => void }} ctx
 * @param {string} [rest] what follows #/messages/ in the address
 */
export async function renderMessages(main, ctx, rest = '') {
  if (rest === 'new') return renderCompose(main, ctx);
  if (THREAD_ID.test(rest)) return renderThread(main, ctx, rest);
  if (rest) {
    history.replaceState(null, '', `${location.pathname}${location.search}#/messages`);
  }
  return renderList(main, ctx);
}

// ---------------------------------------------------------------------------------------------------
// The list of conversations.

async function renderList(main, ctx) {
  const heading = h('h1', { tabindex: '-1', text: 'Messages' });
  replace(main, heading, loading());
  let list;
  try {
    list = await messaging.threads();
  } catch (err) {
    if (ctx.alive()) ctx.failed(err, () => renderList(main, ctx));
    return;
  }
  if (!ctx.alive()) return;
  showUnread(list.unread_total);

  const threads = Array.isArray(list.threads) ? list.threads : [];
  const write = h('a', { class: 'button', href: '#/messages/new', testid: 'messages-new', text: 'Write a new message' });

  if (!threads.length) {
    replace(main,
      heading,
      h('section', { class: 'card stack', testid: 'messages-empty', 'aria-labelledby': 'messages-empty-title' },
        h('h2', { id: 'messages-empty-title', text: 'No messages yet' }),
        h('p', {
          text: 'Send a secure message to your care team when you have a question that can wait: about your care, '
            + 'test results, medicines, appointments or bills. You can attach photos and documents.',
        }),
        h('p', {
          text: 'We will let you know by email or text when they reply, as your contact preferences allow. '
            + 'The email or text never includes what the message says.',
        }),
        emergencyNote(),
        h('div', { class: 'actions' }, write)));
    keepFocus(heading);
    return;
  }

  const unread = Number(list.unread_total) || 0;
  replace(main,
    heading,
    h('p', { class: 'lead', testid: 'messages-summary' },
      unread
        ? `You have ${plural(unread, 'unread message', 'unread messages')}.`
        : 'Your conversations with your care team.'),
    emergencyNote(),
    h('div', { class: 'actions' }, write),
    h('h2', { class: 'list-title', id: 'thread-list-title', text: 'Your conversations' }),
    h('ul', { class: 'threads', testid: 'thread-list', 'aria-labelledby': 'thread-list-title' }, threads.map(threadItem)));
  keepFocus(heading);
}

function threadItem(t) {
  const unread = Number(t.unread) || 0;
  const when = formatDateTime(t.last_activity_at);
  return h('li', { class: 'thread', testid: 'thread-item', 'data-thread-id': t.thread_id, 'data-unread': String(unread) },
    h('a', { class: 'thread-link', href: `#/messages/${encodeURIComponent(t.thread_id)}`, testid: 'thread-link' },
      h('span', { class: 'thread-subject', testid: 'thread-subject', text: t.subject }),
      h('span', { class: 'thread-meta' },
        h('span', { testid: 'thread-topic', text: topicLabel(t.topic) }),
        t.status === 'closed' ? h('span', { testid: 'thread-closed', text: 'Closed' }) : null,
        when ? h('span', {}, 'Last message ', h('time', { datetime: t.last_activity_at, text: when })) : null),
      unread ? h('span', { class: 'badge', testid: 'thread-unread', text: `${unread} unread` }) : null));
}

// ---------------------------------------------------------------------------------------------------
// The message editor shared by a new conversation and a reply: the text with its count, and files.

/**
 * @param {{ prefix: string, label: string, hint: string, onChange: () => void }} options
 */
function composer({ prefix, label, hint, onChange }) {
  const body = h('textarea', { name: 'body', rows: '6', testid: `${prefix}-body`, autocomplete: 'off', spellcheck: 'true' });
  const bodyField = field({ label, control: body, name: 'body', hint });
  const count = h('p', { class: 'hint count', id: `${body.id}-count`, testid: `${prefix}-count` });
  // Read out only when typing pauses near the limit, so screen readers are not flooded.
  const countLive = h('p', { class: 'visually-hidden', 'aria-live': 'polite', testid: `${prefix}-count-live` });
  body.setAttribute('aria-describedby', `${body.getAttribute('aria-describedby')} ${count.id}`);
  bodyField.append(count, countLive);

  let liveTimer = 0;
  function paintCount(speak) {
    const n = charCount(body.value);
    const left = MAX_BODY - n;
    count.classList.toggle('count-over', left < 0);
    count.classList.toggle('count-near', left >= 0 && n >= COUNT_NEAR);
    count.textContent = left >= 0
      ? `${plural(left, 'character', 'characters')} left (${n.toLocaleString('en-US')} of ${MAX_BODY.toLocaleString('en-US')})`
      : `${plural(-left, 'character', 'characters')} too many (${n.toLocaleString('en-US')} of ${MAX_BODY.toLocaleString('en-US')})`;
    window.clearTimeout(liveTimer);
    if (speak && n >= COUNT_NEAR) {
      liveTimer = window.setTimeout(() => {
        countLive.textContent = count.textContent;
      }, 1_000);
    }
  }
  body.addEventListener('input', () => {
    if (body.getAttribute('aria-invalid') === 'true' && charCount(body.value) <= MAX_BODY) setFieldError(body, '');
    paintCount(true);
  });
  paintCount(false);

  const files = filePicker({ prefix, onChange });

  return {
    body,
    element: h('div', { class: 'stack' }, bodyField, files.element),
    files,
    /** Checks what the server would refuse; marks the controls and returns the messages. */
    check() {
      const problems = [];
      const n = charCount(body.value);
      if (n > MAX_BODY) {
        setFieldError(body, `Your message is ${plural(n, 'character', 'characters')} long; the limit is `
          + `${MAX_BODY.toLocaleString('en-US')}. Please shorten it, or send it as two messages.`);
        problems.push('body');
      } else if (n === 0 && files.readyIds().length === 0) {
        setFieldError(body, 'Please write a message, or attach a file.');
        problems.push('body');
      }
      const fileProblem = files.problem();
      if (fileProblem) {
        files.markError(fileProblem);
        problems.push('files');
      }
      return problems;
    },
    reset() {
      body.value = '';
      countLive.textContent = '';
      paintCount(false);
      files.reset();
    },
  };
}

/**
 * The file picker with one row per file: progress, status, remove (and try again after a failure).
 * @param {{ prefix: string, onChange: () => void }} options
 */
function filePicker({ prefix, onChange }) {
  const input = h('input', { type: 'file', multiple: true, accept: ACCEPT, testid: `${prefix}-files`, class: 'file-input' });
  const fileField = field({
    label: 'Attach files',
    control: input,
    name: 'attachment_ids',
    optional: true,
    hint: `PDF, JPEG, PNG or HEIC (iPhone photo) files, up to 10 MB each, at most ${MAX_FILES} per message.`,
  });
  const list = h('ul', { class: 'files', testid: `${prefix}-file-list`, 'aria-label': 'Attached files', hidden: true });
  const live = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', testid: `${prefix}-files-live` });

  /** @type {any[]} */
  let entries = [];

  function say(text) {
    live.textContent = '';
    window.setTimeout(() => {
      live.textContent = text;
    }, 30);
  }

  function changed() {
    list.hidden = entries.length === 0;
    if (!entries.some((e) => e.state === 'refused' || e.state === 'failed')) setFieldError(input, '');
    onChange();
  }

  input.addEventListener('change', () => {
    const chosen = Array.from(input.files || []);
    input.value = '';
    for (const file of chosen) add(file);
  });

  function add(file) {
    const entry = {
      file,
      name: file.name || 'file',
      size: file.size,
      type: FILE_TYPES[extensionOf(file.name || '')] || '',
      state: 'uploading',
      progress: 0,
      message: '',
      id: '',
      uploaded: false,
      abort: () => {},
      removed: false,
    };
    entry.row = h('li', { class: 'file', testid: 'attachment-item' });
    entries.push(entry);
    list.append(entry.row);

    const refusal = clientRefusal(entry);
    if (refusal) {
      settle(entry, 'refused', refusal);
    } else {
      paint(entry);
      upload(entry);
    }
    changed();
  }

  /** What can be said before uploading anything: type, size, count. */
  function clientRefusal(entry) {
    if (!entry.type) {
      return `“${entry.name}” cannot be sent: only PDF, JPEG, PNG and HEIC files can be attached.`;
    }
    if (entry.size === 0) return `“${entry.name}” is empty.`;
    if (entry.size > MAX_BYTES) {
      return `“${entry.name}” is ${formatSize(entry.size)}; files can be at most 10 MB. `
        + 'Try a smaller photo or a scan at a lower quality.';
    }
    const active = entries.filter((e) => e !== entry && (e.state === 'ready' || e.state === 'uploading' || e.state === 'checking'));
    if (active.length >= MAX_FILES) return `You can attach at most ${MAX_FILES} files to one message.`;
    return '';
  }

  async function upload(entry) {
    try {
      if (!entry.uploaded) {
        setState(entry, 'uploading');
        const started = await messaging.startUpload({ fileName: entry.name, contentType: entry.type, size: entry.size });
        if (entry.removed) return;
        entry.id = started.attachment.attachment_id;
        const sending = uploadFile(started.upload, entry.file, (fraction) => {
          entry.progress = fraction;
          paintProgress(entry);
        });
        entry.abort = sending.abort;
        await sending.done;
        entry.abort = () => {};
        if (entry.removed) return;
        entry.uploaded = true;
      }
      setState(entry, 'checking');
      const view = await complete(entry);
      if (entry.removed) return;
      if (view && view.state === 'ready') {
        settle(entry, 'ready', '');
      } else {
        settle(entry, 'failed', 'The file is still being checked for viruses. Please try again in a minute.');
      }
    } catch (err) {
      if (entry.removed || err instanceof UploadAborted) return;
      if (err instanceof SessionEndedError) return;
      if (err instanceof ApiError && err.status === 422) {
        settle(entry, 'refused', `“${entry.name}” was not attached. ${err.message}`);
      } else if (err instanceof ApiError && err.status === 400 && err.fieldErrors.length) {
        const why = err.fieldErrors.map((e) => `${e.field.replace(/_/g, ' ')} ${e.detail}`).join('; ');
        settle(entry, 'refused', `“${entry.name}” was not attached: ${why}.`);
      } else {
        settle(entry, 'failed', `“${entry.name}” could not be uploaded. ${friendly(err)}`);
      }
    }
  }

  /** Completes the upload; while the malware scan runs (409), waits and asks again a few times. */
  async function complete(entry) {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await messaging.completeUpload(entry.id);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 409 || attempt >= SCAN_WAITS_MS.length) throw err;
        await sleep(SCAN_WAITS_MS[attempt]);
        if (entry.removed) return null;
      }
    }
  }

  function setState(entry, state) {
    entry.state = state;
    entry.message = '';
    paint(entry);
    onChange();
  }

  function settle(entry, state, message) {
    entry.state = state;
    entry.message = message;
    paint(entry);
    if (state === 'ready') say(`${entry.name} is attached and ready to send.`);
    else say(message);
    changed();
  }

  function statusText(entry) {
    switch (entry.state) {
      case 'uploading': return `Uploading… ${Math.round(entry.progress * 100)}%`;
      case 'checking': return 'Checking the file…';
      case 'ready': return 'Ready to send';
      default: return entry.message;
    }
  }

  function paintProgress(entry) {
    if (entry.progressBar) entry.progressBar.value = Math.round(entry.progress * 100);
    if (entry.statusLine && entry.state === 'uploading') entry.statusLine.textContent = statusText(entry);
  }

  function paint(entry) {
    const remove = h('button', {
      type: 'button', class: 'button button-secondary button-small', testid: 'attachment-remove',
      'aria-label': `Remove ${entry.name}`, text: 'Remove',
    });
    remove.addEventListener('click', () => removeEntry(entry));
    let retry = null;
    if (entry.state === 'failed') {
      retry = h('button', {
        type: 'button', class: 'button button-secondary button-small', testid: 'attachment-retry',
        'aria-label': `Try ${entry.name} again`, text: 'Try again',
      });
      retry.addEventListener('click', () => upload(entry));
    }
    const bad = entry.state === 'refused' || entry.state === 'failed';
    entry.statusLine = h('p', {
      class: bad ? 'file-status field-error' : 'file-status', testid: 'attachment-status', text: statusText(entry),
    });
    entry.progressBar = entry.state === 'uploading'
      ? h('progress', { max: '100', value: String(Math.round(entry.progress * 100)), 'aria-label': `Uploading ${entry.name}` })
      : null;
    entry.row.setAttribute('data-state', entry.state);
    replace(entry.row,
      h('p', { class: 'file-name' },
        h('span', { testid: 'attachment-name', text: entry.name }),
        h('span', { class: 'hint', text: ` (${formatSize(entry.size)})` })),
      entry.progressBar,
      entry.statusLine,
      h('div', { class: 'file-actions' }, retry, remove));
  }

  function removeEntry(entry) {
    entry.removed = true;
    entry.abort();
    entries = entries.filter((e) => e !== entry);
    entry.row.remove();
    say(`${entry.name} removed.`);
    changed();
    input.focus();
  }

  return {
    element: h('div', { class: 'stack-tight' }, fileField, list, live),
    input,
    readyIds: () => entries.filter((e) => e.state === 'ready').map((e) => e.id),
    busy: () => entries.some((e) => e.state === 'uploading' || e.state === 'checking'),
    problem() {
      if (entries.some((e) => e.state === 'uploading' || e.state === 'checking')) return 'Please wait until your files finish uploading.';
      if (entries.some((e) => e.state === 'refused' || e.state === 'failed')) {
        return 'Some files could not be attached. Remove them (or try again) before sending.';
      }
      return '';
    },
    markError(message) {
      setFieldError(input, message);
    },
    reset() {
      for (const entry of entries) {
        entry.removed = true;
        entry.abort();
      }
      entries = [];
      list.replaceChildren();
      live.textContent = '';
      changed();
    },
  };
}

/** The send button and its "waiting for files" note, kept in step with the uploads. */
function sendControls(prefix, text) {
  const send = h('button', { type: 'submit', class: 'button', testid: `${prefix}-send`, text });
  const note = h('p', { class: 'hint', 'aria-live': 'polite', testid: `${prefix}-send-note` });
  let waiting = false;
  return {
    send,
    note,
    sync(files) {
      waiting = files.busy();
      if (send.getAttribute('aria-busy') !== 'true') send.disabled = waiting;
      note.textContent = waiting ? 'The send button will be ready when your files have finished uploading.' : '';
    },
    restore() {
      if (send.isConnected) send.disabled = waiting;
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// A new conversation.

function renderCompose(main, ctx) {
  const heading = h('h1', { tabindex: '-1', text: 'New message' });
  const topic = h('select', { name: 'topic', required: true, testid: 'compose-topic' },
    h('option', { value: '', text: 'Choose a topic' }),
    TOPICS.map(([value, label]) => h('option', { value, text: label })));
  const subject = h('input', {
    type: 'text', name: 'subject', required: true, maxlength: String(MAX_SUBJECT), autocomplete: 'off', testid: 'compose-subject',
  });
  const error = errorBox('compose-error');
  const controls = sendControls('compose', 'Send message');
  const editor = composer({
    prefix: 'compose',
    label: 'Your message',
    hint: 'Please do not include anything urgent. Your care team will reply here.',
    onChange: () => controls.sync(editor.files),
  });
  const cancel = h('a', { class: 'button button-secondary', href: '#/messages', testid: 'compose-cancel', text: 'Cancel' });

  const form = h('form', { novalidate: true, class: 'stack card', testid: 'compose-form' },
    field({ label: 'Topic', control: topic, name: 'topic', hint: 'So the right person on your care team reads it.' }),
    field({ label: 'Subject', control: subject, name: 'subject', hint: 'A few words, for example “Question about my prescription”.' }),
    editor.element,
    error,
    h('div', { class: 'actions' }, controls.send, cancel),
    controls.note);
  controls.sync(editor.files);

  topic.addEventListener('change', () => {
    if (topic.value) setFieldError(topic, '');
  });
  subject.addEventListener('input', () => {
    if (subject.value.trim()) setFieldError(subject, '');
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, error);
    let bad = false;
    if (!topic.value) {
      setFieldError(topic, 'Please choose what your message is about.');
      bad = true;
    }
    const subjectText = subject.value.trim().replace(/\s+/g, ' ');
    if (!subjectText) {
      setFieldError(subject, 'Please write a subject.');
      bad = true;
    }
    if (editor.check().length) bad = true;
    if (bad) {
      showBox(error, h('p', { text: 'Please check the highlighted answers.' }));
      const first = form.querySelector('[aria-invalid="true"]');
      if (first instanceof HTMLElement) first.focus();
      return;
    }
    try {
      const view = await busy(controls.send, 'Sending…', () => messaging.startThread({
        topic: topic.value,
        subject: subjectText,
        body: editor.body.value,
        attachmentIds: editor.files.readyIds(),
      }));
      if (!ctx.alive()) return;
      pendingNotice = 'Your message was sent to your care team.';
      location.replace(`#/messages/${encodeURIComponent(view.thread.thread_id)}`);
    } catch (err) {
      controls.restore();
      if (!ctx.alive()) return;
      showError(error, err, { form, labels: LABELS });
      if (document.activeElement === controls.send || document.activeElement === document.body) error.focus();
    }
  });

  refreshUnread();
  replace(main,
    heading,
    h('p', { class: 'lead', text: 'Write to your care team. Only you and your practice can read it.' }),
    emergencyNote(),
    form);
}

// ---------------------------------------------------------------------------------------------------
// One conversation.

async function renderThread(main, ctx, threadId) {
  const heading = h('h1', { tabindex: '-1', testid: 'thread-subject', text: 'Conversation' });
  const back = h('p', { class: 'back' }, h('a', { href: '#/messages', testid: 'thread-back', text: 'All messages' }));
  replace(main, back, heading, loading());
  let page;
  try {
    page = await messaging.thread(threadId);
  } catch (err) {
    if (!ctx.alive()) return;
    if (err instanceof ApiError && err.status === 404) {
      const missing = h('h1', { tabindex: '-1', text: 'Conversation not found' });
      replace(main, back, missing,
        h('div', { class: 'alert alert-error', role: 'alert', testid: 'thread-missing' },
          h('p', { text: 'We could not find that conversation. It may have been removed, or the link is wrong.' })));
      keepFocus(missing);
      return;
    }
    ctx.failed(err, () => renderThread(main, ctx, threadId));
    return;
  }
  if (!ctx.alive()) return;

  let thread = page.thread;
  let older = page.older_cursor || null;
  /** message id → { view, el } */
  const shown = new Map();

  heading.textContent = thread.subject;
  const meta = h('p', { class: 'thread-meta', testid: 'thread-meta' });
  const closedNote = h('p', { class: 'alert alert-info', testid: 'thread-closed-note', hidden: true,
    text: 'Your care team closed this conversation. If you write again, it will be reopened.' });
  const error = errorBox('thread-error');
  const olderButton = h('button', { type: 'button', class: 'button button-secondary', testid: 'thread-older', text: 'Load earlier messages' });
  const list = h('ol', { class: 'messages', testid: 'message-list', 'aria-label': 'Messages, oldest first' });

  function paintHeader() {
    replace(meta,
      h('span', { testid: 'thread-topic', text: topicLabel(thread.topic) }),
      thread.status === 'closed' ? h('span', { text: 'Closed' }) : h('span', { text: 'Open' }));
    closedNote.hidden = thread.status !== 'closed';
    olderButton.hidden = !older;
  }

  function messageEl(m) {
    const mine = m.from === 'patient';
    const when = formatDateTime(m.created_at);
    const files = Array.isArray(m.attachments) ? m.attachments : [];
    return h('li', {
      class: `message ${mine ? 'message-mine' : 'message-care'}`,
      testid: 'message',
      'data-message-id': m.message_id,
      'data-from': m.from,
      tabindex: '-1',
    },
    h('p', { class: 'message-head' },
      h('span', { class: 'message-author', testid: 'message-author', text: mine ? 'You' : 'Care team' }),
      when ? h('time', { datetime: m.created_at, text: when }) : null,
      m.via === 'sms' ? h('span', { class: 'tag', testid: 'message-via-sms', text: 'Sent by text' }) : null),
    m.deleted
      ? h('p', { class: 'muted', testid: 'message-removed', text: 'This message was removed.' })
      : (m.body ? h('p', { class: 'message-body', testid: 'message-body', text: m.body }) : null),
    !m.deleted && files.length
      ? h('ul', { class: 'message-files', 'aria-label': 'Attachments' },
        files.map((file) => h('li', {}, downloadButton(file))))
      : null);
  }

  function downloadButton(file) {
    const id = file.attachment_id;
    const label = `Download ${file.file_name} (${formatSize(file.size)})`;
    const button = h('button', {
      type: 'button', class: 'button button-secondary button-small', testid: 'attachment-download', 'data-attachment-id': id, text: label,
    });
    button.addEventListener('click', async () => {
      hideBox(error);
      try {
        const link = await busy(button, 'Preparing download…', () => messaging.downloadLink(id));
        if (!ctx.alive()) return;
        const url = safeDownloadUrl(link && link.url);
        if (!url) throw new Error('bad download link');
        startDownload(url);
        announce('Your download has started.');
      } catch (err) {
        if (!ctx.alive() || err instanceof SessionEndedError) return;
        showError(error, err);
        error.focus();
      }
    });
    return button;
  }

  function addMessages(messages, where) {
    const added = [];
    for (const m of messages) {
      const known = shown.get(m.message_id);
      if (known) {
        if (known.view.deleted !== m.deleted || known.view.body !== m.body) {
          const el = messageEl(m);
          known.el.replaceWith(el);
          shown.set(m.message_id, { view: m, el });
        }
        continue;
      }
      const el = messageEl(m);
      shown.set(m.message_id, { view: m, el });
      added.push({ view: m, el });
    }
    if (where === 'start') list.prepend(...added.map((a) => a.el));
    else list.append(...added.map((a) => a.el));
    return added;
  }

  async function markRead() {
    if (!(Number(thread.unread) > 0)) return;
    try {
      thread = await messaging.markRead(threadId);
      if (!ctx.alive()) return;
      paintHeader();
    } catch {
      // Not fatal: the count stays until the next visit.
    }
    refreshUnread();
  }

  olderButton.addEventListener('click', async () => {
    hideBox(error);
    try {
      const earlier = await busy(olderButton, 'Loading…', () => messaging.thread(threadId, older));
      if (!ctx.alive()) return;
      older = earlier.older_cursor || null;
      const added = addMessages(earlier.messages || [], 'start');
      paintHeader();
      announce(added.length ? `${plural(added.length, 'earlier message', 'earlier messages')} loaded.` : 'There are no earlier messages.');
      if (added.length) added[0].el.focus();
      else heading.focus();
    } catch (err) {
      if (!ctx.alive() || err instanceof SessionEndedError) return;
      showError(error, err);
      error.focus();
    }
  });

  // The reply box.
  const replyError = errorBox('reply-error');
  const controls = sendControls('reply', 'Send reply');
  const editor = composer({
    prefix: 'reply',
    label: 'Write a reply',
    hint: 'Not for emergencies. In an emergency, call 911.',
    onChange: () => controls.sync(editor.files),
  });
  const replyForm = h('form', { novalidate: true, class: 'stack card reply', testid: 'reply-form', 'aria-labelledby': 'reply-title' },
    h('h2', { id: 'reply-title', text: 'Reply' }),
    editor.element,
    replyError,
    h('div', { class: 'actions' }, controls.send),
    controls.note);
  controls.sync(editor.files);

  replyForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(replyForm, replyError);
    if (editor.check().length) {
      showBox(replyError, h('p', { text: 'Please check the highlighted answers.' }));
      const first = replyForm.querySelector('[aria-invalid="true"]');
      if (first instanceof HTMLElement) first.focus();
      return;
    }
    try {
      const sent = await busy(controls.send, 'Sending…', () => messaging.reply(threadId, {
        body: editor.body.value,
        attachmentIds: editor.files.readyIds(),
      }));
      controls.restore();
      if (!ctx.alive()) return;
      addMessages([sent], 'end');
      if (thread.status === 'closed') thread = { ...thread, status: 'open' };
      paintHeader();
      editor.reset();
      announce('Your reply was sent.');
      editor.body.focus();
    } catch (err) {
      controls.restore();
      if (!ctx.alive()) return;
      showError(replyError, err, { form: replyForm, labels: LABELS });
      if (document.activeElement === controls.send || document.activeElement === document.body) replyError.focus();
    }
  });

  addMessages(page.messages || [], 'end');
  paintHeader();
  replace(main,
    back,
    heading,
    meta,
    closedNote,
    error,
    olderButton,
    list,
    replyForm);
  keepFocus(heading);
  if (pendingNotice) {
    announce(pendingNotice);
    pendingNotice = '';
  }
  if (Number(thread.unread) > 0) markRead();
  else refreshUnread();

  // Polite polling: every 20 seconds while this conversation is on screen and the page is visible.
  let timer = 0;
  let due = false;
  const stop = () => {
    window.clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('hashchange', stop);
  };
  const schedule = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(poll, POLL_MS);
  };
  function onVisibility() {
    if (!ctx.alive()) {
      stop();
      return;
    }
    if (document.visibilityState === 'visible' && due) {
      due = false;
      poll();
    }
  }
  async function poll() {
    if (!ctx.alive() || !isSignedIn()) {
      stop();
      return;
    }
    if (document.visibilityState !== 'visible') {
      due = true;
      return;
    }
    try {
      const latest = await messaging.thread(threadId);
      if (!ctx.alive()) {
        stop();
        return;
      }
      const overlaps = (latest.messages || []).some((m) => shown.has(m.message_id));
      if (!overlaps && latest.older_cursor) {
        // More arrived than one page holds: start again from the newest page.
        shown.clear();
        list.replaceChildren();
        older = latest.older_cursor;
      }
      thread = latest.thread;
      const added = addMessages(latest.messages || [], 'end');
      paintHeader();
      const fromCare = added.filter((a) => a.view.from === 'care_team').length;
      if (fromCare) {
        announce(fromCare === 1 ? 'A new message from your care team.' : `${fromCare} new messages from your care team.`);
        markRead();
      }
    } catch (err) {
      if (err instanceof SessionEndedError) {
        stop();
        return;
      }
      // Offline for a moment: try again at the next tick, quietly.
    }
    schedule();
  }
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('hashchange', stop);
  schedule();
}
