// Contact and alerts: consent and preferences as one model (issue 9 §9). A channel the patient has
// not agreed to shows as off, with a one-tap "turn on" that records the consent; the grid, quiet hours
// and time zone follow.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { putAnswer } from '../../shared/api/query';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { channelNeedsConsent } from '../../shared/limits';
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
import { allZones, COMMON_ZONES, zoneName } from '../../shared/zones';
import { portal, type S } from '../api';
import { maskAddress } from '../challenge';
import { usePageTitle } from '../parts/Header';
import { allReach, CHANNELS, type Channel, consentFor } from '../reach';
import { useDecide } from './Consents';

const CATEGORIES = ['appointment_reminders', 'messages', 'billing', 'marketing'] as const;
const CATEGORY_KEYS = {
  appointment_reminders: 'portal.prefs.cat.appointments',
  messages: 'portal.prefs.cat.messages',
  billing: 'portal.prefs.cat.billing',
  marketing: 'portal.prefs.cat.marketing',
} as const;
const CHANNEL_KEYS = { email: 'portal.prefs.channel.email', sms: 'portal.prefs.channel.sms' } as const;
const BLOCKED_KEYS = {
  no_address: 'portal.prefs.blocked.noAddress',
  no_consent: 'portal.prefs.blocked.noConsent',
  preference_off: 'portal.prefs.blocked.off',
  opted_out: 'portal.prefs.blocked.optedOut',
  suppressed: 'portal.prefs.blocked.suppressed',
} as const;

export function Preferences() {
  const { t } = useI18n();
  usePageTitle(t('portal.nav.preferences'));
  const me = useQuery({ queryKey: ['me'], queryFn: portal.me });
  const consents = useQuery({ queryKey: ['consents'], queryFn: portal.consents });
  const prefs = useQuery({ queryKey: ['preferences'], queryFn: portal.preferences });
  const failed = me.error ?? consents.error ?? prefs.error;
  return (
    <section className="stack">
      <PageHeading>{t('portal.prefs.title')}</PageHeading>
      <p className="lead">{t('portal.prefs.lead')}</p>
      {failed ? (
        <LoadFailed
          error={failed}
          retry={() => {
            void me.refetch();
            void consents.refetch();
            void prefs.refetch();
          }}
        />
      ) : !me.data || !consents.data || !prefs.data ? (
        <Loading />
      ) : (
        <PreferencesForm profile={me.data} consents={consents.data.consents} prefs={prefs.data} />
      )}
    </section>
  );
}

