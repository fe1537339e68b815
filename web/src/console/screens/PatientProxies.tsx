// The chart's proxies: who can act for the patient (a parent, a caregiver, a guarantor) and whom the
// patient acts for, each with its standing, relationship, scopes and last use; adding someone (found
// with the patient search) and ending a grant, for the roles the API document allows.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { isMissingRoute } from '../../shared/api/errors';
import { enums } from '../../shared/api/openapi-values';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { may } from '../../shared/limits';
import {
  BusyButton,
  ConfirmDialog,
  ErrorMessage,
  Field,
  LoadFailed,
  Loading,
  useStatus,
} from '../../shared/ui/components';
import { type S, staff } from '../api';
import { fullName, useFieldErrors, useMe } from '../parts';

type Grant = S['GrantView'];
type Scope = S['Scope'];
type Relationship = S['Relationship'];
type LegalBasis = S['LegalBasis'];

const RELATIONSHIP_KEYS = {
  parent: 'console.proxies.rel.parent',
  legal_guardian: 'console.proxies.rel.legalGuardian',
  caregiver: 'console.proxies.rel.caregiver',
  family: 'console.proxies.rel.family',
  guarantor: 'console.proxies.rel.guarantor',
  legal_representative: 'console.proxies.rel.legalRepresentative',
} as const satisfies Record<Relationship, string>;

const SCOPE_KEYS = {
  messages: 'console.proxies.scope.messages',
  appointments: 'console.proxies.scope.appointments',
  forms: 'console.proxies.scope.forms',
  documents: 'console.proxies.scope.documents',
  billing: 'console.proxies.scope.billing',
  profile: 'console.proxies.scope.profile',
} as const satisfies Record<Scope, string>;

const BASIS_KEYS = {
  parental_responsibility: 'console.proxies.basis.parental',
  court_order: 'console.proxies.basis.courtOrder',
  power_of_attorney: 'console.proxies.basis.powerOfAttorney',
  patient_authorization: 'console.proxies.basis.patientAuthorization',
  financial_responsibility: 'console.proxies.basis.financial',
} as const satisfies Record<LegalBasis, string>;

const STANDING_KEYS = {
  full: 'console.proxies.standing.full',
  limited: 'console.proxies.standing.limited',
  ended: 'console.proxies.standing.ended',
} as const satisfies Record<S['Standing'], string>;

const RELATIONSHIPS = enums.Relationship as readonly Relationship[];
const SCOPES = enums.Scope as readonly Scope[];
const BASES = enums.LegalBasis as readonly LegalBasis[];

export function PatientProxies({ patientId, patientName }: { patientId: string; patientName: string }) {
  const { t } = useI18n();
  const { roles } = useMe();
  const list = useQuery({ queryKey: ['proxies', patientId], queryFn: () => staff.proxies(patientId) });
  const mayAdd = may(roles, 'addProxy');
  const mayEnd = may(roles, 'endProxy');
  // A gateway without the route yet: the section is left out.
  if (list.isError && isMissingRoute(list.error)) return null;
  return (
    <section className="card stack" aria-labelledby="proxies-title" data-testid="chart-proxies">
      <h2 id="proxies-title">{t('console.proxies.title')}</h2>
      {list.isError ? <LoadFailed error={list.error} retry={() => void list.refetch()} /> : null}
      {list.isPending ? <Loading /> : null}
      {list.data ? (
        <>
          <h3>{t('console.proxies.forPatient', { name: patientName })}</h3>
          <GrantRows
            testid="proxies-for-patient"
            grants={list.data.acting_for_patient}
            side="proxy"
            patientId={patientId}
            mayEnd={mayEnd}
            empty={t('console.proxies.noneForPatient')}
          />
          <h3>{t('console.proxies.patientActsFor', { name: patientName })}</h3>
          <GrantRows
            testid="proxies-patient-acts-for"
            grants={list.data.patient_acts_for}
            side="patient"
            patientId={patientId}
            mayEnd={mayEnd}
            empty={t('console.proxies.nonePatientActsFor')}
          />
        </>
      ) : null}
      {mayAdd ? <AddProxy patientId={patientId} patientName={patientName} /> : null}
    </section>
  );
}

