// Who can act for you (the account's owner only): each person with what they may do, who granted it,
// when they last did and until when, ended in one tap (asked first); the people you act for, each with
// a way to step away; and an invitation for someone new, whose code is shown once, to pass on yourself.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { ApiError } from '../../shared/api/errors';
import { enums } from '../../shared/api/openapi-values';
import { useI18n } from '../../shared/i18n/I18nProvider';
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
import { describeFieldError, fieldDetail, sentence } from '../../shared/ui/errors';
import { proxies, type S } from '../api';
import { usePageTitle } from '../parts/Header';

type Grant = S['GrantView'];
type Pending = S['PendingInvitation'];
type Scope = S['Scope'];
type Relationship = S['Relationship'];

export const RELATIONSHIP_KEYS = {
  parent: 'portal.proxies.rel.parent',
  legal_guardian: 'portal.proxies.rel.legalGuardian',
  caregiver: 'portal.proxies.rel.caregiver',
  family: 'portal.proxies.rel.family',
  guarantor: 'portal.proxies.rel.guarantor',
  legal_representative: 'portal.proxies.rel.legalRepresentative',
} as const satisfies Record<Relationship, string>;

export const SCOPE_KEYS = {
  messages: 'portal.proxies.scope.messages',
  appointments: 'portal.proxies.scope.appointments',
  forms: 'portal.proxies.scope.forms',
  documents: 'portal.proxies.scope.documents',
  billing: 'portal.proxies.scope.billing',
  profile: 'portal.proxies.scope.profile',
} as const satisfies Record<Scope, string>;

const STANDING_KEYS = {
  full: 'portal.proxies.standing.full',
  limited: 'portal.proxies.standing.limited',
  ended: 'portal.proxies.standing.ended',
} as const satisfies Record<S['Standing'], string>;

const SCOPES = enums.Scope as readonly Scope[];
/** What a patient may invite someone as: a child's parent or guardian is set up by the practice. */
const INVITABLE: Relationship[] = ['caregiver', 'family', 'guarantor', 'legal_representative'];
/** A guarantor pays the bills and sees nothing else (the server refuses anything more). */
const GUARANTOR_SCOPES: Scope[] = ['billing'];

const nameOf = (n: S['PatientNames']) => n.preferred_name?.trim() || n.given_name;
const fullNameOf = (n: S['PatientNames']) => `${n.given_name} ${n.family_name}`;

