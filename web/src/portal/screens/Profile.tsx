// Your details: names, pronouns, language and time zone; email or phone changed with a code.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { ApiError, needsRecentSignIn } from '../../shared/api/errors';
import { putAnswer } from '../../shared/api/query';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { langFor } from '../../shared/i18n/i18n';
import { limits } from '../../shared/limits';
import {
  Alert,
  BusyButton,
  ErrorMessage,
  Field,
  LoadFailed,
  Loading,
  PageHeading,
  useResendWait,
  useStatus,
} from '../../shared/ui/components';
import { describeFieldError, fieldDetail } from '../../shared/ui/errors';
import { allZones, COMMON_ZONES, zoneName } from '../../shared/zones';
import { portal, type S } from '../api';
import { ConfirmItsYou } from '../parts/ConfirmItsYou';
import { useActingFor, usePageTitle } from '../parts/Header';
import { formatPhone } from '../phone';
import { languageName, PROFILE_LANGUAGES } from '../zones';

export function Profile() {
  const { t } = useI18n();
  usePageTitle(t('portal.nav.profile'));
  const me = useQuery({ queryKey: ['me'], queryFn: portal.me });
  // Acting for someone: their email and phone, sign-ins and proxies are theirs alone to change.
  const owner = !useActingFor();
  return (
    <section className="stack">
      <PageHeading>{t('portal.profile.title')}</PageHeading>
      {me.isError ? <LoadFailed error={me.error} retry={() => void me.refetch()} /> : null}
      {!me.data && !me.isError ? <Loading /> : null}
      {me.data ? (
        <>
          <Details profile={me.data} />
          {owner ? <Contact profile={me.data} /> : null}
          <AccountActivity owner={owner} />
        </>
      ) : null}
    </section>
  );
}

/** The way to the access log: sign-ins, the practice's access to the record, signing out elsewhere. */
function AccountActivity({ owner }: { owner: boolean }) {
  const { t } = useI18n();
  return (
    <section className="card stack" aria-labelledby="activity-title" data-testid="profile-activity">
      <h2 id="activity-title">{t('portal.access.profileTitle')}</h2>
      {owner ? (
        <>
          <p>{t('portal.access.profileBody')}</p>
          <p>
            <Link href="/profile/access-log" data-testid="profile-access-link">
              {t('portal.access.profileLink')}
            </Link>
          </p>
          <p>
            <Link href="/profile/proxies" data-testid="profile-proxies-link">
              {t('portal.proxies.profileLink')}
            </Link>
          </p>
        </>
      ) : null}
      <p>
        <Link href="/activity" data-testid="profile-timeline-link">
          {t('portal.activity.profileLink')}
        </Link>
      </p>
    </section>
  );
}

function Row({
  label,
  value,
  testid,
  note,
}: {
  label: string;
  value: string | null | undefined;
  testid: string;
  note?: string;
}) {
  const { t } = useI18n();
  return (
    <div className="row">
      <dt>{label}</dt>
      <dd>
        {value ? (
          <span data-testid={testid}>{value}</span>
        ) : (
          <span className="muted" data-testid={testid} data-empty="true">
            {t('portal.profile.notGiven')}
          </span>
        )}
        {note ? <span className="hint"> {note}</span> : null}
      </dd>
    </div>
  );
}