function GrantRows({
  testid,
  grants,
  side,
  patientId,
  mayEnd,
  empty,
}: {
  testid: string;
  grants: Grant[];
  side: 'proxy' | 'patient';
  patientId: string;
  mayEnd: boolean;
  empty: string;
}) {
  const { t, tr } = useI18n();
  const client = useQueryClient();
  const status = useStatus();
  const [asking, setAsking] = useState<Grant | null>(null);
  const end = useMutation({
    // A grant is ended from the patient whose it is.
    mutationFn: (g: Grant) => staff.endProxy(g.patient_id, g.grant_id),
    onSuccess: () => {
      setAsking(null);
      status.announce('console.proxies.ended');
      void client.invalidateQueries({ queryKey: ['proxies', patientId] });
    },
  });
  if (!grants.length) return <p data-testid={`${testid}-empty`}>{empty}</p>;
  const askingName = asking ? fullName(side === 'proxy' ? asking.proxy : asking.patient) : '';
  return (
    <>
      <ul className="list" data-testid={testid}>
        {grants.map((g) => {
          const other = side === 'proxy' ? g.proxy : g.patient;
          const otherId = side === 'proxy' ? g.proxy_id : g.patient_id;
          return (
            <li key={g.grant_id} className="list-row" data-testid="proxy-grant" data-grant-id={g.grant_id}>
              <Link href={`/patients/${encodeURIComponent(otherId)}`} data-testid="proxy-grant-name">
                {fullName(other)}
              </Link>{' '}
              <span className="tag" data-testid="proxy-grant-standing" data-standing={g.standing}>
                {t(STANDING_KEYS[g.standing])}
              </span>
              <span className="hint">
                {' '}
                {t(RELATIONSHIP_KEYS[g.relationship])} · {t(BASIS_KEYS[g.legal_basis])} ·{' '}
                <span data-testid="proxy-grant-scopes">{g.scopes.map((s) => t(SCOPE_KEYS[s])).join(', ')}</span> ·{' '}
                {g.last_used_at
                  ? t('console.proxies.lastUsed', { when: tr.dateTime(g.last_used_at) })
                  : t('console.proxies.neverUsed')}
                {g.expires_at ? ` · ${t('console.proxies.until', { when: tr.dateTime(g.expires_at) })}` : ''}
              </span>
              {mayEnd && g.standing !== 'ended' ? (
                <button
                  type="button"
                  className="button button-secondary button-small"
                  data-testid="proxy-grant-end"
                  onClick={() => {
                    end.reset();
                    setAsking(g);
                  }}
                >
                  {t('console.proxies.end')}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={asking !== null}
        testid="proxy-end-confirm"
        danger
        title={t('console.proxies.endTitle', { name: askingName })}
        body={[t('console.proxies.endBody')]}
        confirmLabel={t('console.proxies.endYes')}
        cancelLabel={t('common.cancel')}
        busy={end.isPending}
        busyLabel={t('common.saving')}
        onAnswer={(yes) => {
          if (yes && asking) end.mutate(asking);
          else setAsking(null);
        }}
      >
        {end.error ? <ErrorMessage error={end.error} testid="proxy-end-error" focus /> : null}
      </ConfirmDialog>
    </>
  );
}

interface AddDraft {
  relationship: Relationship;
  legal_basis: LegalBasis;
  scopes: Scope[];
  expires_on: string;
}

const START: AddDraft = {
  relationship: 'parent',
  legal_basis: 'parental_responsibility',
  scopes: ['messages'],
  expires_on: '',
};

function AddProxy({ patientId, patientName }: { patientId: string; patientName: string }) {
  const { t, tr } = useI18n();
  const client = useQueryClient();
  const status = useStatus();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [asked, setAsked] = useState('');
  const [proxy, setProxy] = useState<S['PatientSummary'] | null>(null);
  const [form, setForm] = useState<AddDraft>(START);
  const results = useQuery({
    queryKey: ['search', asked],
    queryFn: () => staff.search(asked),
    enabled: asked.length > 0,
  });
  const add = useMutation({
    mutationFn: (body: S['NewGrantRequest']) => staff.addProxy(patientId, body),
    onSuccess: (grant) => {
      status.announce('console.proxies.added', { name: fullName(grant.proxy), patient: patientName });
      setOpen(false);
      setProxy(null);
      setAsked('');
      setQuery('');
      setForm(START);
      void client.invalidateQueries({ queryKey: ['proxies', patientId] });
    },
  });
  const fieldError = useFieldErrors(add.error);
  const guarantor = form.relationship === 'guarantor';
  const scopes = guarantor ? (['billing'] as Scope[]) : form.scopes;

  if (!open)
    return (
      <div className="actions">
        <button
          type="button"
          className="button button-secondary"
          data-testid="proxy-add-open"
          onClick={() => setOpen(true)}
        >
          {t('console.proxies.add')}
        </button>
      </div>
    );
  return (
    <div className="stack" data-testid="proxy-add">
      <h3>{t('console.proxies.add')}</h3>
      {proxy ? (
        <p data-testid="proxy-add-chosen">
          {t('console.proxies.chosen', { name: fullName(proxy) })}{' '}
          <button type="button" className="link-button" data-testid="proxy-add-change" onClick={() => setProxy(null)}>
            {t('console.proxies.change')}
          </button>
        </p>
      ) : (
        <form
          className="search stack"
          onSubmit={(e) => {
            e.preventDefault();
            setAsked(query.trim());
          }}
        >
          <Field label={t('console.proxies.search')} hint={t('console.patients.searchHint')}>
            {({ id, describedBy }) => (
              <input
                id={id}
                type="search"
                data-testid="proxy-search"
                aria-describedby={describedBy || undefined}
                value={query}
                onChange={(e) => setQuery(e.currentTarget.value)}
              />
            )}
          </Field>
          <div className="actions">
            <button type="submit" className="button button-secondary" data-testid="proxy-search-submit">
              {t('console.patients.find')}
            </button>
          </div>
          {results.isError ? <ErrorMessage error={results.error} testid="proxy-search-error" /> : null}
          {results.isFetching ? <Loading /> : null}
          <div aria-live="polite">
            {results.data ? (
              results.data.patients.filter((p) => p.patient_id !== patientId).length ? (
                <ul className="list" data-testid="proxy-search-results">
                  {results.data.patients
                    .filter((p) => p.patient_id !== patientId)
                    .map((p) => (
                      <li key={p.patient_id} className="list-row">
                        <button
                          type="button"
                          className="link-button"
                          data-testid="proxy-search-result"
                          onClick={() => setProxy(p)}
                        >
                          {t('console.proxies.choose', { name: `${p.given_name} ${p.family_name}` })}
                        </button>
                        <span className="hint">
                          {t('console.patients.born', { date: tr.calendarDate(p.date_of_birth) })}
                        </span>
                      </li>
                    ))}
                </ul>
              ) : (
                <p data-testid="proxy-search-none">{t('console.patients.none')}</p>
              )
            ) : null}
          </div>
        </form>
      )}
      {proxy ? (
        <form
          className="stack"
          noValidate
          data-testid="proxy-add-form"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate({
              proxy_id: proxy.patient_id,
              relationship: form.relationship,
              legal_basis: form.legal_basis,
              scopes,
              ...(form.expires_on ? { expires_on: form.expires_on } : {}),
            });
          }}
        >
          <Field
            label={t('console.proxies.relationship')}
            error={fieldError('relationship', t('console.proxies.relationship'))}
          >
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                data-testid="proxy-relationship"
                aria-describedby={describedBy || undefined}
                aria-invalid={invalid || undefined}
                value={form.relationship}
                onChange={(e) => setForm({ ...form, relationship: e.currentTarget.value as Relationship })}
              >
                {RELATIONSHIPS.map((r) => (
                  <option key={r} value={r}>
                    {t(RELATIONSHIP_KEYS[r])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('console.proxies.basis')} error={fieldError('legal_basis', t('console.proxies.basis'))}>
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                data-testid="proxy-basis"
                aria-describedby={describedBy || undefined}
                aria-invalid={invalid || undefined}
                value={form.legal_basis}
                onChange={(e) => setForm({ ...form, legal_basis: e.currentTarget.value as LegalBasis })}
              >
                {BASES.map((b) => (
                  <option key={b} value={b}>
                    {t(BASIS_KEYS[b])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset className="stack" data-testid="proxy-scopes">
            <legend>{t('console.proxies.scopes')}</legend>
            {guarantor ? <p className="hint">{t('console.proxies.guarantorOnly')}</p> : null}
            {fieldError('scopes', t('console.proxies.scopes')) ? (
              <p className="field-error">{fieldError('scopes', t('console.proxies.scopes'))}</p>
            ) : null}
            <div className="choice-row">
              {SCOPES.map((scope) => (
                <div className="choice" key={scope}>
                  <input
                    type="checkbox"
                    id={`staff-proxy-scope-${scope}`}
                    data-testid={`proxy-scope-${scope}`}
                    checked={scopes.includes(scope)}
                    disabled={guarantor}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      setForm({
                        ...form,
                        scopes: on ? [...form.scopes, scope] : form.scopes.filter((s) => s !== scope),
                      });
                    }}
                  />
                  <label htmlFor={`staff-proxy-scope-${scope}`}>{t(SCOPE_KEYS[scope])}</label>
                </div>
              ))}
            </div>
          </fieldset>
          <Field
            label={t('console.proxies.lastDay')}
            hint={t('console.proxies.lastDayHint')}
            optional
            error={fieldError('expires_on', t('console.proxies.lastDay'))}
          >
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                type="date"
                data-testid="proxy-expires"
                aria-describedby={describedBy || undefined}
                aria-invalid={invalid || undefined}
                value={form.expires_on}
                onChange={(e) => setForm({ ...form, expires_on: e.currentTarget.value })}
              />
            )}
          </Field>
          <ErrorMessage error={add.error} testid="proxy-add-error" focus />
          <div className="actions">
            <BusyButton type="submit" busy={add.isPending} busyLabel={t('common.saving')} data-testid="proxy-add-save">
              {t('console.proxies.addSave')}
            </BusyButton>
            <button
              type="button"
              className="button button-secondary"
              data-testid="proxy-add-cancel"
              onClick={() => {
                setOpen(false);
                setProxy(null);
                add.reset();
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