function PreferencesForm({
  profile,
  consents,
  prefs,
}: {
  profile: S['ProfileView'];
  consents: S['ConsentView'][];
  prefs: S['PreferencesView'];
}) {
  const { t, tr } = useI18n();
  const client = useQueryClient();
  const status = useStatus();
  const decide = useDecide();
  const [draft, setDraft] = useState(prefs);
  const [quietOn, setQuietOn] = useState(Boolean(prefs.quiet_hours));
  const [quiet, setQuiet] = useState(prefs.quiet_hours ?? { start: '21:00', end: '08:00' });
  const [quietError, setQuietError] = useState('');
  const [stopping, setStopping] = useState<Channel | null>(null);
  useEffect(() => {
    setDraft(prefs);
    setQuietOn(Boolean(prefs.quiet_hours));
    if (prefs.quiet_hours) setQuiet(prefs.quiet_hours);
  }, [prefs]);

  const save = useMutation({
    mutationFn: portal.savePreferences,
    onSuccess: (saved) => putAnswer(client, ['preferences'], saved),
  });
  const reach = allReach(profile, consents, prefs);
  const agreed = (c: Channel) => {
    const consent = consentFor(consents, c);
    return !channelNeedsConsent[c] || !consent || consent.status === 'accepted';
  };

  /** One tap: record the channel consent and switch its message alerts on. */
  const turnOn = async (c: Channel) => {
    status.clear();
    const consent = consentFor(consents, c);
    try {
      if (channelNeedsConsent[c] && consent && consent.status !== 'accepted')
        await decide.mutateAsync({ kind: consent.kind, version: consent.current_version, decision: 'accept' });
      if (!prefs[c].messages) {
        const next = { ...prefs, [c]: { ...prefs[c], messages: true } };
        await save.mutateAsync({
          time_zone: next.time_zone,
          email: next.email,
          sms: next.sms,
          quiet_hours: next.quiet_hours ?? null,
        });
      }
      status.announce('portal.prefs.turnedOn', { channel: t(CHANNEL_KEYS[c]) });
    } catch {
      // Shown by the mutation's error below.
    }
  };

  const stop = async (c: Channel) => {
    const consent = consentFor(consents, c);
    if (!consent?.decided_version) return;
    status.clear();
    try {
      await decide.mutateAsync({ kind: consent.kind, version: consent.decided_version, decision: 'revoke' });
      status.announce('portal.prefs.turnedOff', { channel: t(CHANNEL_KEYS[c]) });
    } catch {
      // Shown below.
    }
  };

  const submit = () => {
    status.clear();
    if (quietOn && (!quiet.start || !quiet.end || quiet.start.slice(0, 5) === quiet.end.slice(0, 5))) {
      setQuietError(t('portal.prefs.quiet.bad'));
      return;
    }
    setQuietError('');
    save.mutate(
      {
        time_zone: draft.time_zone,
        email: draft.email,
        sms: draft.sms,
        quiet_hours: quietOn ? { start: quiet.start.slice(0, 5), end: quiet.end.slice(0, 5) } : null,
      },
      { onSuccess: () => status.announce('portal.prefs.saved') },
    );
  };

  return (
    <>
      <section className="card stack" aria-labelledby="alerts-title" data-testid="pref-channels">
        <h2 id="alerts-title">{t('portal.prefs.alerts.title')}</h2>
        <p className="hint">{t('portal.prefs.alerts.hint')}</p>
        <ul className="channel-list">
          {CHANNELS.map((c) => {
            const r = reach[c];
            const address = r.destination ? maskAddress(c, r.destination) : '';
            return (
              <li
                key={c}
                className="channel"
                data-testid={`pref-channel-${c}`}
                data-reachable={r.reachable ? 'yes' : 'no'}
              >
                <p>
                  <strong>{t(CHANNEL_KEYS[c])}</strong>{' '}
                  <span
                    className={r.reachable ? 'status status-ok' : 'status status-warn'}
                    data-testid={`pref-channel-${c}-state`}
                  >
                    {r.reachable
                      ? t('portal.prefs.on', { address })
                      : t(BLOCKED_KEYS[r.blocked_by ?? 'preference_off'])}
                  </span>
                </p>
                <div className="actions">
                  {!r.reachable && r.blocked_by !== 'no_address' ? (
                    <BusyButton
                      type="button"
                      busy={decide.isPending || save.isPending}
                      busyLabel={t('common.saving')}
                      data-testid={`pref-turn-on-${c}`}
                      onClick={() => void turnOn(c)}
                    >
                      {t('portal.prefs.turnOn', { channel: t(CHANNEL_KEYS[c]) })}
                    </BusyButton>
                  ) : null}
                  {agreed(c) && consentFor(consents, c)?.decided_version ? (
                    <button
                      type="button"
                      className="button button-secondary"
                      data-testid={`pref-stop-${c}`}
                      onClick={() => setStopping(c)}
                    >
                      {t('portal.prefs.stop', { channel: t(CHANNEL_KEYS[c]) })}
                    </button>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      </section>
      <form
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <section className="card">
          <div className="grid-wrap">
            <table className="grid" data-testid="pref-grid">
              <caption>{t('portal.prefs.grid.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('portal.prefs.grid.type')}</th>
                  {CHANNELS.map((c) => (
                    <th scope="col" key={c}>
                      {t(CHANNEL_KEYS[c])}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {CATEGORIES.map((cat) => (
                  <tr key={cat}>
                    <th scope="row">{t(CATEGORY_KEYS[cat])}</th>
                    {CHANNELS.map((c) => (
                      <td key={c}>
                        <label className="check-cell">
                          <input
                            type="checkbox"
                            data-testid={`pref-${c}-${cat}`}
                            // A channel without consent shows off; the stored choice is kept for when it is turned on.
                            checked={agreed(c) && draft[c][cat]}
                            disabled={!agreed(c)}
                            onChange={(e) =>
                              setDraft({ ...draft, [c]: { ...draft[c], [cat]: e.currentTarget.checked } })
                            }
                          />
                          <span className="visually-hidden">
                            {t('portal.prefs.grid.cell', {
                              category: t(CATEGORY_KEYS[cat]),
                              channel: t(CHANNEL_KEYS[c]),
                            })}
                          </span>
                        </label>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="hint">{t('portal.prefs.grid.hint')}</p>
        </section>
        <section className="card stack">
          <fieldset className="stack">
            <legend>{t('portal.prefs.quiet.legend')}</legend>
            <p className="hint">{t('portal.prefs.quiet.hint')}</p>
            <div className="choice">
              <input
                type="checkbox"
                id="pref-quiet-enabled"
                data-testid="pref-quiet-enabled"
                checked={quietOn}
                onChange={(e) => setQuietOn(e.currentTarget.checked)}
              />
              <label htmlFor="pref-quiet-enabled">{t('portal.prefs.quiet.use')}</label>
            </div>
            {quietOn ? (
              <div className="times" data-testid="pref-quiet-times">
                <Field label={t('portal.prefs.quiet.from')} error={quietError}>
                  {({ id, describedBy, invalid }) => (
                    <input
                      id={id}
                      type="time"
                      step={60}
                      data-testid="pref-quiet-start"
                      aria-describedby={describedBy || undefined}
                      aria-invalid={invalid || undefined}
                      value={quiet.start}
                      onChange={(e) => setQuiet({ ...quiet, start: e.currentTarget.value })}
                    />
                  )}
                </Field>
                <Field label={t('portal.prefs.quiet.until')}>
                  {({ id }) => (
                    <input
                      id={id}
                      type="time"
                      step={60}
                      data-testid="pref-quiet-end"
                      value={quiet.end}
                      onChange={(e) => setQuiet({ ...quiet, end: e.currentTarget.value })}
                    />
                  )}
                </Field>
              </div>
            ) : null}
          </fieldset>
          <Field label={t('portal.prefs.zone')} hint={t('portal.prefs.zoneHint')}>
            {({ id, describedBy }) => (
              <select
                id={id}
                data-testid="pref-time-zone"
                aria-describedby={describedBy || undefined}
                value={draft.time_zone}
                onChange={(e) => setDraft({ ...draft, time_zone: e.currentTarget.value })}
              >
                <optgroup label={t('portal.zones.common')}>
                  {COMMON_ZONES.map((z) => (
                    <option key={z} value={z}>
                      {zoneName(z, tr.locale)}
                    </option>
                  ))}
                </optgroup>
                <optgroup label={t('portal.zones.all')}>
                  {allZones(draft.time_zone).map((z) => (
                    <option key={z} value={z}>
                      {z.replace(/_/g, ' ')}
                    </option>
                  ))}
                </optgroup>
              </select>
            )}
          </Field>
        </section>
        <ErrorMessage error={save.error ?? decide.error} testid="pref-error" focus />
        <div className="actions">
          <BusyButton type="submit" busy={save.isPending} busyLabel={t('common.saving')} data-testid="pref-save">
            {t('portal.prefs.save')}
          </BusyButton>
        </div>
      </form>
      <ConfirmDialog
        open={stopping !== null}
        testid="pref-stop-confirm"
        title={t('portal.prefs.stopTitle', { channel: stopping ? t(CHANNEL_KEYS[stopping]) : '' })}
        body={[t('portal.prefs.stopBody')]}
        confirmLabel={t('portal.prefs.stopYes')}
        cancelLabel={t('common.cancel')}
        onAnswer={(yes) => {
          const c = stopping;
          setStopping(null);
          if (yes && c) void stop(c);
        }}
      />
    </>
  );
}
