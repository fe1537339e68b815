// Consents: the practice's documents (the channel consents live with the contact preferences), the
// patient's decision on each (accept or withdraw; "no thanks" to an optional one), and the history.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { putAnswer } from '../../shared/api/query';
import { useI18n } from '../../shared/i18n/I18nProvider';
import {
  BusyButton,
  ConfirmDialog,
  ErrorMessage,
  LoadFailed,
  Loading,
  PageHeading,
  useStatus,
} from '../../shared/ui/components';
import { portal, type S } from '../api';
import { documents, needingDecision } from '../consents';
import { usePageTitle } from '../parts/Header';

const STATUS = {
  accepted: 'portal.consents.status.accepted',
  outdated: 'portal.consents.status.outdated',
  revoked: 'portal.consents.status.revoked',
  not_given: 'portal.consents.status.notGiven',
  declined: 'portal.consents.status.declined',
} as const satisfies Record<S['ConsentStatus'], string>;

const DONE = {
  accept: 'portal.consents.accepted',
  revoke: 'portal.consents.withdrawn',
  decline: 'portal.consents.declined',
} as const satisfies Record<S['Decision'], string>;

const HISTORY = {
  accept: 'portal.consents.historyAgreed',
  revoke: 'portal.consents.historyWithdrew',
  decline: 'portal.consents.historyDeclined',
} as const satisfies Record<S['Decision'], string>;

const DECIDED_ON = {
  accepted: 'portal.consents.agreedOn',
  outdated: 'portal.consents.agreedOn',
  revoked: 'portal.consents.withdrawnOn',
  declined: 'portal.consents.declinedOn',
} as const satisfies Record<Exclude<S['ConsentStatus'], 'not_given'>, string>;

function safeUrl(url: string): string | null {
  try {
    const parsed = new URL(url, location.origin);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export function useDecide() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { kind: S['ConsentKind']; version: number; decision: S['Decision'] }) =>
      portal.decideConsent(v.kind, v.version, v.decision),
    onSuccess: (view) => putAnswer(client, ['consents'], view),
  });
}