function Details({ profile }: { profile: S['ProfileView'] }) {
  const { t, tr, setLang } = useI18n();
  const client = useQueryClient();
  const status = useStatus();
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState(profile);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const firstRef = useRef<HTMLInputElement>(null);
  const returning = useRef(false);

  useEffect(() => {
    if (editing) firstRef.current?.focus();
    else if (returning.current) titleRef.current?.focus();
  }, [editing]);

  const close = () => {
    returning.current = true;
    setEditing(false);
  };

  const save = async () => {
    setError(null);
    const tidy = (v: string | null | undefined) => (v ?? '').trim().replace(/\s+/g, ' ');
    const next: Record<string, string> = {};
    if (!tidy(form.given_name)) next.given_name = t('portal.profile.required', { field: t('portal.profile.given') });
    if (!tidy(form.family_name)) next.family_name = t('portal.profile.required', { field: t('portal.profile.family') });
    setErrors(next);
    if (Object.keys(next).length) return;
    const patch: S['ProfilePatch'] = {};
    if (tidy(form.given_name) !== profile.given_name) patch.given_name = tidy(form.given_name);
    if (tidy(form.family_name) !== profile.family_name) patch.family_name = tidy(form.family_name);
    if (tidy(form.preferred_name) !== (profile.preferred_name ?? ''))
      patch.preferred_name = tidy(form.preferred_name) || null;
    if (tidy(form.pronouns) !== (profile.pronouns ?? '')) patch.pronouns = tidy(form.pronouns) || null;
    if (form.language !== profile.language) patch.language = form.language;
    if (form.time_zone !== profile.time_zone) patch.time_zone = form.time_zone;
    if (!Object.keys(patch).length) {
      close();
      status.announce('portal.profile.nothingChanged');
      return;
    }
    setBusy(true);
    try {
      const updated = await portal.updateMe(patch);
      putAnswer(client, ['me'], updated.profile);
      const lang = langFor(updated.profile.language);
      if (patch.language && lang) setLang(lang);
      close();
      status.announce('portal.profile.saved');
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length)
        setErrors(Object.fromEntries(err.fieldErrors.map((f) => [f.field, f.detail])));
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!editing)
    return (
      <section className="card" aria-labelledby="details-title" data-testid="profile-details">
        <h2 id="details-title" ref={titleRef} tabIndex={-1}>
          {t('portal.profile.details')}
        </h2>
        <dl className="details" data-testid="profile-view">
          <Row label={t('portal.profile.given')} value={profile.given_name} testid="profile-given-name" />
          <Row label={t('portal.profile.family')} value={profile.family_name} testid="profile-family-name" />
          <Row label={t('portal.profile.preferred')} value={profile.preferred_name} testid="profile-preferred-name" />
          <Row label={t('portal.profile.pronouns')} value={profile.pronouns} testid="profile-pronouns" />
          <Row
            label={t('portal.profile.dob')}
            value={tr.calendarDate(profile.date_of_birth)}
            testid="profile-dob"
            note={t('portal.profile.dobNote')}
          />
          <Row label={t('portal.profile.language')} value={languageName(profile.language)} testid="profile-language" />
          <Row
            label={t('portal.profile.timeZone')}
            value={zoneName(profile.time_zone, tr.locale)}
            testid="profile-time-zone"
          />
        </dl>
        <div className="actions">
          <button
            type="button"
            className="button button-secondary"
            data-testid="profile-edit"
            onClick={() => {
              setForm(profile);
              setErrors({});
              setEditing(true);
            }}
          >
            {t('portal.profile.edit')}
          </button>
        </div>
      </section>
    );

  const text = (
    name: 'given_name' | 'family_name' | 'preferred_name' | 'pronouns',
    label: string,
    autoComplete: string,
    hint?: string,
  ) => (
    <Field label={label} hint={hint} error={errors[name]} optional={name === 'preferred_name' || name === 'pronouns'}>
      {({ id, describedBy, invalid }) => (
        <input
          ref={name === 'given_name' ? firstRef : undefined}
          id={id}
          name={name}
          autoComplete={autoComplete}
          data-testid={`profile-input-${name.replace('_', '-')}`}
          aria-describedby={describedBy || undefined}
          aria-invalid={invalid || undefined}
          value={form[name] ?? ''}
          onChange={(e) => setForm({ ...form, [name]: e.currentTarget.value })}
        />
      )}
    </Field>
  );
  const zones = allZones(form.time_zone);
  return (
    <section className="card" aria-labelledby="details-title" data-testid="profile-details">
      <form
        className="stack"
        noValidate
        data-testid="profile-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2 id="details-title">{t('portal.profile.editTitle')}</h2>
        {text('given_name', t('portal.profile.given'), 'given-name')}
        {text('family_name', t('portal.profile.family'), 'family-name')}
        {text('preferred_name', t('portal.profile.preferred'), 'nickname', t('portal.profile.preferredHint'))}
        {text('pronouns', t('portal.profile.pronouns'), 'off', t('portal.profile.pronounsHint'))}
        <Field label={t('portal.profile.language')} hint={t('portal.profile.languageHint')} error={errors.language}>
          {({ id, describedBy }) => (
            <select
              id={id}
              data-testid="profile-input-language"
              aria-describedby={describedBy || undefined}
              value={form.language}
              onChange={(e) => setForm({ ...form, language: e.currentTarget.value })}
            >
              {[...new Set([form.language, ...PROFILE_LANGUAGES])].map((l) => (
                <option key={l} value={l} lang={l}>
                  {languageName(l)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('portal.profile.timeZone')} error={errors.time_zone}>
          {({ id, describedBy }) => (
            <select
              id={id}
              data-testid="profile-input-time-zone"
              aria-describedby={describedBy || undefined}
              value={form.time_zone}
              onChange={(e) => setForm({ ...form, time_zone: e.currentTarget.value })}
            >
              <optgroup label={t('portal.zones.common')}>
                {COMMON_ZONES.map((z) => (
                  <option key={z} value={z}>
                    {zoneName(z, tr.locale)}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t('portal.zones.all')}>
                {zones.map((z) => (
                  <option key={z} value={z}>
                    {z.replace(/_/g, ' ')}
                  </option>
                ))}
              </optgroup>
            </select>
          )}
        </Field>
        <p className="hint">{t('portal.profile.dobEditNote', { dob: tr.calendarDate(profile.date_of_birth) })}</p>
        <ErrorMessage error={error} testid="profile-error" />
        <div className="actions">
          <BusyButton type="submit" busy={busy} busyLabel={t('common.saving')} data-testid="profile-save">
            {t('portal.profile.save')}
          </BusyButton>
          <button type="button" className="button button-secondary" data-testid="profile-cancel" onClick={close}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

type ContactStep =
  | { kind: 'view' }
  | { kind: 'enter'; channel: 'email' | 'sms' }
  | { kind: 'confirm'; channel: 'email' | 'sms'; value: string; pending: S['PendingVerification'] };

/** A change the server refused until the patient signs in again; retried once they have. */
interface HeldChange {
  channel: 'email' | 'sms';
  address: string;
  which: 'send' | 'resend';
}

function Contact({ profile }: { profile: S['ProfileView'] }) {
  const { t, tr } = useI18n();
  const client = useQueryClient();
  const status = useStatus();
  const [step, setStep] = useState<ContactStep>({ kind: 'view' });
  const [value, setValue] = useState('');
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState('');
  // What the server said about the new address (`is in a country the practice does not text`), worded
  // when shown, so it follows a language change.
  const [refused, setRefused] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<'' | 'send' | 'confirm' | 'resend'>('');
  const wait = useResendWait();
  const [held, setHeld] = useState<HeldChange | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const confirming = useRef(false);

  useEffect(() => {
    if (step.kind !== 'view') inputRef.current?.focus();
    else if (moved.current) titleRef.current?.focus();
    moved.current = true;
  }, [step.kind]);

  // Back from "confirm it's you" (the dialog has closed, so the form can take the focus again).
  useEffect(() => {
    if (held) confirming.current = true;
    else if (confirming.current) {
      confirming.current = false;
      inputRef.current?.focus();
    }
  }, [held]);

  const noun = (c: 'email' | 'sms') => t(c === 'email' ? 'portal.contact.emailNoun' : 'portal.contact.phoneNoun');
  const field = (c: 'email' | 'sms') => (c === 'email' ? 'email' : 'phone');

  const request = async (
    channel: 'email' | 'sms',
    address: string,
    which: 'send' | 'resend',
    signedInAgain = false,
  ) => {
    setError(null);
    setRefused('');
    setNote('');
    setBusy(which);
    try {
      const updated = await portal.updateMe({ [field(channel)]: address });
      putAnswer(client, ['me'], updated.profile);
      if (!updated.verification) {
        setStep({ kind: 'view' });
        status.announce('portal.contact.same', { what: noun(channel) });
        return;
      }
      setStep({ kind: 'confirm', channel, value: address, pending: updated.verification });
      wait.sent(updated.verification.resend_after);
      setCode('');
      if (which === 'resend') setNote(t('portal.contact.resent'));
    } catch (err) {
      if (needsRecentSignIn(err) && !signedInAgain) setHeld({ channel, address, which });
      else if (!wait.refused(err)) {
        setError(err);
        const detail = fieldDetail(err, field(channel));
        if (detail) {
          // Refused for what was typed: said next to it, and back there to fix it.
          setStep({ kind: 'enter', channel });
          setValue(address);
          setRefused(detail);
          inputRef.current?.focus();
        }
      }
    } finally {
      setBusy('');
    }
  };

  const confirmItsYou = held ? (
    <ConfirmItsYou
      profile={profile}
      onConfirmed={() => {
        setHeld(null);
        void request(held.channel, held.address, held.which, true);
      }}
      onCancel={() => setHeld(null)}
    />
  ) : null;

  if (step.kind === 'view')
    return (
      <section className="card" aria-labelledby="contact-title" data-testid="profile-contact">
        <h2 id="contact-title" ref={titleRef} tabIndex={-1}>
          {t('portal.contact.title')}
        </h2>
        <p className="hint">{t('portal.contact.hint')}</p>
        <dl className="details">
          <Row label={t('portal.contact.email')} value={profile.email} testid="profile-email" />
          <Row
            label={t('portal.contact.phone')}
            value={profile.phone ? formatPhone(profile.phone) : null}
            testid="profile-phone"
          />
        </dl>
        <div className="actions">
          {(['email', 'sms'] as const).map((c) => (
            <button
              key={c}
              type="button"
              className="button button-secondary"
              data-testid={`contact-change-${c}`}
              onClick={() => {
                setValue('');
                setError(null);
                setFieldError('');
                setRefused('');
                setStep({ kind: 'enter', channel: c });
              }}
            >
              {c === 'email'
                ? t(profile.email ? 'portal.contact.changeEmail' : 'portal.contact.addEmail')
                : t(profile.phone ? 'portal.contact.changePhone' : 'portal.contact.addPhone')}
            </button>
          ))}
        </div>
      </section>
    );

  const waitNote =
    wait.refusal > 0 ? (
      <Alert tone="info" testid="contact-wait">
        <p>{t('portal.signIn.wait', { seconds: wait.refusal })}</p>
      </Alert>
    ) : null;

  if (step.kind === 'enter')
    return (
      <section className="card" aria-labelledby="contact-title" data-testid="profile-contact">
        <form
          className="stack"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!value.trim()) {
              setFieldError(t('portal.contact.missing', { what: noun(step.channel) }));
              inputRef.current?.focus();
              return;
            }
            setFieldError('');
            if (wait.refusal === 0) void request(step.channel, value.trim(), 'send');
          }}
        >
          <h2 id="contact-title">{t('portal.contact.changeTitle', { what: noun(step.channel) })}</h2>
          <Field
            label={t(step.channel === 'email' ? 'portal.contact.newEmail' : 'portal.contact.newPhone')}
            hint={t('portal.contact.newHint')}
            error={fieldError || (refused ? describeFieldError(tr, noun(step.channel), refused) : '')}
          >
            {({ id, describedBy, invalid }) => (
              <input
                ref={inputRef}
                id={id}
                name={field(step.channel)}
                type={step.channel === 'email' ? 'email' : 'tel'}
                autoComplete={step.channel === 'email' ? 'email' : 'tel'}
                inputMode={step.channel === 'email' ? 'email' : 'tel'}
                data-testid={`contact-input-${step.channel}`}
                spellCheck={false}
                autoCapitalize="off"
                aria-describedby={describedBy || undefined}
                aria-invalid={invalid || undefined}
                value={value}
                onChange={(e) => setValue(e.currentTarget.value)}
              />
            )}
          </Field>
          {waitNote}
          <ErrorMessage error={error} testid="contact-error" />
          <div className="actions">
            <BusyButton
              type="submit"
              busy={busy === 'send'}
              busyLabel={t('common.sending')}
              disabled={wait.refusal > 0}
              data-testid="contact-send"
            >
              {wait.refusal > 0 ? t('portal.signIn.sendWait', { seconds: wait.refusal }) : t('portal.signIn.send')}
            </BusyButton>
            <button
              type="button"
              className="button button-secondary"
              data-testid="contact-cancel"
              onClick={() => setStep({ kind: 'view' })}
            >
              {t('common.cancel')}
            </button>
          </div>
        </form>
        {confirmItsYou}
      </section>
    );

  return (
    <section className="card" aria-labelledby="contact-title" data-testid="profile-contact">
      <form
        className="stack"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          setNote('');
          const digits = code.replace(/[\s-]/g, '');
          if (!limits.contactCode.pattern.test(digits)) {
            setFieldError(t('portal.signIn.code.bad', { digits: limits.contactCode.length }));
            inputRef.current?.focus();
            return;
          }
          setFieldError('');
          setBusy('confirm');
          try {
            const saved = await portal.verifyContact(step.pending.challenge_id, digits);
            putAnswer(client, ['me'], saved);
            setStep({ kind: 'view' });
            status.announce('portal.contact.updated', { what: noun(step.channel) });
          } catch (err) {
            setCode('');
            setError(err);
            inputRef.current?.focus();
          } finally {
            setBusy('');
          }
        }}
      >
        <h2 id="contact-title">{t('portal.contact.confirmTitle', { what: noun(step.channel) })}</h2>
        <p data-testid="contact-dest">
          {t('portal.contact.onItsWay', { address: step.pending.destination, digits: limits.contactCode.length })}
        </p>
        <Field label={t('portal.signIn.code.label', { digits: limits.contactCode.length })} error={fieldError}>
          {({ id, describedBy, invalid }) => (
            <input
              ref={inputRef}
              id={id}
              name="code"
              className="code-input"
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]*"
              data-testid="contact-code"
              aria-describedby={describedBy || undefined}
              aria-invalid={invalid || undefined}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
            />
          )}
        </Field>
        {waitNote}
        <ErrorMessage error={error} testid="contact-error" />
        <p className="status-text" role="status" data-testid="contact-status">
          {note}
        </p>
        <div className="actions">
          <BusyButton
            type="submit"
            busy={busy === 'confirm'}
            busyLabel={t('common.checking')}
            data-testid="contact-confirm"
          >
            {t('portal.contact.confirm')}
          </BusyButton>
          <BusyButton
            type="button"
            className="button button-secondary"
            busy={busy === 'resend'}
            busyLabel={t('common.sending')}
            disabled={wait.left > 0}
            data-testid="contact-resend"
            onClick={() => void request(step.channel, step.value, 'resend')}
          >
            {wait.left > 0 ? t('portal.signIn.resendWait', { seconds: wait.left }) : t('portal.signIn.resend')}
          </BusyButton>
        </div>
        <p className="hint">{t('portal.contact.noCode')}</p>
        <button
          type="button"
          className="link-button"
          data-testid="contact-different"
          onClick={() => {
            setValue('');
            setError(null);
            setNote('');
            setFieldError('');
            setRefused('');
            setStep({ kind: 'enter', channel: step.channel });
          }}
        >
          {t(step.channel === 'email' ? 'portal.contact.differentEmail' : 'portal.contact.differentPhone')}
        </button>
        <button
          type="button"
          className="link-button"
          data-testid="contact-cancel"
          onClick={() => setStep({ kind: 'view' })}
        >
          {t('common.cancel')}
        </button>
      </form>
      {confirmItsYou}
    </section>
  );
}
