// The practice's settings, for admins (`GET`/`PUT /staff/practice`): contact and logo, invitations and
// sign-in codes, the default time zone, the countries texted, how long messages are kept, the origins
// allowed to call the API (the CRM's) and the care teams. An edit is saved on the version it was read
// at: a colleague who saved first answers 409, and the page says so and keeps the edits. Below: the
// consent documents, each published as a new version, and who changed what, when.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../shared/api/errors';
import { putAnswer } from '../../shared/api/query';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { limits, may } from '../../shared/limits';
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
import { allZones, COMMON_ZONES, zoneName } from '../../shared/zones';
import { useConsoleTitle } from '../App';
import { type S, staff } from '../api';
import { TOPIC_KEYS, useFieldErrors, useMe, useTeam } from '../parts';
import {
  changedParts,
  type Draft,
  draftOf,
  type InvalidField,
  rebase,
  SETTING_KEYS,
  TOPICS,
  updateOf,
  WAITLIST_BATCH,
} from '../settings-draft';
import { BillingAccount } from './BillingAccount';
import { mayBill } from './BillingApi';
import { ConsentDocuments } from './PracticeConsents';
import { SettingsHistory } from './PracticeHistory';

type View = S['PracticeSettingsView'];

interface Edit {
  /** The settings as read: the version a save sends back. */
  base: View;
  draft: Draft;
}

export function Practice() {
  const { t } = useI18n();
  useConsoleTitle(t('console.nav.practice'));
  const { roles } = useMe();
  const client = useQueryClient();
  const status = useStatus();
  // Shared with the audit trail (which reads the zone); read again on each arrival here.
  const settings = useQuery({
    queryKey: ['practice-settings'],
    queryFn: staff.practiceSettings,
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnMount: 'always',
    refetchOnWindowFocus: false,
  });
  const [edit, setEdit] = useState<Edit | null>(null);
  // Newer settings replace an untouched form; a form with edits keeps the version it was read at, so
  // a colleague's save is not taken over silently (the save answers 409 and the page says so).
  useEffect(() => {
    const view = settings.data;
    if (!view) return;
    setEdit((e) =>
      !e || (e.base !== view && !changedParts(e.draft, e.base).length) ? { base: view, draft: draftOf(view) } : e,
    );
  }, [settings.data]);

  /** The newest settings, with what this admin changed kept on top of them. */
  const takeNewer = (view: View) => {
    putAnswer(client, ['practice-settings'], view);
    setEdit((e) => ({ base: view, draft: e ? rebase(e.draft, e.base, view) : draftOf(view) }));
  };
  const reload = async () => {
    const { data } = await settings.refetch();
    if (!data) return;
    setEdit((e) => ({ base: data, draft: e ? rebase(e.draft, e.base, data) : draftOf(data) }));
    status.announce('console.practice.reloaded', { version: data.version });
  };

  let content: ReactNode;
  if (settings.isError) content = <LoadFailed error={settings.error} retry={() => void settings.refetch()} />;
  else if (settings.data === null)
    content = (
      <div className="alert alert-info" data-testid="practice-unavailable">
        <p>{t('console.unavailable')}</p>
      </div>
    );
  else if (!edit) content = <Loading />;
  else
    content = (
      <>
        <OperatorSettings view={edit.base} />
        <SettingsForm
          edit={edit}
          onDraft={(draft) => setEdit((e) => e && { ...e, draft })}
          onSaved={(view) => {
            putAnswer(client, ['practice-settings'], view);
            setEdit({ base: view, draft: draftOf(view) });
            void client.invalidateQueries({ queryKey: ['practice-history'] });
          }}
          reload={reload}
          reloading={settings.isFetching}
        />
        <ConsentDocuments
          view={edit.base}
          mayPublish={may(roles, 'publishConsent')}
          onPublished={(view) => {
            takeNewer(view);
            void client.invalidateQueries({ queryKey: ['practice-history'] });
          }}
          reload={reload}
          reloading={settings.isFetching}
        />
        {mayBill(roles, 'readAccount') ? <BillingAccount /> : null}
        {may(roles, 'readPracticeHistory') ? <SettingsHistory zone={edit.base.default_time_zone} /> : null}
      </>
    );
  return (
    <section className="stack">
      <PageHeading>{t('console.practice.title')}</PageHeading>
      <p className="lead">{t('console.practice.lead')}</p>
      {content}
    </section>
  );
}