export function Consents() {
  const { t, tr } = useI18n();
  usePageTitle(t('portal.nav.consents'));
  const consents = useQuery({ queryKey: ['consents'], queryFn: portal.consents });
  const decide = useDecide();
  const status = useStatus();
  const [confirming, setConfirming] = useState<S['ConsentView'] | null>(null);
  const [busyKind, setBusyKind] = useState('');

  const run = (c: S['ConsentView'], decision: S['Decision'], version: number) => {
    setBusyKind(`${c.kind}:${decision}`);
    status.clear();
    decide.mutate(
      { kind: c.kind, version, decision },
      {
        onSuccess: () => status.announce(DONE[decision], { title: c.title }),
        onSettled: () => setBusyKind(''),
      },
    );
  };

  if (consents.isError)
    return (
      <section className="stack">
        <PageHeading>{t('portal.consents.title')}</PageHeading>
        <LoadFailed error={consents.error} retry={() => void consents.refetch()} />
      </section>
    );
  if (!consents.data)
    return (
      <section className="stack">
        <PageHeading>{t('portal.consents.title')}</PageHeading>
        <Loading />
      </section>
    );
  const all = consents.data.consents;
  const docs = documents(all);
  const waiting = needingDecision(all).length;
  const titles = new Map(all.map((c) => [c.kind, c.title]));

  return (
    <section className="stack">
      <PageHeading>{t('portal.consents.title')}</PageHeading>
      <p className="lead" data-testid="consents-summary">
        {waiting ? t('portal.consents.waiting', { n: waiting }) : t('portal.consents.allDone')}
      </p>
      <ErrorMessage error={decide.error} testid="consent-error" focus />
      <div className="stack" data-testid="consent-list">
        {docs.map((c) => {
          const url = safeUrl(c.url);
          const titleId = `consent-title-${c.kind}`;
          return (
            <article
              key={c.kind}
              className="card consent"
              data-testid={`consent-${c.kind}`}
              data-status={c.status}
              aria-labelledby={titleId}
            >
              <h2 id={titleId}>
                {c.title}{' '}
                <span className={c.required ? 'badge' : 'badge badge-muted'}>
                  {t(c.required ? 'portal.consents.required' : 'portal.consents.optional')}
                </span>
              </h2>
              <p>{c.summary}</p>
              {url ? (
                <p>
                  <a href={url} target="_blank" rel="noopener noreferrer">
                    {t('portal.consents.read')}
                  </a>{' '}
                  <span className="hint">{t('portal.consents.version', { version: c.current_version })}</span>
                </p>
              ) : null}
              <p className="status" data-testid={`consent-status-${c.kind}`} data-status={c.status}>
                <span className="visually-hidden">{t('portal.consents.yourAnswer')} </span>
                {t(STATUS[c.status])}
              </p>
              {!c.required && c.status === 'not_given' ? (
                <p className="hint">{t('portal.consents.optionalNote')}</p>
              ) : null}
              {c.decided_at && c.status !== 'not_given' ? (
                <p className="hint" data-testid={`consent-decided-${c.kind}`}>
                  {t(DECIDED_ON[c.status], {
                    when: tr.dateTime(c.decided_at),
                    version: c.decided_version ?? c.current_version,
                  })}
                </p>
              ) : null}
              <div className="actions">
                {c.status !== 'accepted' ? (
                  <BusyButton
                    type="button"
                    busy={busyKind === `${c.kind}:accept`}
                    busyLabel={t('common.saving')}
                    data-testid={`consent-accept-${c.kind}`}
                    aria-describedby={titleId}
                    onClick={() => run(c, 'accept', c.current_version)}
                  >
                    {t(c.status === 'outdated' ? 'portal.consents.acceptNew' : 'portal.consents.accept')}
                  </BusyButton>
                ) : null}
                {!c.required && c.status === 'not_given' ? (
                  <BusyButton
                    type="button"
                    className="button button-secondary"
                    busy={busyKind === `${c.kind}:decline`}
                    busyLabel={t('common.saving')}
                    data-testid={`consent-decline-${c.kind}`}
                    aria-describedby={titleId}
                    onClick={() => run(c, 'decline', c.current_version)}
                  >
                    {t('portal.consents.decline')}
                  </BusyButton>
                ) : null}
                {(c.status === 'accepted' || c.status === 'outdated') && c.decided_version ? (
                  <button
                    type="button"
                    className="button button-secondary"
                    data-testid={`consent-revoke-${c.kind}`}
                    aria-describedby={titleId}
                    onClick={() => setConfirming(c)}
                  >
                    {t('portal.consents.withdraw')}
                  </button>
                ) : null}
              </div>
            </article>
          );
        })}
      </div>
      {consents.data.history.length ? (
        <details className="card history" data-testid="consent-history">
          <summary>{t('portal.consents.history')}</summary>
          <ul>
            {consents.data.history.map((e) => (
              <li key={`${e.kind}-${e.at}`}>
                {t(HISTORY[e.decision], {
                  title: titles.get(e.kind) ?? e.kind,
                  version: e.version,
                  when: tr.dateTime(e.at),
                  byPractice: e.actor === 'staff' ? 'yes' : 'no',
                })}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <ConfirmDialog
        open={confirming !== null}
        testid="consent-confirm"
        danger
        title={t('portal.consents.confirmTitle', { title: confirming?.title ?? '' })}
        body={[
          t('portal.consents.confirmBody'),
          t(confirming?.required ? 'portal.consents.confirmRequired' : 'portal.consents.confirmOptional'),
        ]}
        confirmLabel={t('portal.consents.confirmYes')}
        cancelLabel={t('portal.consents.confirmNo')}
        onAnswer={(yes) => {
          const c = confirming;
          setConfirming(null);
          if (yes && c?.decided_version) run(c, 'revoke', c.decided_version);
          else if (c)
            window.setTimeout(
              () => document.querySelector<HTMLElement>(`[data-testid="consent-revoke-${c.kind}"]`)?.focus(),
              0,
            );
        }}
      />
    </section>
  );
}
