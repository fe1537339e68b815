// Patients: search, the chart (demographics and their correction, invitation, disable and turn back
// on, communication facts), and enrolment.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link, Redirect, useLocation } from 'wouter';
import { ApiError } from '../../shared/api/errors';
import { putAnswer } from '../../shared/api/query';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { may } from '../../shared/limits';
import {
  BusyButton,
  ConfirmDialog,
  ErrorMessage,
  Field,
  LoadFailed,
  Loading,
  PageHeading,
  useStatus,
} from '../../shared/ui/components';
import { useConsoleTitle } from '../App';
import { type S, staff } from '../api';
import { fullName, useMe } from '../parts';
import { mayBill } from './BillingApi';
import { PatientContact } from './PatientContact';
import { PatientProxies } from './PatientProxies';

// Loaded when staff open it, not with the console.
const PatientDetailsForm = lazy(() => import('./PatientDetails').then((m) => ({ default: m.PatientDetailsForm })));
const PatientBilling = lazy(() => import('./PatientBilling').then((m) => ({ default: m.PatientBilling })));

export function Patients() {
  const { t, tr } = useI18n();
  useConsoleTitle(t('console.nav.patients'));
  const [query, setQuery] = useState('');
  const [asked, setAsked] = useState('');
  const results = useQuery({
    queryKey: ['search', asked],
    queryFn: () => staff.search(asked),
    enabled: asked.length > 0,
  });
  const { roles } = useMe();
  return (
    <section className="stack">
      <PageHeading>{t('console.patients.title')}</PageHeading>
      {may(roles, 'enrol') ? (
        <p>
          <Link className="button button-secondary" href="/patients/new" data-testid="enrol-open">
            {t('console.patients.enrol')}
          </Link>
        </p>
      ) : null}
      <form
        className="search"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(query.trim());
        }}
      >
        <Field label={t('console.patients.search')} hint={t('console.patients.searchHint')}>
          {({ id, describedBy }) => (
            <input
              id={id}
              type="search"
              data-testid="patient-search"
              aria-describedby={describedBy || undefined}
              value={query}
              onChange={(e) => setQuery(e.currentTarget.value)}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="button" data-testid="patient-search-submit">
            {t('console.patients.find')}
          </button>
        </div>
      </form>
      {results.isError ? <ErrorMessage error={results.error} testid="search-error" /> : null}
      {results.isFetching ? <Loading /> : null}
      {results.data ? (
        results.data.patients.length ? (
          <ul
            className="list"
            data-testid="patient-results"
            aria-label={t('console.patients.results', { n: results.data.patients.length })}
          >
            {results.data.patients.map((p) => (
              <li key={p.patient_id} className="list-row">
                <Link href={`/patients/${encodeURIComponent(p.patient_id)}`} data-testid="patient-result">
                  {p.given_name} {p.family_name}
                </Link>
                <span className="hint">{t('console.patients.born', { date: tr.calendarDate(p.date_of_birth) })}</span>
                {p.status === 'disabled' ? <span className="tag">{t('console.patients.disabled')}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p data-testid="patient-none">{t('console.patients.none')}</p>
        )
      ) : null}
    </section>
  );
}

export function PatientChart({ patientId, tab = 'overview' }: { patientId: string; tab?: 'overview' | 'billing' }) {
  const { t, tr } = useI18n();
  useConsoleTitle(t('console.chart.title'));
  const client = useQueryClient();
  const status = useStatus();
  const { roles } = useMe();
  const patient = useQuery({ queryKey: ['patient', patientId], queryFn: () => staff.patient(patientId) });
  const [channel, setChannel] = useState<'' | S['Channel']>('');
  const [confirmDisable, setConfirmDisable] = useState(false);
  const [confirmEnable, setConfirmEnable] = useState(false);
  const [editing, setEditing] = useState(false);
  // Back to "Edit details" once the form has closed (the button is new then).
  const [backToEdit, setBackToEdit] = useState(false);
  const editRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!backToEdit) return;
    editRef.current?.focus();
    setBackToEdit(false);
  }, [backToEdit]);
  const invite = useMutation({
    // Values are passed when the form is sent: the options reach the mutation a frame after a render.
    mutationFn: (by: S['Channel'] | null) => staff.invite(patientId, by),
    onSuccess: (sent) => {
      status.announce('console.chart.invited', { destination: sent.destination, when: tr.dateTime(sent.expires_at) });
      void client.invalidateQueries({ queryKey: ['patient', patientId] });
    },
  });
  const disable = useMutation({
    mutationFn: () => staff.disable(patientId),
    onSuccess: (view) => {
      putAnswer(client, ['patient', patientId], view);
      status.announce('console.chart.disabledDone');
    },
  });
  const enable = useMutation({
    mutationFn: () => staff.enable(patientId),
    onSuccess: (view) => {
      setConfirmEnable(false);
      putAnswer(client, ['patient', patientId], view);
      void client.invalidateQueries({ queryKey: ['contact-facts', patientId] });
      status.announce('console.chart.enabledDone', { name: fullName(view) });
    },
  });

  if (patient.isError)
    return (
      <section className="stack">
        <PageHeading>{t('console.chart.title')}</PageHeading>
        {patient.error instanceof ApiError && patient.error.status === 404 ? (
          <p>{t('console.patient.unknown')}</p>
        ) : (
          <LoadFailed error={patient.error} retry={() => void patient.refetch()} />
        )}
      </section>
    );
  if (!patient.data)
    return (
      <section className="stack">
        <PageHeading>{t('console.chart.title')}</PageHeading>
        <Loading />
      </section>
    );
  const p = patient.data;
  return (
    <section className="stack">
      <p className="back">
        <Link href="/patients">{t('console.chart.back')}</Link>
      </p>
      <PageHeading testid="chart-name">{fullName(p)}</PageHeading>
      {mayBill(roles, 'readLedger') ? <ChartTabs patientId={patientId} tab={tab} /> : null}
      {tab === 'billing' ? (
        mayBill(roles, 'readLedger') ? (
          <Suspense fallback={<Loading />}>
            <PatientBilling patientId={patientId} patientName={fullName(p)} />
          </Suspense>
        ) : (
          <Redirect to={`/patients/${encodeURIComponent(patientId)}`} replace />
        )
      ) : (
        <>
          <section className="card stack" aria-labelledby="demo-title" data-testid="chart-demographics">
            <h2 id="demo-title">{t('console.chart.demographics')}</h2>
            {editing ? (
              <Suspense fallback={<Loading />}>
                <PatientDetailsForm
                  patient={p}
                  onDone={() => {
                    setEditing(false);
                    setBackToEdit(true);
                  }}
                />
              </Suspense>
            ) : (
              <>
                <Demographics patient={p} />
                {may(roles, 'editPatient') ? (
                  <div className="actions">
                    <button
                      ref={editRef}
                      type="button"
                      className="button button-secondary"
                      data-testid="patient-edit-open"
                      onClick={() => setEditing(true)}
                    >
                      {t('console.patientEdit.open')}
                    </button>
                  </div>
                ) : null}
              </>
            )}
          </section>
          <PatientContact patientId={patientId} patientName={fullName(p)} />
          <PatientProxies patientId={patientId} patientName={fullName(p)} />
          {may(roles, 'invite') || may(roles, 'disable') || may(roles, 'enablePatient') ? (
            <section className="card stack" aria-labelledby="account-title">
              <h2 id="account-title">{t('console.chart.accountActions')}</h2>
              {may(roles, 'invite') && p.status === 'active' ? (
                <form
                  className="stack"
                  onSubmit={(e) => {
                    e.preventDefault();
                    invite.mutate(channel || null);
                  }}
                >
                  <Field label={t('console.chart.inviteBy')}>
                    {({ id }) => (
                      <select
                        id={id}
                        data-testid="invite-channel"
                        value={channel}
                        onChange={(e) => setChannel(e.currentTarget.value as '' | S['Channel'])}
                      >
                        <option value="">{t('console.chart.inviteDefault')}</option>
                        <option value="email">{t('console.chart.email')}</option>
                        <option value="sms">{t('console.chart.phone')}</option>
                      </select>
                    )}
                  </Field>
                  <ErrorMessage error={invite.error} testid="invite-error" />
                  <div className="actions">
                    <BusyButton
                      type="submit"
                      busy={invite.isPending}
                      busyLabel={t('common.sending')}
                      data-testid="invite-send"
                    >
                      {t('console.chart.invite')}
                    </BusyButton>
                  </div>
                </form>
              ) : null}
              {may(roles, 'disable') && p.status === 'active' ? (
                <div className="actions">
                  <button
                    type="button"
                    className="button button-danger"
                    data-testid="disable-open"
                    onClick={() => setConfirmDisable(true)}
                  >
                    {t('console.chart.disable')}
                  </button>
                </div>
              ) : null}
              {may(roles, 'enablePatient') && p.status === 'disabled' ? (
                <div className="actions">
                  <button
                    type="button"
                    className="button button-secondary"
                    data-testid="enable-open"
                    onClick={() => {
                      enable.reset();
                      setConfirmEnable(true);
                    }}
                  >
                    {t('console.chart.enable')}
                  </button>
                </div>
              ) : null}
              <ErrorMessage error={disable.error} testid="disable-error" />
            </section>
          ) : null}
        </>
      )}
      <ConfirmDialog
        open={confirmDisable}
        testid="disable-confirm"
        danger
        title={t('console.chart.disableTitle', { name: fullName(p) })}
        body={[t('console.chart.disableBody')]}
        confirmLabel={t('console.chart.disableYes')}
        cancelLabel={t('common.cancel')}
        onAnswer={(yes) => {
          setConfirmDisable(false);
          if (yes) disable.mutate();
        }}
      />
      <ConfirmDialog
        open={confirmEnable}
        testid="enable-confirm"
        title={t('console.chart.enableTitle', { name: fullName(p) })}
        body={[t('console.chart.enableBody')]}
        confirmLabel={t('console.chart.enableYes')}
        cancelLabel={t('common.cancel')}
        busy={enable.isPending}
        busyLabel={t('console.chart.enabling')}
        onAnswer={(yes) => {
          if (yes) enable.mutate();
          else setConfirmEnable(false);
        }}
      >
        {enable.error ? <ErrorMessage error={enable.error} testid="enable-error" focus /> : null}
      </ConfirmDialog>
    </section>
  );
}

/** The chart's parts, as tabs: the record (overview) and, for admins and billing staff, Billing. */
function ChartTabs({ patientId, tab }: { patientId: string; tab: 'overview' | 'billing' }) {
  const { t } = useI18n();
  const base = `/patients/${encodeURIComponent(patientId)}`;
  return (
    <nav aria-label={t('console.chart.tabs')} data-testid="chart-tabs">
      <ul className="chart-tabs">
        <li>
          <Link href={base} aria-current={tab === 'overview' ? 'page' : undefined} data-testid="chart-tab-overview">
            {t('console.chart.tabOverview')}
          </Link>
        </li>
        <li>
          <Link
            href={`${base}/billing`}
            aria-current={tab === 'billing' ? 'page' : undefined}
            data-testid="chart-tab-billing"
          >
            {t('console.chart.tabBilling')}
          </Link>
        </li>
      </ul>
    </nav>
  );
}

/** What the chart shows of the record (a field left empty says so). */
function Demographics({ patient: p }: { patient: S['PatientView'] }) {
  const { t, tr } = useI18n();
  const row = (label: string, value: string | null | undefined, testid: string) => (
    <div className="row">
      <dt>{label}</dt>
      <dd data-testid={testid}>{value || <span className="muted">{t('console.chart.none')}</span>}</dd>
    </div>
  );
  return (
    <dl className="details">
      {row(t('console.chart.preferredName'), p.preferred_name, 'chart-preferred-name')}
      {row(t('console.chart.dob'), tr.calendarDate(p.date_of_birth), 'chart-dob')}
      {row(t('console.chart.pronouns'), p.pronouns, 'chart-pronouns')}
      {row(t('console.chart.email'), p.email, 'chart-email')}
      {row(t('console.chart.phone'), p.phone, 'chart-phone')}
      {row(t('console.chart.language'), p.language, 'chart-language')}
      {row(t('console.chart.timeZone'), p.time_zone, 'chart-time-zone')}
      {row(
        t('console.chart.account'),
        t(p.status === 'active' ? 'console.chart.active' : 'console.chart.disabled'),
        'chart-status',
      )}
      {row(
        t('console.chart.invitation'),
        t(p.invitation_sent ? 'console.chart.invitationOut' : 'console.chart.invitationNone'),
        'chart-invitation',
      )}
    </dl>
  );
}

export function Enrol() {
  const { t } = useI18n();
  useConsoleTitle(t('console.enrol.title'));
  const [, navigate] = useLocation();
  const status = useStatus();
  const [form, setForm] = useState({
    given_name: '',
    family_name: '',
    date_of_birth: '',
    email: '',
    phone: '',
    language: 'en',
  });
  // The form is read when it is sent, not from the options of an earlier render.
  const enrol = useMutation({
    mutationFn: (patient: S['NewPatientRequest']) => staff.enrol(patient),
    onSuccess: (p) => {
      const path = `/patients/${encodeURIComponent(p.patient_id)}`;
      status.announce('console.enrol.done', { name: fullName(p) }, path);
      navigate(path);
    },
  });
  const fieldErrors =
    enrol.error instanceof ApiError ? Object.fromEntries(enrol.error.fieldErrors.map((f) => [f.field, f.detail])) : {};
  const input = (name: keyof typeof form, label: string, type: string, autoComplete: string, optional = false) => (
    <Field label={label} error={fieldErrors[name]} optional={optional}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          type={type}
          autoComplete={autoComplete}
          data-testid={`enrol-${name}`}
          aria-describedby={describedBy || undefined}
          aria-invalid={invalid || undefined}
          value={form[name]}
          onChange={(e) => setForm({ ...form, [name]: e.currentTarget.value })}
        />
      )}
    </Field>
  );
  return (
    <section className="stack">
      <PageHeading>{t('console.enrol.title')}</PageHeading>
      <form
        className="card stack"
        noValidate
        data-testid="enrol-form"
        onSubmit={(e) => {
          e.preventDefault();
          enrol.mutate({
            given_name: form.given_name.trim(),
            family_name: form.family_name.trim(),
            date_of_birth: form.date_of_birth,
            email: form.email.trim() || null,
            phone: form.phone.trim() || null,
            language: form.language,
          });
        }}
      >
        {input('given_name', t('console.enrol.given'), 'text', 'off')}
        {input('family_name', t('console.enrol.family'), 'text', 'off')}
        {input('date_of_birth', t('console.enrol.dob'), 'date', 'off')}
        {input('email', t('console.chart.email'), 'email', 'off', true)}
        {input('phone', t('console.chart.phone'), 'tel', 'off', true)}
        <Field label={t('console.chart.language')}>
          {({ id }) => (
            <select
              id={id}
              data-testid="enrol-language"
              value={form.language}
              onChange={(e) => setForm({ ...form, language: e.currentTarget.value })}
            >
              <option value="en">English</option>
              <option value="es">Español</option>
            </select>
          )}
        </Field>
        <ErrorMessage error={enrol.error} testid="enrol-error" />
        <div className="actions">
          <BusyButton type="submit" busy={enrol.isPending} busyLabel={t('common.saving')} data-testid="enrol-submit">
            {t('console.enrol.submit')}
          </BusyButton>
        </div>
      </form>
    </section>
  );
}