/** What Portico sets for the practice: shown so admins know it, changed by asking Portico. */
function OperatorSettings({ view }: { view: View }) {
  const { t } = useI18n();
  const list = (items: string[]) => (items.length ? items.join(', ') : t('console.chart.none'));
  return (
    <section className="card stack" aria-labelledby="practice-operator-title" data-testid="practice-operator">
      <h2 id="practice-operator-title">{t('console.practice.operatorTitle')}</h2>
      <p className="hint">{t('console.practice.operatorHint')}</p>
      <dl className="details">
        <div className="row">
          <dt>{t('console.practice.field.name')}</dt>
          <dd data-testid="practice-name">{view.name}</dd>
        </div>
        <div className="row">
          <dt>{t('console.practice.field.country')}</dt>
          <dd data-testid="practice-country">{view.country}</dd>
        </div>
        <div className="row">
          <dt>{t('console.practice.field.smsNumbers')}</dt>
          <dd data-testid="practice-sms-numbers">{list(view.sms_numbers)}</dd>
        </div>
        <div className="row">
          <dt>{t('console.practice.field.domains')}</dt>
          <dd data-testid="practice-domains">{list(view.custom_domains)}</dd>
        </div>
      </dl>
    </section>
  );
}

type TextField = Exclude<
  keyof Draft,
  'care_teams' | 'default_time_zone' | 'proxy_confidential' | 'proxy_limited_from' | 'proxy_adult_at'
>;

