// The shared inbox (filters, assignment, unread, patient names) and one thread with internal notes,
// soft delete and read receipts.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'wouter';
import { ApiError } from '../../shared/api/errors';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { limits, may } from '../../shared/limits';
import { AttachmentDownload } from '../../shared/ui/AttachmentDownload';
import {
  BusyButton,
  ConfirmDialog,
  ErrorMessage,
  Field,
  LoadFailed,
  Loading,
  PageHeading,
  SLOT,
  useStatus,
  WithSlot,
} from '../../shared/ui/components';
import { charCount } from '../../shared/ui/errors';
import { FilePicker, filesProblem, type Uploads, useFiles } from '../../shared/ui/FilePicker';
import { useConsoleTitle } from '../App';
import { type S, staff } from '../api';
import { PatientName, TOPIC_KEYS, useMe, useStaffLabel } from '../parts';

type Status = 'open' | 'closed';
type Assignee = 'any' | 'me' | 'unassigned';

export function Inbox() {
  const { t, tr } = useI18n();
  useConsoleTitle(t('console.nav.inbox'));
  const [status, setStatus] = useState<Status>('open');
  const [assignee, setAssignee] = useState<Assignee>('any');
  const [unreadOnly, setUnreadOnly] = useState(false);
  const who = useStaffLabel();
  const inbox = useInfiniteQuery({
    queryKey: ['inbox', status, assignee],
    queryFn: ({ pageParam }) => staff.inbox({ status, assignee, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    refetchInterval: 30_000,
  });
  const rows = (inbox.data?.pages ?? []).flatMap((p) => p.threads).filter((r) => !unreadOnly || r.unread > 0);

  return (
    <section className="stack">
      <PageHeading>{t('console.inbox.title')}</PageHeading>
      <form className="filters" aria-label={t('console.inbox.filters')} onSubmit={(e) => e.preventDefault()}>
        <Field label={t('console.inbox.status')}>
          {({ id }) => (
            <select
              id={id}
              data-testid="filter-status"
              value={status}
              onChange={(e) => setStatus(e.currentTarget.value as Status)}
            >
              <option value="open">{t('console.inbox.statusOpen')}</option>
              <option value="closed">{t('console.inbox.statusClosed')}</option>
            </select>
          )}
        </Field>
        <Field label={t('console.inbox.assignee')}>
          {({ id }) => (
            <select
              id={id}
              data-testid="filter-assignee"
              value={assignee}
              onChange={(e) => setAssignee(e.currentTarget.value as Assignee)}
            >
              <option value="any">{t('console.inbox.anyone')}</option>
              <option value="me">{t('console.inbox.mine')}</option>
              <option value="unassigned">{t('console.inbox.unassigned')}</option>
            </select>
          )}
        </Field>
        <div className="choice">
          <input
            type="checkbox"
            id="filter-unread"
            data-testid="filter-unread"
            checked={unreadOnly}
            onChange={(e) => setUnreadOnly(e.currentTarget.checked)}
          />
          <label htmlFor="filter-unread">{t('console.inbox.unreadOnly')}</label>
        </div>
      </form>
      {inbox.isError ? <LoadFailed error={inbox.error} retry={() => void inbox.refetch()} /> : null}
      {inbox.isPending ? <Loading /> : null}
      {inbox.data && !rows.length ? <p data-testid="inbox-empty">{t('console.inbox.empty')}</p> : null}
      {rows.length ? (
        <table className="inbox" data-testid="inbox">
          <caption className="visually-hidden">{t('console.inbox.caption', { n: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('console.inbox.patient')}</th>
              <th scope="col">{t('console.inbox.subject')}</th>
              <th scope="col">{t('console.inbox.topic')}</th>
              <th scope="col">{t('console.inbox.assignedTo')}</th>
              <th scope="col">{t('console.inbox.last')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.thread_id}
                data-testid="inbox-row"
                data-thread-id={r.thread_id}
                data-unread={r.unread}
                className={r.unread ? 'is-unread' : ''}
              >
                <td data-testid="inbox-patient">
                  <PatientName patientId={r.patient_id} names={r.patient} />
                </td>
                <td>
                  <Link
                    href={`/threads/${encodeURIComponent(r.patient_id)}/${encodeURIComponent(r.thread_id)}`}
                    data-testid="inbox-open"
                  >
                    {r.subject}
                  </Link>
                  {r.unread ? (
                    <span className="badge" data-testid="inbox-unread">
                      {t('console.inbox.unreadBadge', { n: r.unread })}
                    </span>
                  ) : null}
                  {r.last_message ? <InboxPreview last={r.last_message} /> : null}
                </td>
                <td>{t(TOPIC_KEYS[r.topic])}</td>
                <td data-testid="inbox-assignee">{who(r.assignee)}</td>
                <td>
                  <time dateTime={r.last_activity_at}>{tr.shortDate(r.last_activity_at)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {inbox.hasNextPage ? (
        <BusyButton
          type="button"
          className="button button-secondary"
          busy={inbox.isFetchingNextPage}
          busyLabel={t('common.loading')}
          onClick={() => void inbox.fetchNextPage()}
        >
          {t('console.inbox.more')}
        </BusyButton>
      ) : null}
    </section>
  );
}

const FROM = {
  patient: 'console.inbox.fromPatient',
  care_team: 'console.inbox.fromCareTeam',
} as const satisfies Record<S['Party'], string>;

/** Who wrote the newest shared message (notes are not shared), when, and its first words. */
function InboxPreview({ last }: { last: S['LastMessageView'] }) {
  const { t, tr } = useI18n();
  return (
    <p className="inbox-preview" data-testid="inbox-preview" data-from={last.from}>
      <span className="inbox-from">
        <WithSlot text={t(FROM[last.from], { when: SLOT })}>
          <time dateTime={last.at}>{tr.shortDate(last.at)}</time>
        </WithSlot>
      </span>{' '}
      {last.preview || t('console.inbox.onlyFiles')}
    </p>
  );
}

export function StaffThread({ patientId, threadId }: { patientId: string; threadId: string }) {
  const { t, tr } = useI18n();
  useConsoleTitle(t('console.thread.title'));
  const client = useQueryClient();
  const status = useStatus();
  const { staff_id: me, roles } = useMe();
  const who = useStaffLabel();
  const thread = useQuery({
    queryKey: ['staff-thread', patientId, threadId],
    queryFn: () => staff.thread(patientId, threadId),
    staleTime: 0,
    refetchInterval: 20_000,
    retry: (n, err) => !(err instanceof ApiError && err.status === 404) && n < 2,
  });
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [urgent, setUrgent] = useState(false);
  const [bodyError, setBodyError] = useState('');
  const [deleting, setDeleting] = useState<S['StaffMessageView'] | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const files = useFiles();
  const [filesError, setFilesError] = useState('');
  // The staff side's uploads for this patient: they go only with a message in one of the patient's threads.
  const uploads = useMemo<Uploads>(
    () => ({
      start: (file) => staff.startUpload(patientId, file),
      complete: (attachment) => staff.completeUpload(patientId, attachment),
    }),
    [patientId],
  );

  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['staff-thread', patientId, threadId] });
    void client.invalidateQueries({ queryKey: ['inbox'] });
  };
  const update = useMutation({
    mutationFn: (body: S['ThreadUpdateRequest']) => staff.updateThread(patientId, threadId, body),
    onSuccess: refresh,
  });
  const reply = useMutation({
    // The text is read when the form is sent (see the portal's reply): options reach the mutation a
    // frame after the render, too late for a keyboard send right after typing.
    mutationFn: (message: S['StaffMessageRequest']) => staff.reply(patientId, threadId, message),
    onSuccess: (sent, message) => {
      // Shown at once; the refetch below brings the thread's own view of it.
      client.setQueryData<S['StaffThreadView']>(['staff-thread', patientId, threadId], (old) =>
        old && !old.messages.some((m) => m.message_id === sent.message_id)
          ? { ...old, messages: [...old.messages, sent] }
          : old,
      );
      status.announce(message.internal ? 'console.thread.noteSaved' : 'console.thread.replySent');
      setBody('');
      setUrgent(false);
      files.reset();
      setFilesError('');
      refresh();
      bodyRef.current?.focus();
    },
  });
  const remove = useMutation({
    mutationFn: (m: S['StaffMessageView']) => staff.deleteMessage(patientId, threadId, m.message_id),
    onSuccess: () => {
      status.announce('console.thread.removed');
      refresh();
    },
  });

  const unread = thread.data?.thread.unread ?? 0;
  // Opening the thread marks the patient's messages read (the patient sees the receipt).
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when new unread messages arrive
  useEffect(() => {
    if (unread > 0) staff.updateThread(patientId, threadId, { read: true }).then(refresh, () => {});
  }, [unread]);

  const back = (
    <p className="back">
      <Link href="/" data-testid="thread-back">
        {t('console.thread.back')}
      </Link>
    </p>
  );
  if (thread.isError)
    return (
      <section className="stack">
        {back}
        <PageHeading>{t('console.thread.title')}</PageHeading>
        <LoadFailed error={thread.error} retry={() => void thread.refetch()} />
      </section>
    );
  if (!thread.data)
    return (
      <section className="stack">
        {back}
        <PageHeading>{t('console.thread.title')}</PageHeading>
        <Loading />
      </section>
    );
  const view = thread.data;
  const assigned = view.thread.assignee;
  const open = view.thread.status === 'open';

  return (
    <section className="stack thread-layout">
      {back}
      <PageHeading testid="thread-subject">{view.thread.subject}</PageHeading>
      <p className="thread-meta">
        <Link href={`/patients/${encodeURIComponent(patientId)}`} data-testid="thread-patient">
          <PatientName patientId={patientId} names={view.thread.patient} />
        </Link>
        <span>{t(TOPIC_KEYS[view.thread.topic])}</span>
        <span data-testid="thread-status">
          {open ? t('console.inbox.statusOpen') : t('console.inbox.statusClosed')}
        </span>
        <span data-testid="thread-assignee">{t('console.thread.assignedTo', { who: who(assigned) })}</span>
      </p>
      <div className="actions">
        {assigned === me ? (
          <button
            type="button"
            className="button button-secondary"
            data-testid="thread-unassign"
            onClick={() => update.mutate({ assignee: null })}
          >
            {t('console.thread.unassign')}
          </button>
        ) : (
          <button
            type="button"
            className="button button-secondary"
            data-testid="thread-assign-me"
            onClick={() => update.mutate({ assignee: me })}
          >
            {t('console.thread.assignMe')}
          </button>
        )}
        <button
          type="button"
          className="button button-secondary"
          data-testid={open ? 'thread-close' : 'thread-reopen'}
          onClick={() =>
            update.mutate(
              { status: open ? 'closed' : 'open' },
              {
                onSuccess: () => status.announce(open ? 'console.thread.closedDone' : 'console.thread.reopenedDone'),
              },
            )
          }
        >
          {open ? t('console.thread.close') : t('console.thread.reopen')}
        </button>
      </div>
      <ErrorMessage error={update.error ?? remove.error} testid="thread-error" />
      <ol className="messages" data-testid="message-list" aria-label={t('console.thread.listLabel')}>
        {view.messages.map((m) => {
          const fromPatient = m.author === 'patient';
          return (
            <li
              key={m.message_id}
              className={`message ${m.internal ? 'message-note' : fromPatient ? 'message-care' : 'message-mine'}`}
              data-testid="message"
              data-internal={m.internal ? 'yes' : 'no'}
              data-deleted={m.deleted_at ? 'yes' : 'no'}
            >
              <p className="message-head">
                <span className="message-author" data-testid="message-author">
                  {fromPatient ? <PatientName patientId={patientId} names={view.thread.patient} /> : who(m.author)}
                </span>
                <CreatedAt iso={m.created_at} />
                {m.internal ? <span className="tag tag-note">{t('console.thread.internalTag')}</span> : null}
                {m.urgent ? <span className="tag tag-urgent">{t('console.thread.urgentTag')}</span> : null}
                {m.via === 'sms' ? <span className="tag">{t('console.thread.viaSms')}</span> : null}
                {m.written_by ? (
                  <span className="tag" data-testid="message-written-by">
                    {t('console.thread.writtenBy', { name: m.written_by })}
                  </span>
                ) : null}
              </p>
              {m.deleted_at ? (
                <p className="muted" data-testid="message-deleted">
                  {t('console.thread.deletedBy', { who: who(m.deleted_by), when: tr.dateTime(m.deleted_at) })}
                </p>
              ) : null}
              <p className={`message-body${m.deleted_at ? ' is-deleted' : ''}`} data-testid="message-body">
                {m.body}
              </p>
              {m.attachments.length ? (
                <ul className="message-files" aria-label={t('console.thread.attachments')}>
                  {m.attachments.map((a) => (
                    <li key={a.attachment_id}>
                      <AttachmentDownload
                        file={a}
                        label={t('console.thread.download', { name: a.file_name, size: tr.fileSize(a.size) })}
                        link={() => staff.attachment(patientId, a.attachment_id)}
                      />
                    </li>
                  ))}
                </ul>
              ) : null}
              {!fromPatient && !m.internal ? (
                <p className="receipt" data-testid="message-receipt" data-read={m.read_at ? 'yes' : 'no'}>
                  {m.read_at ? <ReadAt iso={m.read_at} /> : t('console.thread.notRead')}
                </p>
              ) : null}
              {!m.deleted_at && may(roles, 'deleteMessage') ? (
                <button
                  type="button"
                  className="link-button"
                  data-testid="message-delete"
                  onClick={() => setDeleting(m)}
                >
                  {t('console.thread.delete')}
                </button>
              ) : null}
            </li>
          );
        })}
      </ol>
      <form
        className="stack card reply"
        noValidate
        data-testid="staff-reply-form"
        aria-labelledby="staff-reply-title"
        onSubmit={(e) => {
          e.preventDefault();
          const n = charCount(body);
          const attached = files.readyIds;
          const problem = filesProblem(files);
          setFilesError(problem ? t(problem) : '');
          if (n === 0 && attached.length === 0) {
            setBodyError(t('console.thread.empty'));
            bodyRef.current?.focus();
            return;
          }
          if (n > limits.staffMessageMaxChars) {
            setBodyError(t('console.thread.tooLong', { max: limits.staffMessageMaxChars }));
            bodyRef.current?.focus();
            return;
          }
          setBodyError('');
          if (problem) {
            e.currentTarget.querySelector<HTMLElement>('input[type="file"]')?.focus();
            return;
          }
          reply.mutate({
            body,
            internal,
            urgent: !internal && urgent,
            ...(attached.length ? { attachment_ids: attached } : {}),
          });
        }}
      >
        <h2 id="staff-reply-title">{t('console.thread.replyTitle')}</h2>
        <Field
          label={t(internal ? 'console.thread.noteLabel' : 'console.thread.replyLabel')}
          hint={t('console.thread.replyHint')}
          error={bodyError}
        >
          {({ id, describedBy, invalid }) => (
            <textarea
              ref={bodyRef}
              id={id}
              rows={5}
              data-testid="staff-reply-body"
              aria-describedby={describedBy || undefined}
              aria-invalid={invalid || undefined}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
            />
          )}
        </Field>
        <div className="choice">
          <input
            type="checkbox"
            id="reply-internal"
            data-testid="staff-reply-internal"
            checked={internal}
            onChange={(e) => setInternal(e.currentTarget.checked)}
          />
          <label htmlFor="reply-internal">{t('console.thread.internal')}</label>
        </div>
        {!internal ? (
          <div className="choice">
            <input
              type="checkbox"
              id="reply-urgent"
              data-testid="staff-reply-urgent"
              checked={urgent}
              onChange={(e) => setUrgent(e.currentTarget.checked)}
            />
            <label htmlFor="reply-urgent">{t('console.thread.urgent')}</label>
          </div>
        ) : null}
        <FilePicker
          prefix="staff-reply"
          state={files}
          error={filesError}
          uploads={uploads}
          max={limits.staffFilesPerMessage}
        />
        {internal ? (
          <p className="hint" data-testid="staff-note-files">
            {t('console.thread.noteFiles')}
          </p>
        ) : null}
        <ErrorMessage error={reply.error} testid="staff-reply-error" />
        <div className="actions">
          <BusyButton
            type="submit"
            busy={reply.isPending}
            busyLabel={t('common.sending')}
            disabled={files.busy}
            data-testid="staff-reply-send"
          >
            {t(internal ? 'console.thread.saveNote' : 'console.thread.send')}
          </BusyButton>
        </div>
        <p className="hint" aria-live="polite" data-testid="staff-reply-send-note">
          {files.busy ? t('common.files.waitForFiles') : ''}
        </p>
      </form>
      <ConfirmDialog
        open={deleting !== null}
        testid="delete-confirm"
        danger
        title={t('console.thread.deleteTitle')}
        body={[t('console.thread.deleteBody')]}
        confirmLabel={t('console.thread.deleteYes')}
        cancelLabel={t('common.cancel')}
        onAnswer={(yes) => {
          const m = deleting;
          setDeleting(null);
          if (yes && m) remove.mutate(m);
        }}
      />
    </section>
  );
}

function CreatedAt({ iso }: { iso: string }) {
  const { tr } = useI18n();
  return <time dateTime={iso}>{tr.dateTime(iso)}</time>;
}

function ReadAt({ iso }: { iso: string }) {
  const { t, tr } = useI18n();
  return <>{t('console.thread.readAt', { when: tr.dateTime(iso) })}</>;
}
