// Secure messaging: the conversations, a new message with attachments, and one conversation with
// read receipts. Thread ids are opaque; subjects and message text never go in the address or title.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { ApiError } from '../../shared/api/errors';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { limits } from '../../shared/limits';
import { AttachmentDownload } from '../../shared/ui/AttachmentDownload';
import {
  Alert,
  BusyButton,
  ConfirmDialog,
  ErrorMessage,
  Field,
  LoadFailed,
  Loading,
  PageHeading,
  useStatus,
} from '../../shared/ui/components';
import { sentence } from '../../shared/ui/errors';
import { messaging, paths, type S } from '../api';
import { setDraft } from '../drafts';
import { Composer, useCheck, useComposer } from '../parts/Composer';
import { usePageTitle, useThreads } from '../parts/Header';
import { ReachNotice } from '../parts/ReachNotice';

const TOPICS = {
  clinical: ['portal.topic.clinical.long', 'portal.topic.clinical.short'],
  scheduling: ['portal.topic.scheduling.long', 'portal.topic.scheduling.short'],
  billing: ['portal.topic.billing.long', 'portal.topic.billing.short'],
  other: ['portal.topic.other.long', 'portal.topic.other.short'],
} as const satisfies Record<S['Topic'], readonly [string, string]>;

/** Set by a new message on its way to its conversation, which then says how replies will be told. */
let arrivingFromCompose = false;

function EmergencyNote() {
  const { t } = useI18n();
  return (
    <div className="alert alert-warn" data-testid="messages-emergency">
      <p>
        <strong>{t('portal.messages.emergency.strong')}</strong> {t('portal.messages.emergency.rest')}
      </p>
    </div>
  );
}

