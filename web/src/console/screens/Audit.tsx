// The audit trail, for admins: who did what, to which patient, when and how it ended, newest first, a
// page at a time (`GET /staff/audit`), and the same range saved as a file (`GET /staff/audit/export`).
// A range the direct export refuses (too many events) can be prepared as a file instead
// (`POST /staff/audit/exports`), downloaded from a link that works for a few minutes. The filters live
// in this screen's state only: a patient id goes in the query or body of an API call, never in the
// page's address. Loaded when an admin opens it, not with the console.
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { saveBlob } from '../../shared/api/downloads';
import { ApiError } from '../../shared/api/errors';
import { safeTransferUrl } from '../../shared/api/uploads';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { type Translator, wallClockToIso } from '../../shared/i18n/i18n';
import { may } from '../../shared/limits';
import {
  Alert,
  BusyButton,
  ErrorMessage,
  Field,
  LoadFailed,
  Loading,
  PageHeading,
  useStatus,
} from '../../shared/ui/components';
import { sentence } from '../../shared/ui/errors';
import { useConsoleTitle } from '../App';
import { AUDIT_EXPORT_FORMATS, type AuditExportFormat, type AuditFilters, type S, staff } from '../api';
import { useMe, useStaffLabel } from '../parts';

type Event = S['AuditEventView'];
type FilterField = keyof AuditFilters;

/** Who acted (`AuditEventView.actor_kind`: a string the document explains in prose; need 27). */
const ACTOR_KEYS: Record<string, string> = {
  staff: 'console.audit.actor.staff',
  patient: 'console.audit.actor.patient',
  system: 'console.audit.actor.system',
  operator: 'console.audit.actor.operator',
  anonymous: 'console.audit.actor.anonymous',
};

/** How it ended (`AuditEventView.outcome`, listed in the document's prose; need 27). */
const OUTCOME_KEYS: Record<string, string> = {
  success: 'console.audit.outcome.success',
  denied: 'console.audit.outcome.denied',
  not_found: 'console.audit.outcome.notFound',
  rejected: 'console.audit.outcome.rejected',
  error: 'console.audit.outcome.error',
};

const FORMAT_KEYS = {
  csv: 'console.audit.format.csv',
  jsonl: 'console.audit.format.jsonl',
} as const satisfies Record<AuditExportFormat, string>;

const FIELD_KEYS = {
  from: 'console.audit.from',
  to: 'console.audit.to',
  patient_id: 'console.audit.patient',
  actor_id: 'console.audit.actorId',
  action: 'console.audit.action',
} as const satisfies Record<FilterField, string>;

interface Draft {
  from: string;
  to: string;
  patient_id: string;
  actor_id: string;
  action: string;
}
const EMPTY: Draft = { from: '', to: '', patient_id: '', actor_id: '', action: '' };

/** The form as the API reads it: times in RFC 3339 (read in `zone`, this device's when none), blanks left out. */
export function filtersFrom(draft: Draft, zone?: string): AuditFilters {
  const filters: AuditFilters = {};
  for (const key of ['from', 'to'] as const) {
    const at = draft[key] ? wallClockToIso(draft[key], zone) : null;
    if (at) filters[key] = at;
  }
  for (const key of ['patient_id', 'actor_id', 'action'] as const) {
    const value = draft[key].trim();
    if (value) filters[key] = value;
  }
  return filters;
}

const DAY_MS = 86_400_000;

/**
 * What `POST /staff/audit/exports` is asked for: the range and filters searched last. The file needs
 * both ends of the range; one left empty is what the direct export takes it to be (its parameters'
 * documented defaults: `to` now, `from` a day before `to`).
 */
export function fileRequest(
  filters: AuditFilters,
  format: AuditExportFormat,
  now = new Date(),
): S['AuditExportRequest'] {
  const to = filters.to ?? now.toISOString();
  const from = filters.from ?? new Date(Date.parse(to) - DAY_MS).toISOString();
  return { ...filters, from, to, format };
}

/** A direct export refused for its range (named by `from`): the file may hold it (need 31). */
function refusedForRange(error: unknown): boolean {
  return error instanceof ApiError && error.status === 400 && error.fieldErrors.some((f) => f.field === 'from');
}

/** A prepared file: the server's answer, and when (on this device's clock) its link stops working. */
interface PreparedFile {
  file: S['AuditExportFile'];
  until: number;
}

/**
 * The practice's time zone, from its settings (`default_time_zone`, read by admins, who alone read the
 * trail); undefined while it is read, null where this gateway cannot say (times then in this device's).
 */