function SettingsForm({
  edit,
  onDraft,
  onSaved,
  reload,
  reloading,
}: {
  edit: Edit;
  onDraft: (draft: Draft) => void;
  onSaved: (view: View) => void;
  reload: () => Promise<void>;
  reloading: boolean;
}) {
  const { t, tr } = useI18n();
  const status = useStatus();
  const { draft, base } = edit;
  const [notNumbers, setNotNumbers] = useState<InvalidField[]>([]);
  const save = useMutation({
    // The request is made when the form is sent, from the draft as it is then.
    mutationFn: (update: S['PracticeSettingsUpdate']) => staff.savePractice(update),
    onSuccess: (view) => {
      onSaved(view);
      status.announce('console.practice.saved', { version: view.version });
    },
  });
  const serverError = useFieldErrors(save.error);
  const stale = save.error instanceof ApiError && save.error.status === 409;
  const errorFor = (field: Exclude<keyof Draft, `proxy_${string}`>) => {
    if (field === 'appointment_reminder_hours' && notNumbers.includes(field))
      return t('console.practice.reminderHoursInvalid', practice.reminderHours);
    if (field === 'waitlist_batch' && notNumbers.includes(field))
      return t('console.practice.waitlistBatchInvalid', WAITLIST_BATCH);
    if ((notNumbers as string[]).includes(field)) return t('console.practice.wholeNumber');
    return serverError(field, t(SETTING_KEYS[field]));
  };
  /** The age rules' fields, which the server names under `proxy_age_rules`. */
  const ruleError = (field: 'limited_from' | 'adult_at' | 'confidential_topics', label: string) => {
    const draftField = field === 'confidential_topics' ? '' : `proxy_${field}`;
    if ((notNumbers as string[]).includes(draftField)) return t('console.practice.wholeNumber');
    return serverError(`proxy_age_rules.${field}`, label);
  };
  const zones = useMemo(
    () => ({
      common: COMMON_ZONES.map((z) => ({ zone: z, name: zoneName(z, tr.locale) })),
      all: allZones(draft.default_time_zone),
    }),
    [tr.locale, draft.default_time_zone],
  );
  const { practice } = limits;

  const input = (
    field: TextField,
    { type = 'text', hint, inputMode }: { type?: string; hint?: string; inputMode?: 'numeric' | 'url' } = {},
  ) => (
    <Field label={t(SETTING_KEYS[field])} hint={hint} error={errorFor(field)}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          type={type}
          inputMode={inputMode}
          autoComplete="off"
          spellCheck={false}
          data-testid={`practice-${field}`}
          aria-describedby={describedBy || undefined}
          aria-invalid={invalid || undefined}
          value={draft[field]}
          onChange={(e) => onDraft({ ...draft, [field]: e.currentTarget.value })}
        />
      )}
    </Field>
  );

  return (
    <form
      className="card stack"
      aria-labelledby="practice-settings-title"
      noValidate
      data-testid="practice-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.reset();
        const { update, notNumbers: wrong } = updateOf(draft, base.version, base);
        setNotNumbers(wrong);
        if (!update) return;
        if (!changedParts(draft, base).length) {
          status.announce('console.practice.nothingChanged');
          return;
        }
        save.mutate(update);
      }}
    >
      <h2 id="practice-settings-title">{t('console.practice.settingsTitle')}</h2>
      <p className="hint" data-testid="practice-version">
        {t('console.practice.version', { version: base.version })}
      </p>

      <h3>{t('console.practice.section.contact')}</h3>
      {input('contact_phone', { type: 'tel', hint: t('console.practice.contactPhoneHint') })}
      {input('contact_email', { type: 'email', hint: t('console.practice.contactEmailHint') })}
      {input('logo_url', { type: 'url', hint: t('console.practice.logoHint') })}

      <h3>{t('console.practice.section.signIn')}</h3>
      {input('invite_ttl_hours', {
        inputMode: 'numeric',
        hint: t('console.practice.inviteHoursHint', practice.inviteHours),
      })}
      {input('sign_in_codes_per_hour', {
        inputMode: 'numeric',
        hint: t('console.practice.signInCodesHint', practice.signInCodesPerHour),
      })}
      <Field
        label={t(SETTING_KEYS.default_time_zone)}
        hint={t('console.practice.zoneHint')}
        error={errorFor('default_time_zone')}
      >
        {({ id, describedBy, invalid }) => (
          <select
            id={id}
            data-testid="practice-default_time_zone"
            aria-describedby={describedBy || undefined}
            aria-invalid={invalid || undefined}
            value={draft.default_time_zone}
            onChange={(e) => onDraft({ ...draft, default_time_zone: e.currentTarget.value })}
          >
            <optgroup label={t('console.practice.zonesCommon')}>
              {zones.common.map(({ zone, name }) => (
                <option key={zone} value={zone}>
                  {name}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('console.practice.zonesAll')}>
              {zones.all.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replace(/_/g, ' ')}
                </option>
              ))}
            </optgroup>
          </select>
        )}
      </Field>

      <h3>{t('console.practice.section.texts')}</h3>
      {input('sms_countries', { hint: t('console.practice.smsCountriesHint', { country: base.country }) })}

      <h3>{t('console.practice.section.records')}</h3>
      {input('message_retention_days', {
        inputMode: 'numeric',
        hint: t('console.practice.retentionHint', { min: practice.retentionMinDays }),
      })}

      <h3>{t('console.practice.section.appointments')}</h3>
      {input('appointment_reminder_hours', {
        hint: t('console.practice.reminderHoursHint', practice.reminderHours),
      })}
      {input('waitlist_batch', {
        inputMode: 'numeric',
        hint: t('console.practice.waitlistBatchHint', WAITLIST_BATCH),
      })}

      <h3>{t('console.practice.section.systems')}</h3>
      <Field
        label={t(SETTING_KEYS.allowed_origins)}
        hint={t('console.practice.originsHint', { max: practice.originsMax })}
        error={errorFor('allowed_origins')}
        optional
      >
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            rows={3}
            spellCheck={false}
            autoComplete="off"
            className="origins"
            data-testid="practice-allowed_origins"
            aria-describedby={describedBy || undefined}
            aria-invalid={invalid || undefined}
            value={draft.allowed_origins}
            onChange={(e) => onDraft({ ...draft, allowed_origins: e.currentTarget.value })}
          />
        )}
      </Field>

      <CareTeams
        teams={draft.care_teams}
        error={errorFor('care_teams')}
        onChange={(care_teams) => onDraft({ ...draft, care_teams })}
      />

      {draft.proxy_limited_from || draft.proxy_adult_at ? (
        <AgeRules draft={draft} onDraft={onDraft} errorFor={ruleError} />
      ) : null}

      {notNumbers.length ? (
        <Alert tone="error" testid="practice-error" focus>
          <p>{t('common.checkHighlighted')}</p>
        </Alert>
      ) : null}
      {stale ? (
        <Alert tone="error" testid="practice-stale" focus>
          <p>{t('console.practice.stale')}</p>
          <p>{t('console.practice.staleKeep')}</p>
          <div className="actions">
            <BusyButton
              type="button"
              className="button button-secondary"
              busy={reloading}
              busyLabel={t('common.loading')}
              data-testid="practice-reload"
              onClick={() => {
                save.reset();
                void reload();
              }}
            >
              {t('console.practice.reload')}
            </BusyButton>
          </div>
        </Alert>
      ) : (
        <ErrorMessage error={save.error} testid="practice-error" focus />
      )}
      <div className="actions">
        <BusyButton type="submit" busy={save.isPending} busyLabel={t('common.saving')} data-testid="practice-save">
          {t('console.practice.save')}
        </BusyButton>
      </div>
    </form>
  );
}