export function MessageList() {
  const { t } = useI18n();
  usePageTitle(t('portal.nav.messages'));
  const threads = useThreads();

  if (threads.isError)
    return (
      <section className="stack">
        <PageHeading>{t('portal.nav.messages')}</PageHeading>
        <LoadFailed error={threads.error} retry={() => void threads.refetch()} />
      </section>
    );
  if (!threads.data)
    return (
      <section className="stack">
        <PageHeading>{t('portal.nav.messages')}</PageHeading>
        <Loading />
      </section>
    );
  const list = threads.data.threads;
  const write = (
    <Link className="button" href="/messages/new" data-testid="messages-new">
      {t('portal.messages.write')}
    </Link>
  );
  if (!list.length)
    return (
      <section className="stack">
        <PageHeading>{t('portal.nav.messages')}</PageHeading>
        <section className="card stack" data-testid="messages-empty" aria-labelledby="messages-empty-title">
          <h2 id="messages-empty-title">{t('portal.messages.empty.title')}</h2>
          <p>{t('portal.messages.empty.body')}</p>
          <p>{t('portal.messages.empty.alerts')}</p>
          <EmergencyNote />
          <div className="actions">{write}</div>
        </section>
      </section>
    );
  const unread = threads.data.unread_total;
  return (
    <section className="stack">
      <PageHeading>{t('portal.nav.messages')}</PageHeading>
      <p className="lead" data-testid="messages-summary">
        {unread ? t('portal.messages.unreadSummary', { n: unread }) : t('portal.messages.lead')}
      </p>
      <EmergencyNote />
      <div className="actions">{write}</div>
      <h2 className="list-title" id="thread-list-title">
        {t('portal.messages.listTitle')}
      </h2>
      <ul className="threads" data-testid="thread-list" aria-labelledby="thread-list-title">
        {list.map((th) => (
          <li
            key={th.thread_id}
            className="thread"
            data-testid="thread-item"
            data-thread-id={th.thread_id}
            data-unread={th.unread}
          >
            <Link className="thread-link" href={paths.thread(th.thread_id)} data-testid="thread-link">
              <span className="thread-top">
                <span className="thread-subject" data-testid="thread-subject">
                  {th.subject}
                </span>
                <ThreadTime at={th.last_message?.at ?? th.last_activity_at} />
              </span>
              {th.last_message ? <ThreadPreview last={th.last_message} /> : null}
              <span className="thread-meta">
                <span data-testid="thread-topic">{t(TOPICS[th.topic][1])}</span>
                {th.status === 'closed' ? (
                  <span className="tag" data-testid="thread-closed">
                    {t('portal.thread.closed')}
                  </span>
                ) : null}
                <span>{t('portal.messages.count', { n: th.message_count })}</span>
              </span>
              {th.unread ? (
                <span className="badge" data-testid="thread-unread">
                  {t('portal.messages.unreadBadge', { n: th.unread })}
                </span>
              ) : null}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** When the conversation last moved: its newest message's time when it has one. */
function ThreadTime({ at }: { at: string }) {
  const { tr } = useI18n();
  return (
    <time className="thread-date" dateTime={at} data-testid="thread-date">
      {tr.shortDate(at)}
    </time>
  );
}

const FROM = {
  patient: 'portal.messages.fromYou',
  care_team: 'portal.messages.fromCareTeam',
} as const satisfies Record<S['Party'], string>;

/** "You: …" or "Care team: …", the first words of the newest message (or that it brought files). */
function ThreadPreview({ last }: { last: S['LastMessageView'] }) {
  const { t } = useI18n();
  return (
    <span className="thread-preview" data-testid="thread-preview" data-from={last.from}>
      <span className="thread-from">{t(FROM[last.from])}</span> {last.preview || t('portal.messages.onlyFiles')}
    </span>
  );
}

export function Compose() {
  const { t } = useI18n();
  usePageTitle(t('portal.nav.messages'));
  const [, navigate] = useLocation();
  const client = useQueryClient();
  const status = useStatus();
  const [topic, setTopic] = useState<S['Topic'] | ''>('');
  const [subject, setSubject] = useState('');
  const [errors, setErrors] = useState<{ topic?: string; subject?: string }>({});
  const [summary, setSummary] = useState('');
  const composer = useComposer('new');
  const check = useCheck(composer);
  const send = useMutation({
    mutationFn: messaging.startThread,
    onSuccess: (view) => {
      setDraft('new', '');
      void client.invalidateQueries({ queryKey: ['threads'] });
      client.setQueryData(['thread', view.thread.thread_id], view);
      const path = paths.thread(view.thread.thread_id);
      status.announce('portal.compose.sent', undefined, path);
      arrivingFromCompose = true;
      navigate(path, { replace: true });
    },
  });
  const formRef = useRef<HTMLFormElement>(null);

  const submit = () => {
    const next: typeof errors = {};
    if (!topic) next.topic = t('portal.compose.topicMissing');
    const cleanSubject = subject.trim().replace(/\s+/g, ' ');
    if (!cleanSubject) next.subject = t('portal.compose.subjectMissing');
    else if (Array.from(cleanSubject).length > limits.subjectMaxChars)
      next.subject = t('portal.compose.subjectTooLong', { max: limits.subjectMaxChars });
    const bodyOk = check();
    setErrors(next);
    if (Object.keys(next).length || !bodyOk || !topic) {
      setSummary(t('common.checkHighlighted'));
      window.setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    setSummary('');
    send.mutate({ topic, subject: cleanSubject, body: composer.body, attachment_ids: composer.files.readyIds });
  };

  return (
    <section className="stack">
      <PageHeading>{t('portal.compose.title')}</PageHeading>
      <p className="lead">{t('portal.compose.lead')}</p>
      <EmergencyNote />
      <form
        ref={formRef}
        className="stack card"
        noValidate
        data-testid="compose-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Field label={t('portal.compose.topic')} hint={t('portal.compose.topicHint')} error={errors.topic}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              name="topic"
              data-testid="compose-topic"
              required
              aria-describedby={describedBy || undefined}
              aria-invalid={invalid || undefined}
              value={topic}
              onChange={(e) => setTopic(e.currentTarget.value as S['Topic'] | '')}
            >
              <option value="">{t('portal.compose.chooseTopic')}</option>
              {(Object.keys(TOPICS) as S['Topic'][]).map((k) => (
                <option key={k} value={k}>
                  {t(TOPICS[k][0])}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('portal.compose.subject')} hint={t('portal.compose.subjectHint')} error={errors.subject}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="subject"
              type="text"
              data-testid="compose-subject"
              autoComplete="off"
              required
              aria-describedby={describedBy || undefined}
              aria-invalid={invalid || undefined}
              value={subject}
              onChange={(e) => setSubject(e.currentTarget.value)}
            />
          )}
        </Field>
        <Composer
          prefix="compose"
          label={t('portal.compose.body')}
          hint={t('portal.compose.bodyHint')}
          state={composer}
        />
        {summary ? (
          <Alert tone="error" testid="compose-error">
            <p>{summary}</p>
          </Alert>
        ) : null}
        <ErrorMessage error={send.error} testid="compose-error" focus />
        <div className="actions">
          <BusyButton
            type="submit"
            busy={send.isPending}
            busyLabel={t('common.sending')}
            disabled={composer.files.busy}
            data-testid="compose-send"
          >
            {t('portal.compose.send')}
          </BusyButton>
          <Link className="button button-secondary" href="/messages" data-testid="compose-cancel">
            {t('common.cancel')}
          </Link>
        </div>
        <p className="hint" aria-live="polite" data-testid="compose-send-note">
          {composer.files.busy ? t('common.files.waitForFiles') : ''}
        </p>
      </form>
    </section>
  );
}

export function Thread({ threadId }: { threadId: string }) {
  const { t } = useI18n();
  usePageTitle(t('portal.nav.messages'));
  const client = useQueryClient();
  const status = useStatus();
  const thread = useQuery({
    queryKey: ['thread', threadId],
    queryFn: () => messaging.thread(threadId),
    // Always fresh when opened (a reply may have come since), then every 20 seconds while open.
    staleTime: 0,
    refetchInterval: 20_000,
    retry: (n, err) => !(err instanceof ApiError && err.status === 404) && n < 2,
  });
  const [older, setOlder] = useState<S['MessageView'][]>([]);
  const [olderCursor, setOlderCursor] = useState<string | null | undefined>(undefined);
  const [justSent, setJustSent] = useState(() => {
    const arriving = arrivingFromCompose;
    arrivingFromCompose = false;
    return arriving;
  });
  const composer = useComposer(`thread:${threadId}`);
  const check = useCheck(composer);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const [summary, setSummary] = useState('');

  const unread = thread.data?.thread.unread ?? 0;
  // Opening a conversation (or a new reply arriving in it) marks the care team's messages read.
  useEffect(() => {
    if (unread > 0)
      messaging.markRead(threadId).then(
        () => {
          void client.invalidateQueries({ queryKey: ['threads'] });
          void client.invalidateQueries({ queryKey: ['home'] });
        },
        () => {},
      );
  }, [unread, threadId, client]);

  // What is sent is read when the patient sends it, not from the render that last updated the
  // mutation's options (an effect, a frame later): a keyboard send right after typing lost letters.
  const reply = useMutation({
    mutationFn: (message: S['NewMessageRequest']) => messaging.reply(threadId, message),
    onSuccess: (sent) => {
      client.setQueryData<S['ThreadView']>(['thread', threadId], (old) =>
        old && !old.messages.some((m) => m.message_id === sent.message_id)
          ? { ...old, messages: [...old.messages, sent] }
          : old,
      );
      composer.reset();
      setJustSent(true);
      status.announce('portal.thread.replySent');
      void client.invalidateQueries({ queryKey: ['thread', threadId] });
      void client.invalidateQueries({ queryKey: ['threads'] });
      bodyRef.current?.focus();
    },
  });
  const loadOlder = useMutation({
    mutationFn: (before: string | undefined) => messaging.thread(threadId, before),
    onSuccess: (page) => {
      setOlder((o) => [...page.messages, ...o]);
      setOlderCursor(page.older_cursor ?? null);
    },
  });

  const back = (
    <p className="back">
      <Link href="/messages" data-testid="thread-back">
        {t('portal.thread.back')}
      </Link>
    </p>
  );
  if (thread.isError) {
    const missing = thread.error instanceof ApiError && thread.error.status === 404;
    return (
      <section className="stack">
        {back}
        <PageHeading>{missing ? t('portal.thread.missingTitle') : t('portal.thread.title')}</PageHeading>
        {missing ? (
          <Alert tone="error" testid="thread-missing">
            <p>{t('portal.thread.missing')}</p>
          </Alert>
        ) : (
          <LoadFailed error={thread.error} retry={() => void thread.refetch()} />
        )}
      </section>
    );
  }
  if (!thread.data)
    return (
      <section className="stack">
        {back}
        <PageHeading>{t('portal.thread.title')}</PageHeading>
        <Loading />
      </section>
    );
  const view = thread.data;
  const seen = new Set(view.messages.map((m) => m.message_id));
  const messages = [...older.filter((m) => !seen.has(m.message_id)), ...view.messages];
  const cursor = olderCursor === undefined ? view.older_cursor : olderCursor;
  const closed = view.thread.status === 'closed';

  return (
    <section className="stack">
      {back}
      <PageHeading testid="thread-subject">{view.thread.subject}</PageHeading>
      <p className="thread-meta" data-testid="thread-meta">
        <span data-testid="thread-topic">{t(TOPICS[view.thread.topic][1])}</span>
        <span data-testid="thread-status" data-status={view.thread.status}>
          {view.thread.status === 'closed' ? t('portal.thread.closed') : t('portal.thread.open')}
        </span>
      </p>
      {closed ? (
        <p className="alert alert-info" data-testid="thread-closed-note" tabIndex={-1}>
          {t('portal.thread.closedNote')}
        </p>
      ) : null}
      {view.thread.opened_by_you && !closed ? <CloseConversation thread={view.thread} /> : null}
      {cursor ? (
        <BusyButton
          type="button"
          className="button button-secondary"
          busy={loadOlder.isPending}
          busyLabel={t('common.loading')}
          data-testid="thread-older"
          onClick={() => loadOlder.mutate(cursor ?? undefined)}
        >
          {t('portal.thread.older')}
        </BusyButton>
      ) : null}
      <ol className="messages" data-testid="message-list" aria-label={t('portal.thread.listLabel')}>
        {messages.map((m) => (
          <MessageItem key={m.message_id} message={m} />
        ))}
      </ol>
      {justSent ? <ReachNotice /> : null}
      <form
        className="stack card reply"
        noValidate
        data-testid="reply-form"
        aria-labelledby="reply-title"
        onSubmit={(e) => {
          e.preventDefault();
          if (!check()) {
            setSummary(t('common.checkHighlighted'));
            window.setTimeout(() => {
              e.currentTarget?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
            }, 0);
            return;
          }
          setSummary('');
          reply.mutate({ body: composer.body, attachment_ids: composer.files.readyIds });
        }}
      >
        <h2 id="reply-title">{t(closed ? 'portal.thread.replyReopens' : 'portal.thread.reply')}</h2>
        <Composer
          prefix="reply"
          label={t('portal.thread.replyLabel')}
          hint={t('portal.thread.replyHint')}
          state={composer}
          bodyRef={bodyRef}
        />
        {summary ? (
          <Alert tone="error" testid="reply-error">
            <p>{summary}</p>
          </Alert>
        ) : null}
        <ErrorMessage error={reply.error} testid="reply-error" />
        <div className="actions">
          <BusyButton
            type="submit"
            busy={reply.isPending}
            busyLabel={t('common.sending')}
            disabled={composer.files.busy}
            data-testid="reply-send"
          >
            {t('portal.thread.send')}
          </BusyButton>
        </div>
        <p className="hint" aria-live="polite" data-testid="reply-send-note">
          {composer.files.busy ? t('common.files.waitForFiles') : ''}
        </p>
      </form>
    </section>
  );
}

/**
 * "Close this conversation", for one the patient started and is open: asked first, saying the care team
 * can still read it and that writing again reopens it. A conversation the care team started is theirs to
 * close (409): the dialog says so.
 */
function CloseConversation({ thread }: { thread: S['ThreadSummary'] }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const status = useStatus();
  const [asking, setAsking] = useState(false);
  const close = useMutation({
    mutationFn: () => messaging.close(thread.thread_id),
    onSuccess: (summary) => {
      setAsking(false);
      client.setQueryData<S['ThreadView']>(['thread', thread.thread_id], (old) => old && { ...old, thread: summary });
      void client.invalidateQueries({ queryKey: ['threads'] });
      void client.invalidateQueries({ queryKey: ['home'] });
      status.announce('portal.thread.closedDone');
      // The button is gone: the focus goes to the note that says it is closed.
      window.setTimeout(() => document.querySelector<HTMLElement>('[data-testid="thread-closed-note"]')?.focus(), 0);
    },
    onError: (err) => {
      // Not the patient's to close after all: read the conversation again (the button then goes).
      if (err instanceof ApiError && err.status === 409)
        void client.invalidateQueries({ queryKey: ['thread', thread.thread_id] });
    },
  });
  return (
    <>
      <div className="actions">
        <button
          type="button"
          className="button button-secondary"
          data-testid="thread-close"
          onClick={() => {
            close.reset();
            setAsking(true);
          }}
        >
          {t('portal.thread.close')}
        </button>
      </div>
      <ConfirmDialog
        open={asking}
        testid="thread-close-confirm"
        title={t('portal.thread.closeTitle')}
        body={[t('portal.thread.closeStillRead'), t('portal.thread.closeReopen')]}
        confirmLabel={t('portal.thread.closeYes')}
        cancelLabel={t('common.cancel')}
        busy={close.isPending}
        busyLabel={t('portal.thread.closing')}
        onAnswer={(yes) => {
          if (yes) close.mutate();
          else setAsking(false);
        }}
      >
        {close.error ? <CloseRefused error={close.error} /> : null}
      </ConfirmDialog>
    </>
  );
}

/** Why it was not closed: the care team's conversation in the server's words (the catalog's in Spanish). */
function CloseRefused({ error }: { error: unknown }) {
  const { t, lang } = useI18n();
  if (!(error instanceof ApiError && error.status === 409))
    return <ErrorMessage error={error} testid="thread-close-error" focus />;
  return (
    <Alert tone="error" testid="thread-close-error" focus>
      <p>{lang === 'en' && error.detail ? sentence(error.detail) : t('portal.thread.closeNotYours')}</p>
    </Alert>
  );
}

function MessageItem({ message: m }: { message: S['MessageView'] }) {
  const { t, tr } = useI18n();
  const mine = m.from === 'patient';
  return (
    <li
      className={`message ${mine ? 'message-mine' : 'message-care'}`}
      data-testid="message"
      data-message-id={m.message_id}
      data-from={m.from}
    >
      <p className="message-head">
        <span className="message-author" data-testid="message-author">
          {mine ? t('portal.message.you') : t('portal.message.careTeam')}
        </span>
        <time dateTime={m.created_at}>{tr.dateTime(m.created_at)}</time>
        {m.written_by ? (
          <span className="tag" data-testid="message-written-by">
            {t('portal.message.writtenBy', { name: m.written_by })}
          </span>
        ) : null}
        {m.via === 'sms' ? (
          <span className="tag" data-testid="message-via-sms">
            {t('portal.message.viaSms')}
          </span>
        ) : null}
      </p>
      {m.deleted ? (
        <p className="muted" data-testid="message-removed">
          {t('portal.message.removed')}
        </p>
      ) : m.body ? (
        <p className="message-body" data-testid="message-body">
          {m.body}
        </p>
      ) : null}
      {!m.deleted && m.attachments.length ? (
        <ul className="message-files" aria-label={t('portal.message.attachments')}>
          {m.attachments.map((a) => (
            <li key={a.attachment_id}>
              <AttachmentDownload
                file={a}
                label={t('portal.message.download', { name: a.file_name, size: tr.fileSize(a.size) })}
                link={() => messaging.downloadLink(a.attachment_id)}
              />
            </li>
          ))}
        </ul>
      ) : null}
      {mine ? (
        <p className="receipt" data-testid="message-receipt" data-read={m.read_at ? 'yes' : 'no'}>
          {m.read_at ? t('portal.message.read', { when: tr.dateTime(m.read_at) }) : t('portal.message.delivered')}
        </p>
      ) : null}
    </li>
  );
}