function usePracticeZone(roles: readonly string[]): string | null | undefined {
  const settings = useQuery({
    queryKey: ['practice-settings'],
    queryFn: staff.practiceSettings,
    enabled: may(roles, 'readPractice'),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    retry: false,
  });
  if (!may(roles, 'readPractice') || settings.isError) return null;
  if (settings.isPending) return undefined;
  return settings.data?.default_time_zone ?? null;
}

export function Audit() {
  const { t, tr: deviceTr } = useI18n();
  useConsoleTitle(t('console.nav.audit'));
  const { roles } = useMe();
  const zone = usePracticeZone(roles);
  // Times in the practice's zone where it is known (the device's otherwise, and said so).
  const tr = zone ? deviceTr.withZone(zone) : deviceTr;
  const [draft, setDraft] = useState<Draft>(EMPTY);
  // What was last asked for: the trail shows it, and the file holds it. Each search is a new read
  // (`n`), never an earlier answer kept for the same filters.
  const [search, setSearch] = useState<{ filters: AuditFilters; n: number }>({ filters: {}, n: 0 });
  const asked = search.filters;
  const ask = (filters: AuditFilters) => setSearch((last) => ({ filters, n: last.n + 1 }));
  const [format, setFormat] = useState<AuditExportFormat>('csv');
  const status = useStatus();
  const resultsRef = useRef<HTMLHeadingElement>(null);

  const trail = useInfiniteQuery({
    queryKey: ['audit', search.n, asked],
    queryFn: ({ pageParam }) => staff.audit(asked, pageParam || undefined),
    initialPageParam: '',
    // A cursor already followed would only go round again.
    getNextPageParam: (last, _pages, _param, params) =>
      last.next_cursor && !params.includes(last.next_cursor) ? last.next_cursor : undefined,
    // Each read is itself audited: read when asked, not on focus or a timer.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
  const download = useMutation({
    mutationFn: (v: { filters: AuditFilters; format: AuditExportFormat }) => staff.exportAudit(v.filters, v.format),
    onSuccess: ({ file, name }) => {
      saveBlob(file, name);
      status.announce('console.audit.downloaded', { name });
    },
  });

  const prepare = useMutation({
    // When the link stops working, on this device's clock: the lifetime counted from its arrival.
    mutationFn: async (v: { filters: AuditFilters; format: AuditExportFormat }): Promise<PreparedFile> => {
      const { file, lifetimeMs } = await staff.exportAuditFile(fileRequest(v.filters, v.format));
      return { file, until: Date.now() + lifetimeMs };
    },
    onSuccess: ({ file }) => status.announce('console.audit.file.prepared', { name: file.file_name }),
  });
  const prepared = prepare.data ?? null;
  const offerFile = may(roles, 'exportAuditFile') && refusedForRange(download.error);

  const events = (trail.data?.pages ?? []).flatMap((p) => p.events);
  // A field the server refused is named next to it (the search's refusal, else the file's).
  const refusal = trail.error ?? download.error ?? prepare.error;
  const fieldError = (field: FilterField): string => {
    const detail = refusal instanceof ApiError ? refusal.fieldErrors.find((f) => f.field === field)?.detail : '';
    if (!detail) return '';
    return tr.lang === 'en' ? sentence(detail) : t('common.error.field', { what: t(FIELD_KEYS[field]).toLowerCase() });
  };
  const input = (field: FilterField, type: string, hint?: ReactNode) => (
    <Field label={t(FIELD_KEYS[field])} hint={hint} error={fieldError(field)} optional>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          type={type}
          step={type === 'datetime-local' ? 1 : undefined}
          autoComplete="off"
          spellCheck={false}
          data-testid={`audit-filter-${field.replace('_', '-')}`}
          aria-describedby={describedBy || undefined}
          aria-invalid={invalid || undefined}
          value={draft[field]}
          onChange={(e) => setDraft({ ...draft, [field]: e.currentTarget.value })}
        />
      )}
    </Field>
  );

  return (
    <section className="stack">
      <PageHeading>{t('console.audit.title')}</PageHeading>
      <p className="lead">{t('console.audit.lead')}</p>
      <form
        className="card stack"
        aria-labelledby="audit-filters-title"
        noValidate
        data-testid="audit-filters"
        onSubmit={(e) => {
          e.preventDefault();
          download.reset();
          prepare.reset();
          ask(filtersFrom(draft, zone ?? undefined));
          resultsRef.current?.focus();
        }}
      >
        <h2 id="audit-filters-title">{t('console.audit.filters')}</h2>
        <div className="filters">
          {input('from', 'datetime-local', t('console.audit.fromHint'))}
          {input('to', 'datetime-local', t('console.audit.toHint'))}
          {input('patient_id', 'text')}
          {input('actor_id', 'text', t('console.audit.actorIdHint'))}
          {input('action', 'text', t('console.audit.actionHint'))}
        </div>
        <p className="hint" data-testid="audit-zone">
          {zone
            ? t('console.audit.zonePractice', { zone: tr.zoneName().replace(/_/g, ' ') })
            : t('console.audit.zone', { zone: tr.zoneName().replace(/_/g, ' ') })}
        </p>
        <div className="actions">
          <button type="submit" className="button" data-testid="audit-search">
            {t('console.audit.search')}
          </button>
          <button
            type="button"
            className="button button-secondary"
            data-testid="audit-clear"
            onClick={() => {
              setDraft(EMPTY);
              download.reset();
              prepare.reset();
              ask({});
            }}
          >
            {t('console.audit.clear')}
          </button>
        </div>
      </form>

      <section className="stack" aria-labelledby="audit-results-title">
        <h2 id="audit-results-title" ref={resultsRef} tabIndex={-1}>
          {t('console.audit.results')}
        </h2>
        {trail.isError ? <LoadFailed error={trail.error} retry={() => void trail.refetch()} /> : null}
        {trail.isPending || zone === undefined ? <Loading /> : null}
        {trail.data && zone !== undefined ? <EventTable events={events} tr={tr} /> : null}
        {trail.data && !events.length ? (
          <p data-testid="audit-empty">{t(trail.hasNextPage ? 'console.audit.noneYet' : 'console.audit.none')}</p>
        ) : null}
        {trail.hasNextPage ? (
          <div className="actions">
            <BusyButton
              type="button"
              className="button button-secondary"
              busy={trail.isFetchingNextPage}
              busyLabel={t('common.loading')}
              data-testid="audit-more"
              onClick={() => void trail.fetchNextPage()}
            >
              {t('console.audit.more')}
            </BusyButton>
          </div>
        ) : trail.data ? (
          <p className="hint" data-testid="audit-end">
            {t('console.audit.end')}
          </p>
        ) : null}
      </section>

      {may(roles, 'exportAudit') ? (
        <form
          className="card stack"
          aria-labelledby="audit-export-title"
          data-testid="audit-export"
          onSubmit={(e) => {
            e.preventDefault();
            prepare.reset();
            download.mutate({ filters: asked, format });
          }}
        >
          <h2 id="audit-export-title">{t('console.audit.exportTitle')}</h2>
          <p className="hint">{t('console.audit.exportHint')}</p>
          <Field label={t('console.audit.format')}>
            {({ id }) => (
              <select
                id={id}
                data-testid="audit-format"
                value={format}
                onChange={(e) => setFormat(e.currentTarget.value as AuditExportFormat)}
              >
                {AUDIT_EXPORT_FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {t(FORMAT_KEYS[f])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <ErrorMessage error={download.error} testid="audit-export-error" focus />
          <div className="actions">
            <BusyButton
              type="submit"
              busy={download.isPending}
              busyLabel={t('common.download.preparing')}
              data-testid="audit-download"
            >
              {t('console.audit.download')}
            </BusyButton>
          </div>
          {offerFile || prepare.isPending || prepare.data || prepare.error ? (
            <section className="stack" aria-labelledby="audit-file-title" data-testid="audit-file">
              <h3 id="audit-file-title">{t('console.audit.file.title')}</h3>
              {prepared ? (
                <FileLink
                  prepared={prepared}
                  tr={tr}
                  again={() => prepare.mutate({ filters: asked, format })}
                  preparing={prepare.isPending}
                />
              ) : (
                <>
                  <p data-testid="audit-file-offer">{t('console.audit.file.offer')}</p>
                  <ErrorMessage error={prepare.error} testid="audit-file-error" focus />
                  <div className="actions">
                    <BusyButton
                      type="button"
                      className="button button-secondary"
                      busy={prepare.isPending}
                      busyLabel={t('console.audit.file.preparing')}
                      data-testid="audit-file-prepare"
                      onClick={() => prepare.mutate({ filters: asked, format })}
                    >
                      {t('console.audit.file.prepare')}
                    </BusyButton>
                  </div>
                </>
              )}
            </section>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}

/**
 * A prepared file: its name, how many events and how large, and its link while it works (the server
 * says until when); once it has expired, a way to prepare it again.
 */
function FileLink({
  prepared: { file, until },
  tr,
  again,
  preparing,
}: {
  prepared: PreparedFile;
  tr: Translator;
  again: () => void;
  preparing: boolean;
}) {
  const { t } = useI18n();
  const [expired, setExpired] = useState(() => Date.now() >= until);
  const linkRef = useRef<HTMLAnchorElement>(null);
  // A new link takes the focus from the button that asked for it (which is gone).
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new link (a new expiry) takes it
  useEffect(() => linkRef.current?.focus(), [until]);
  useEffect(() => {
    const left = until - Date.now();
    setExpired(left <= 0);
    if (left <= 0) return;
    const timer = window.setTimeout(() => setExpired(true), left);
    return () => window.clearTimeout(timer);
  }, [until]);
  const href = safeTransferUrl(file.url);
  const summary = (
    <p data-testid="audit-file-summary">
      {t('console.audit.file.summary', { name: file.file_name, n: file.events, size: tr.fileSize(file.bytes) })}
    </p>
  );
  if (expired || !href)
    return (
      <>
        {summary}
        <Alert tone="info" testid="audit-file-expired">
          <p>{t('console.audit.file.expired')}</p>
        </Alert>
        <div className="actions">
          <BusyButton
            type="button"
            className="button button-secondary"
            busy={preparing}
            busyLabel={t('console.audit.file.preparing')}
            data-testid="audit-file-again"
            onClick={again}
          >
            {t('console.audit.file.again')}
          </BusyButton>
        </div>
      </>
    );
  return (
    <>
      {summary}
      <p data-testid="audit-file-expiry">
        {t('console.audit.file.works', {
          minutes: Math.max(1, Math.round((until - Date.now()) / 60_000)),
          time: tr.shortDate(new Date(until).toISOString()),
        })}
      </p>
      <div className="actions">
        <a
          ref={linkRef}
          className="button"
          href={href}
          download={file.file_name}
          rel="noreferrer"
          aria-label={t('console.audit.file.linkNamed', { name: file.file_name })}
          data-testid="audit-file-link"
          onClick={(e) => {
            // A link kept open past its time: say so rather than fetch a refusal.
            if (Date.now() < until) return;
            e.preventDefault();
            setExpired(true);
          }}
        >
          {t('console.audit.file.link')}
        </a>
      </div>
    </>
  );
}

/** The events as a table that scrolls sideways on a narrow screen (a focusable region, so keys scroll it). */
function EventTable({ events, tr }: { events: Event[]; tr: Translator }) {
  const { t } = useI18n();
  const who = useStaffLabel();
  if (!events.length) return null;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard to scroll it (WCAG 2.1.1)
    <section className="table-scroll" aria-labelledby="audit-caption" tabIndex={0}>
      <table className="audit" data-testid="audit-table">
        <caption id="audit-caption" className="visually-hidden">
          {t('console.audit.caption', { n: events.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('console.audit.time')}</th>
            <th scope="col">{t('console.audit.actor')}</th>
            <th scope="col">{t('console.audit.action')}</th>
            <th scope="col">{t('console.audit.patient')}</th>
            <th scope="col">{t('console.audit.outcome')}</th>
            <th scope="col">{t('console.audit.status')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr
              key={`${e.request_id}-${e.at}-${e.action}`}
              data-testid="audit-row"
              data-action={e.action}
              data-outcome={e.outcome}
            >
              <td>
                <time dateTime={e.at}>{tr.timestamp(e.at)}</time>
              </td>
              <td data-testid="audit-actor">
                {ACTOR_KEYS[e.actor_kind] ? t(ACTOR_KEYS[e.actor_kind] as string) : e.actor_kind}
                {e.actor_id ? (
                  <>
                    {e.actor_kind === 'staff' ? <span className="audit-who"> {who(e.actor_id)}</span> : null}
                    <code className="audit-id" data-testid="audit-actor-id">
                      {e.actor_id}
                    </code>
                  </>
                ) : null}
              </td>
              <td>
                <code data-testid="audit-action">{e.action}</code>
              </td>
              <td>{e.patient_id ? <code data-testid="audit-patient">{e.patient_id}</code> : null}</td>
              <td data-testid="audit-outcome" className={e.outcome === 'success' ? undefined : 'audit-not-ok'}>
                {OUTCOME_KEYS[e.outcome] ? t(OUTCOME_KEYS[e.outcome] as string) : e.outcome}
              </td>
              <td data-testid="audit-status">{e.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