export function Proxies() {
  const { t } = useI18n();
  usePageTitle(t('portal.proxies.title'));
  const list = useQuery({ queryKey: ['proxies'], queryFn: proxies.list });
  return (
    <section className="stack" data-testid="proxies">
      <p className="back">
        <Link href="/profile">{t('portal.access.back')}</Link>
      </p>
      <PageHeading>{t('portal.proxies.title')}</PageHeading>
      <p className="lead">{t('portal.proxies.lead')}</p>
      {list.isError ? <LoadFailed error={list.error} retry={() => void list.refetch()} /> : null}
      {list.isPending ? <Loading /> : null}
      {list.data ? (
        <>
          <GrantList
            testid="proxies-for-you"
            title={t('portal.proxies.forYouTitle')}
            empty={t('portal.proxies.forYouEmpty')}
            grants={list.data.acting_for_you}
            side="proxy"
          />
          {list.data.pending_invitations.length ? <PendingList invitations={list.data.pending_invitations} /> : null}
          <InviteForm />
          {list.data.you_act_for.length ? (
            <GrantList
              testid="proxies-you-act-for"
              title={t('portal.proxies.youActForTitle')}
              empty=""
              grants={list.data.you_act_for}
              side="patient"
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** `side`: whose name each row shows (the proxy, for those acting for you; the patient, for those you act for). */
function GrantList({
  testid,
  title,
  empty,
  grants,
  side,
}: {
  testid: string;
  title: string;
  empty: string;
  grants: Grant[];
  side: 'proxy' | 'patient';
}) {
  const { t, tr } = useI18n();
  const client = useQueryClient();
  const status = useStatus();
  const [asking, setAsking] = useState<Grant | null>(null);
  const end = useMutation({
    mutationFn: (grant: Grant) => proxies.end(grant.grant_id),
    onSuccess: (_, grant) => {
      setAsking(null);
      const name = nameOf(side === 'proxy' ? grant.proxy : grant.patient);
      status.announce(side === 'proxy' ? 'portal.proxies.revoked' : 'portal.proxies.stopped', { name });
      void client.invalidateQueries({ queryKey: ['proxies'] });
      // The switcher's list comes with home's read.
      if (side === 'patient') void client.invalidateQueries({ queryKey: ['home'] });
    },
  });
  const headingId = `${testid}-title`;
  const askingName = asking ? nameOf(side === 'proxy' ? asking.proxy : asking.patient) : '';
  return (
    <section className="card stack" aria-labelledby={headingId} data-testid={testid}>
      <h2 id={headingId}>{title}</h2>
      {grants.length === 0 ? <p data-testid={`${testid}-empty`}>{empty}</p> : null}
      <ul className="list">
        {grants.map((g) => {
          const who = side === 'proxy' ? g.proxy : g.patient;
          return (
            <li key={g.grant_id} className="list-row stack" data-testid="grant" data-grant-id={g.grant_id}>
              <p>
                <strong data-testid="grant-name">{fullNameOf(who)}</strong>{' '}
                <span className="tag" data-testid="grant-standing" data-standing={g.standing}>
                  {t(STANDING_KEYS[g.standing])}
                </span>
              </p>
              <dl className="details">
                <div className="row">
                  <dt>{t('portal.proxies.relationship')}</dt>
                  <dd data-testid="grant-relationship">{t(RELATIONSHIP_KEYS[g.relationship])}</dd>
                </div>
                <div className="row">
                  <dt>{t('portal.proxies.scopes')}</dt>
                  <dd data-testid="grant-scopes">{g.scopes.map((s) => t(SCOPE_KEYS[s])).join(', ')}</dd>
                </div>
                <div className="row">
                  <dt>{t('portal.proxies.grantedBy')}</dt>
                  <dd>
                    {g.granted_by === 'staff' ? t('portal.proxies.grantedByStaff') : t('portal.proxies.grantedByYou')}
                  </dd>
                </div>
                <div className="row">
                  <dt>{t('portal.proxies.lastUsed')}</dt>
                  <dd data-testid="grant-last-used">
                    {g.last_used_at ? tr.dateTime(g.last_used_at) : t('portal.proxies.never')}
                  </dd>
                </div>
                <div className="row">
                  <dt>{t('portal.proxies.until')}</dt>
                  <dd>{g.expires_at ? tr.dateTime(g.expires_at) : t('portal.proxies.noEnd')}</dd>
                </div>
              </dl>
              {g.standing !== 'ended' ? (
                <div className="actions">
                  <button
                    type="button"
                    className="button button-danger"
                    data-testid={side === 'proxy' ? 'grant-revoke' : 'grant-stop'}
                    onClick={() => {
                      end.reset();
                      setAsking(g);
                    }}
                  >
                    {side === 'proxy'
                      ? t('portal.proxies.revoke', { name: nameOf(who) })
                      : t('portal.proxies.stop', { name: nameOf(who) })}
                  </button>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={asking !== null}
        testid="grant-confirm"
        danger
        title={
          side === 'proxy'
            ? t('portal.proxies.revokeTitle', { name: askingName })
            : t('portal.proxies.stopTitle', { name: askingName })
        }
        body={[
          side === 'proxy'
            ? t('portal.proxies.revokeBody', { name: askingName })
            : t('portal.proxies.stopBody', { name: askingName }),
        ]}
        confirmLabel={side === 'proxy' ? t('portal.proxies.revokeYes') : t('portal.proxies.stopYes')}
        cancelLabel={t('common.cancel')}
        busy={end.isPending}
        busyLabel={t('common.saving')}
        onAnswer={(yes) => {
          if (yes && asking) end.mutate(asking);
          else setAsking(null);
        }}
      >
        {end.error ? <EndError error={end.error} /> : null}
      </ConfirmDialog>
    </section>
  );
}

/**
 * Why an end was refused. A 403 here is a grant the practice made for a child, which only the practice
 * ends: the server says so (in English; other languages get the catalog's words).
 */
function EndError({ error }: { error: unknown }) {
  const { t, tr } = useI18n();
  if (!(error instanceof ApiError && error.status === 403))
    return <ErrorMessage error={error} testid="grant-error" focus />;
  return (
    <Alert tone="error" testid="grant-error" focus>
      <p>{tr.lang === 'en' && error.detail ? sentence(error.detail) : t('portal.proxies.endRefused')}</p>
    </Alert>
  );
}

/** Invitations sent and not accepted yet: where each went and until when, each one cancellable (asked first). */
function PendingList({ invitations }: { invitations: Pending[] }) {
  const { t, tr } = useI18n();
  const client = useQueryClient();
  const status = useStatus();
  const [asking, setAsking] = useState<Pending | null>(null);
  const cancel = useMutation({
    mutationFn: (invitation: Pending) => proxies.end(invitation.grant_id),
    onSuccess: (_, invitation) => {
      setAsking(null);
      status.announce('portal.proxies.pendingCancelled', { name: invitation.given_name });
      void client.invalidateQueries({ queryKey: ['proxies'] });
    },
  });
  return (
    <section className="card stack" aria-labelledby="proxies-pending-title" data-testid="proxies-pending">
      <h2 id="proxies-pending-title">{t('portal.proxies.pendingTitle')}</h2>
      <ul className="list">
        {invitations.map((p) => (
          <li key={p.grant_id} className="list-row stack" data-testid="pending" data-grant-id={p.grant_id}>
            <p>
              <strong data-testid="pending-name">{`${p.given_name} ${p.family_name}`}</strong>{' '}
              <span className="tag">{t('portal.proxies.pendingTag')}</span>
            </p>
            <dl className="details">
              <div className="row">
                <dt>{t('portal.proxies.relationship')}</dt>
                <dd>{t(RELATIONSHIP_KEYS[p.relationship])}</dd>
              </div>
              <div className="row">
                <dt>{t('portal.proxies.scopes')}</dt>
                <dd data-testid="pending-scopes">{p.scopes.map((s) => t(SCOPE_KEYS[s])).join(', ')}</dd>
              </div>
              <div className="row">
                <dt>{t('portal.proxies.pendingSentTo')}</dt>
                <dd data-testid="pending-destination">{p.destination}</dd>
              </div>
              <div className="row">
                <dt>{t('portal.proxies.pendingExpires')}</dt>
                <dd>{tr.dateTime(p.expires_at)}</dd>
              </div>
            </dl>
            <div className="actions">
              <button
                type="button"
                className="button button-secondary"
                data-testid="pending-cancel"
                onClick={() => {
                  cancel.reset();
                  setAsking(p);
                }}
              >
                {t('portal.proxies.pendingCancel', { name: p.given_name })}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={asking !== null}
        testid="pending-confirm"
        danger
        title={t('portal.proxies.pendingCancelTitle', { name: asking?.given_name ?? '' })}
        body={[t('portal.proxies.pendingCancelBody', { name: asking?.given_name ?? '' })]}
        confirmLabel={t('portal.proxies.pendingCancelYes')}
        cancelLabel={t('portal.proxies.pendingKeep')}
        busy={cancel.isPending}
        busyLabel={t('common.saving')}
        onAnswer={(yes) => {
          if (yes && asking) cancel.mutate(asking);
          else setAsking(null);
        }}
      >
        {cancel.error ? <ErrorMessage error={cancel.error} testid="pending-error" focus /> : null}
      </ConfirmDialog>
    </section>
  );
}

interface InviteDraft {
  given_name: string;
  family_name: string;
  by: 'email' | 'phone';
  address: string;
  relationship: Relationship;
  scopes: Scope[];
  expires_on: string;
}

const EMPTY: InviteDraft = {
  given_name: '',
  family_name: '',
  by: 'email',
  address: '',
  relationship: 'caregiver',
  scopes: ['messages'],
  expires_on: '',
};

function InviteForm() {
  const { t, tr } = useI18n();
  const client = useQueryClient();
  const [form, setForm] = useState<InviteDraft>(EMPTY);
  const [sent, setSent] = useState<{ answer: S['ProxyInvitationSent']; name: string } | null>(null);
  const codeRef = useRef<HTMLDivElement>(null);
  const invite = useMutation({
    mutationFn: (body: S['ProxyInviteRequest']) => proxies.invite(body),
    onSuccess: (answer, body) => {
      setSent({ answer, name: body.given_name });
      setForm(EMPTY);
      void client.invalidateQueries({ queryKey: ['proxies'] });
    },
  });
  useEffect(() => {
    if (sent) codeRef.current?.focus();
  }, [sent]);
  const guarantor = form.relationship === 'guarantor';
  const scopes = guarantor ? GUARANTOR_SCOPES : form.scopes;
  const fieldError = (field: string, what: string) => {
    const detail = fieldDetail(invite.error, field);
    return detail ? describeFieldError(tr, what, detail) : undefined;
  };
  // Only an adult may invite: the server refuses a minor (403); the practice sets a child's access up.
  const refusedMinor = invite.error instanceof ApiError && invite.error.status === 403;
  // Too many invitations today, from this account or to that address.
  const tooMany = invite.error instanceof ApiError && invite.error.status === 429;

  return (
    <section className="card stack" aria-labelledby="proxy-invite-title" data-testid="proxy-invite">
      <h2 id="proxy-invite-title">{t('portal.proxies.inviteTitle')}</h2>
      <div aria-live="polite">
        {sent ? (
          <div className="alert alert-success stack" tabIndex={-1} ref={codeRef} data-testid="proxy-invite-sent">
            <p>{t('portal.proxies.codeLead', { name: sent.name })}</p>
            <p className="proxy-code" data-testid="proxy-invite-code">
              {sent.answer.code}
            </p>
            <p data-testid="proxy-invite-instructions">
              {t('portal.proxies.codeHow', {
                name: sent.name,
                destination: sent.answer.destination,
                when: tr.dateTime(sent.answer.expires_at),
              })}
            </p>
            <p>{t('portal.proxies.codeOnce')}</p>
            <div className="actions">
              <button
                type="button"
                className="button button-secondary"
                data-testid="proxy-invite-done"
                onClick={() => setSent(null)}
              >
                {t('portal.proxies.codeDone')}
              </button>
            </div>
          </div>
        ) : null}
      </div>
      {sent ? null : (
        <form
          className="stack"
          noValidate
          data-testid="proxy-invite-form"
          onSubmit={(e) => {
            e.preventDefault();
            const address = form.address.trim();
            invite.mutate({
              given_name: form.given_name.trim(),
              family_name: form.family_name.trim(),
              ...(form.by === 'email' ? { email: address } : { phone: address }),
              relationship: form.relationship,
              scopes,
              ...(form.expires_on ? { expires_on: form.expires_on } : {}),
            });
          }}
        >
          <p className="hint">{t('portal.proxies.inviteLead')}</p>
          <Field label={t('portal.proxies.givenName')} error={fieldError('given_name', t('portal.proxies.givenName'))}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                autoComplete="off"
                data-testid="proxy-given"
                aria-describedby={describedBy || undefined}
                aria-invalid={invalid || undefined}
                value={form.given_name}
                onChange={(e) => setForm({ ...form, given_name: e.currentTarget.value })}
              />
            )}
          </Field>
          <Field
            label={t('portal.proxies.familyName')}
            error={fieldError('family_name', t('portal.proxies.familyName'))}
          >
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                autoComplete="off"
                data-testid="proxy-family"
                aria-describedby={describedBy || undefined}
                aria-invalid={invalid || undefined}
                value={form.family_name}
                onChange={(e) => setForm({ ...form, family_name: e.currentTarget.value })}
              />
            )}
          </Field>
          <fieldset className="stack">
            <legend>{t('portal.proxies.sendTo')}</legend>
            <div className="choice-row">
              {(['email', 'phone'] as const).map((by) => (
                <div className="choice" key={by}>
                  <input
                    type="radio"
                    id={`proxy-by-${by}`}
                    name="proxy-by"
                    data-testid={`proxy-by-${by}`}
                    checked={form.by === by}
                    onChange={() => setForm({ ...form, by })}
                  />
                  <label htmlFor={`proxy-by-${by}`}>
                    {by === 'email' ? t('portal.proxies.byEmail') : t('portal.proxies.byPhone')}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          <Field
            label={form.by === 'email' ? t('portal.proxies.email') : t('portal.proxies.phone')}
            error={
              form.by === 'email'
                ? fieldError('email', t('portal.proxies.email'))
                : fieldError('phone', t('portal.proxies.phone'))
            }
          >
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                type={form.by === 'email' ? 'email' : 'tel'}
                autoComplete="off"
                data-testid="proxy-address"
                aria-describedby={describedBy || undefined}
                aria-invalid={invalid || undefined}
                value={form.address}
                onChange={(e) => setForm({ ...form, address: e.currentTarget.value })}
              />
            )}
          </Field>
          <Field
            label={t('portal.proxies.relationship')}
            error={fieldError('relationship', t('portal.proxies.relationship'))}
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
                {INVITABLE.map((r) => (
                  <option key={r} value={r}>
                    {t(RELATIONSHIP_KEYS[r])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset className="stack" data-testid="proxy-scopes" aria-describedby="proxy-scopes-hint">
            <legend>{t('portal.proxies.scopesLegend')}</legend>
            <p className="hint" id="proxy-scopes-hint">
              {guarantor ? t('portal.proxies.guarantorOnly') : t('portal.proxies.scopesHint')}
            </p>
            {fieldError('scopes', t('portal.proxies.scopes')) ? (
              <p className="field-error" data-testid="proxy-scopes-error">
                {fieldError('scopes', t('portal.proxies.scopes'))}
              </p>
            ) : null}
            <div className="choice-row">
              {SCOPES.map((scope) => (
                <div className="choice" key={scope}>
                  <input
                    type="checkbox"
                    id={`proxy-scope-${scope}`}
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
                  <label htmlFor={`proxy-scope-${scope}`}>{t(SCOPE_KEYS[scope])}</label>
                </div>
              ))}
            </div>
          </fieldset>
          <Field
            label={t('portal.proxies.lastDay')}
            hint={t('portal.proxies.lastDayHint')}
            optional
            error={fieldError('expires_on', t('portal.proxies.lastDay'))}
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
          {refusedMinor || tooMany ? (
            <Alert tone="error" testid="proxy-invite-error" focus>
              <p>{refusedMinor ? t('portal.proxies.askPractice') : t('portal.proxies.tooManyInvites')}</p>
            </Alert>
          ) : (
            <ErrorMessage error={invite.error} testid="proxy-invite-error" focus />
          )}
          <div className="actions">
            <BusyButton
              type="submit"
              busy={invite.isPending}
              busyLabel={t('common.sending')}
              data-testid="proxy-invite-send"
            >
              {t('portal.proxies.inviteSend')}
            </BusyButton>
          </div>
        </form>
      )}
    </section>
  );
}