/** Who answers each topic: chosen from the practice's active staff (and whoever a team holds now). */
function CareTeams({
  teams,
  error,
  onChange,
}: {
  teams: Draft['care_teams'];
  error: string;
  onChange: (teams: Draft['care_teams']) => void;
}) {
  const { t } = useI18n();
  const team = useTeam();
  const name = (id: string) => {
    const member = team.data?.find((m) => m.staff_id === id);
    if (!member) return t('console.colleague', { id });
    return member.status === 'active'
      ? member.display_name
      : t('console.practice.careTeamDisabled', { name: member.display_name });
  };
  const active = (team.data ?? []).filter((m) => m.status === 'active').map((m) => m.staff_id);
  return (
    <fieldset
      className="stack"
      aria-describedby={error ? 'care-teams-hint care-teams-error' : 'care-teams-hint'}
      data-testid="practice-care-teams"
    >
      <legend>
        <h3 className="legend-heading">{t(SETTING_KEYS.care_teams)}</h3>
      </legend>
      <p className="hint" id="care-teams-hint">
        {t('console.practice.careTeamsHint')}
      </p>
      {error ? (
        <p className="field-error" id="care-teams-error" data-testid="practice-care-teams-error">
          {error}
        </p>
      ) : null}
      {team.isPending ? <Loading /> : null}
      {team.isError ? <ErrorMessage error={team.error} testid="practice-team-error" /> : null}
      {team.data
        ? TOPICS.map((topic) => {
            // The active staff, and anyone the team holds who no longer is (so they can be taken off).
            const choices = [...active, ...teams[topic].filter((id) => !active.includes(id))];
            return (
              <fieldset key={topic} className="care-team" data-testid={`practice-care-team-${topic}`}>
                <legend>{t(TOPIC_KEYS[topic])}</legend>
                <div className="choice-row">
                  {choices.map((id) => {
                    const inputId = `care-${topic}-${id}`;
                    return (
                      <div className="choice" key={id}>
                        <input
                          type="checkbox"
                          id={inputId}
                          data-testid="practice-care-member"
                          data-staff-id={id}
                          aria-invalid={error ? true : undefined}
                          checked={teams[topic].includes(id)}
                          onChange={(e) => {
                            const on = e.currentTarget.checked;
                            const next = on ? [...teams[topic], id] : teams[topic].filter((x) => x !== id);
                            onChange({ ...teams, [topic]: next });
                          }}
                        />
                        <label htmlFor={inputId}>{name(id)}</label>
                      </div>
                    );
                  })}
                </div>
              </fieldset>
            );
          })
        : null}
    </fieldset>
  );
}

/** How a parent's access changes as the child grows: limited from one age, ended at another. */
function AgeRules({
  draft,
  onDraft,
  errorFor,
}: {
  draft: Draft;
  onDraft: (draft: Draft) => void;
  errorFor: (field: 'limited_from' | 'adult_at' | 'confidential_topics', label: string) => string;
}) {
  const { t } = useI18n();
  const number = (field: 'proxy_limited_from' | 'proxy_adult_at', label: string, hint: string) => (
    <Field
      label={label}
      hint={hint}
      error={errorFor(field === 'proxy_limited_from' ? 'limited_from' : 'adult_at', label)}
    >
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          inputMode="numeric"
          autoComplete="off"
          data-testid={`practice-${field}`}
          aria-describedby={describedBy || undefined}
          aria-invalid={invalid || undefined}
          value={draft[field]}
          onChange={(e) => onDraft({ ...draft, [field]: e.currentTarget.value })}
        />
      )}
    </Field>
  );
  const topicsError = errorFor('confidential_topics', t('console.practice.confidentialTopics'));
  return (
    <section className="stack" aria-labelledby="practice-age-rules-title" data-testid="practice-age-rules">
      <h3 id="practice-age-rules-title">{t(SETTING_KEYS.proxy_age_rules)}</h3>
      <p className="hint">{t('console.practice.ageRulesHint')}</p>
      {number('proxy_limited_from', t('console.practice.limitedFrom'), t('console.practice.limitedFromHint'))}
      {number('proxy_adult_at', t('console.practice.adultAt'), t('console.practice.adultAtHint'))}
      <fieldset className="stack" data-testid="practice-confidential">
        <legend>{t('console.practice.confidentialTopics')}</legend>
        <p className="hint">{t('console.practice.confidentialHint')}</p>
        {topicsError ? <p className="field-error">{topicsError}</p> : null}
        <div className="choice-row">
          {TOPICS.map((topic) => (
            <div className="choice" key={topic}>
              <input
                type="checkbox"
                id={`confidential-${topic}`}
                data-testid={`practice-confidential-${topic}`}
                checked={draft.proxy_confidential.includes(topic)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  onDraft({
                    ...draft,
                    proxy_confidential: on
                      ? [...draft.proxy_confidential, topic]
                      : draft.proxy_confidential.filter((x) => x !== topic),
                  });
                }}
              />
              <label htmlFor={`confidential-${topic}`}>{t(TOPIC_KEYS[topic])}</label>
            </div>
          ))}
        </div>
      </fieldset>
    </section>
  );
}

/** The practice's settings as billing staff see them: only the Billing part, read only. */
export function BillingSettings() {
  const { t } = useI18n();
  useConsoleTitle(t('console.nav.practice'));
  return (
    <section className="stack">
      <PageHeading>{t('console.practice.title')}</PageHeading>
      <BillingAccount />
    </section>
  );
}
