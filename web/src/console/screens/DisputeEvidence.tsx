// A dispute's evidence (admins and billing staff): the non-clinical facts Portico may offer the card
// network for a disputed payment (when the patient arrived for appointments and when they ended, the
// financial policy and autopay authorization accepted, how many portal messages went each way, portal
// sign-ins, and how the payment was made), each section chosen by staff, with the exact English text
// Stripe would receive shown before anything is sent. Sending is final: Stripe forwards it to the card
// network. When Stripe does not answer, nothing was sent and the same button asks again.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../../shared/api/errors';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { Alert, BusyButton, LoadFailed, Loading, useStatus } from '../../shared/ui/components';
import { Refusal, useMe } from '../parts';
import { billing, mayBill, type S } from './BillingApi';

const SECTION_KEYS = {
  attendance: 'console.billing.evidence.section.attendance',
  financial_policy: 'console.billing.evidence.section.financialPolicy',
  communication: 'console.billing.evidence.section.communication',
  portal_activity: 'console.billing.evidence.section.portalActivity',
} as const satisfies Record<S['EvidenceSection'], string>;

const PAID_BY_KEYS = {
  patient: 'console.billing.evidence.paidBy.patient',
  proxy: 'console.billing.evidence.paidBy.proxy',
  autopay: 'console.billing.evidence.paidBy.autopay',
} as const satisfies Record<S['PaidBy'], string>;

/** Why evidence cannot be sent, as the server says it. */
const BLOCKED_KEYS: Record<string, string> = {
  sent: 'console.billing.evidence.blocked.sent',
  sending: 'console.billing.evidence.blocked.sending',
  past_due: 'console.billing.evidence.blocked.pastDue',
  not_open: 'console.billing.evidence.blocked.notOpen',
};

/** Who accepted a document: the patient, someone acting for them, or staff recording the patient's answer (and how it was given). */
const WHO_KEYS: Record<string, string> = {
  patient: 'console.billing.evidence.who.patient',
  proxy: 'console.billing.evidence.who.proxy',
  staff: 'console.billing.evidence.who.staff',
  'staff:written': 'console.billing.evidence.who.staffWritten',
  'staff:verbal': 'console.billing.evidence.who.staffVerbal',
};

/** Stripe's fields in the order the card network reads them. */
const FIELD_ORDER = [
  'product_description',
  'service_date',
  'access_activity_log',
  'refund_policy_disclosure',
  'uncategorized_text',
] as const;

/** Exactly what Stripe receives for the chosen sections: each field's parts, a blank line apart. */
export function stripeFields(e: S['EvidenceView'], chosen: readonly S['EvidenceSection'][]): [string, string][] {
  const parts = [...e.always, ...e.sections.filter((s) => chosen.includes(s.section)).flatMap((s) => s.fields)];
  return FIELD_ORDER.map((name): [string, string] => [
    name,
    parts
      .filter((p) => p.name === name)
      .map((p) => p.value)
      .join('\n\n'),
  ]).filter(([, value]) => value !== '');
}

/** The facts of one section, in the reader's language and the practice's zone (as the text says them). */
function Facts({
  evidence: e,
  section,
  when,
}: {
  evidence: S['EvidenceView'];
  section: S['EvidenceSection'];
  when: (iso: string) => string;
}) {
  const { t } = useI18n();
  const who = (a: S['AcceptanceView']) =>
    t(WHO_KEYS[a.method ? `${a.by}:${a.method}` : a.by] ?? WHO_KEYS[a.by] ?? 'console.billing.evidence.who.patient');
  switch (section) {
    case 'attendance':
      return e.visits.length ? (
        <ul className="hint">
          {e.visits.map((v) => (
            <li key={v.starts_at}>
              {[
                t('console.billing.evidence.visit', { when: when(v.starts_at) }),
                v.arrived_at ? t('console.billing.evidence.arrived', { when: when(v.arrived_at) }) : '',
                v.completed_at ? t('console.billing.evidence.ended', { when: when(v.completed_at) }) : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{t('console.billing.evidence.none.attendance')}</p>
      );
    case 'financial_policy':
      return e.financial_policy || e.autopay ? (
        <ul className="hint">
          {e.financial_policy ? (
            <li>
              {t('console.billing.evidence.policy', {
                version: e.financial_policy.version,
                when: when(e.financial_policy.accepted_at),
                who: who(e.financial_policy),
              })}
            </li>
          ) : null}
          {e.autopay ? (
            <li>
              {t('console.billing.evidence.autopay', {
                version: e.autopay.version,
                when: when(e.autopay.accepted_at),
                who: who(e.autopay),
              })}
            </li>
          ) : null}
        </ul>
      ) : (
        <p className="hint">{t('console.billing.evidence.none.financialPolicy')}</p>
      );
    case 'communication':
      return e.messages.first_at && e.messages.last_at ? (
        <p className="hint">
          {t('console.billing.evidence.messages', {
            fromPatient: e.messages.from_patient,
            fromPractice: e.messages.from_practice,
            first: when(e.messages.first_at),
            last: when(e.messages.last_at),
          })}
        </p>
      ) : (
        <p className="hint">{t('console.billing.evidence.none.communication')}</p>
      );
    case 'portal_activity': {
      const last = e.sign_ins[e.sign_ins.length - 1];
      return last ? (
        <p className="hint">{t('console.billing.evidence.signIns', { n: e.sign_ins.length, last: when(last) })}</p>
      ) : (
        <p className="hint">{t('console.billing.evidence.none.portalActivity')}</p>
      );
    }
  }
}

export function DisputeEvidence({
  patientId,
  dispute,
  onClose,
}: {
  patientId: string;
  dispute: S['DisputeView'];
  onClose: () => void;
}) {
  const { t, tr } = useI18n();
  const { roles } = useMe();
  const client = useQueryClient();
  const status = useStatus();
  const queryKey = ['evidence', patientId, dispute.dispute_id];
  const evidence = useQuery({ queryKey, queryFn: () => billing.evidence(patientId, dispute.dispute_id) });
  // Null until staff change a box: every section with something in it is offered.
  const [chosen, setChosen] = useState<S['EvidenceSection'][] | null>(null);
  const [unsent, setUnsent] = useState(false);
  // Sent just now: the focus moves to what says so (the button that was pressed is gone).
  const [justSent, setJustSent] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  // The heading takes the focus once there is one (after the first read).
  const loaded = Boolean(evidence.data);
  useEffect(() => {
    if (loaded) headingRef.current?.focus();
  }, [loaded]);
  const send = useMutation({
    mutationFn: (sections: S['EvidenceSection'][]) => billing.sendEvidence(patientId, dispute.dispute_id, { sections }),
    onSuccess: (view) => {
      client.setQueryData(queryKey, view);
      void client.invalidateQueries({ queryKey: ['ledger', patientId] });
      // Stripe did not answer: nothing was sent; the same button asks again.
      const notSent = view.dispute.evidence?.state === 'unsent';
      setUnsent(notSent);
      setJustSent(!notSent);
      if (!notSent) status.announce('console.billing.evidence.sentStatus');
    },
    // Refused (sent meanwhile, past the deadline, closed): read where it stands again.
    onError: (err) => {
      if (err instanceof ApiError && (err.status === 409 || err.status === 422)) {
        void evidence.refetch();
        void client.invalidateQueries({ queryKey: ['ledger', patientId] });
      }
    },
  });
  if (evidence.isError) return <LoadFailed error={evidence.error} retry={() => void evidence.refetch()} />;
  if (!evidence.data) return <Loading />;
  const e = evidence.data;
  const available = e.sections.filter((s) => s.available).map((s) => s.section);
  const picked = (chosen ?? available).filter((s) => available.includes(s));
  const canSend = e.can_send && mayBill(roles, 'sendEvidence');
  const when = (iso: string) =>
    new Intl.DateTimeFormat(tr.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: e.time_zone }).format(
      new Date(iso),
    );
  const toggle = (section: S['EvidenceSection'], on: boolean) =>
    setChosen(on ? [...picked, section] : picked.filter((s) => s !== section));
  const sent = e.dispute.evidence?.state === 'sent' ? e.dispute.evidence : null;
  return (
    <section className="card stack" aria-labelledby={titleId} data-testid="billing-evidence">
      <h3 id={titleId} ref={headingRef} tabIndex={-1}>
        {t('console.billing.evidence.title')}
      </h3>
      <p className="hint">{t('console.billing.evidence.lead')}</p>
      <p data-testid="billing-evidence-payment">{t(PAID_BY_KEYS[e.paid_by], { when: when(e.paid_at) })}</p>
      <p className="hint">{t('console.billing.evidence.zone', { zone: e.time_zone })}</p>
      {e.blocked ? (
        <Alert tone={e.blocked === 'sent' ? 'info' : 'warn'} testid="billing-evidence-blocked" focus={justSent}>
          <p>
            {t(BLOCKED_KEYS[e.blocked] ?? 'console.billing.evidence.blocked.notOpen', {
              when: sent ? when(sent.at) : '',
            })}
          </p>
        </Alert>
      ) : null}
      <fieldset className="stack">
        <legend>{t(canSend ? 'console.billing.evidence.choose' : 'console.billing.evidence.facts')}</legend>
        {e.sections.map((s) => {
          const id = `${titleId}-${s.section}`;
          return (
            <div key={s.section} data-testid="billing-evidence-section" data-section={s.section}>
              <div className="choice">
                <input
                  type="checkbox"
                  id={id}
                  disabled={!s.available || !canSend}
                  checked={sent ? sent.sections.includes(s.section) : picked.includes(s.section)}
                  onChange={(ev) => toggle(s.section, ev.currentTarget.checked)}
                  aria-describedby={`${id}-facts`}
                />
                <label htmlFor={id}>{t(SECTION_KEYS[s.section])}</label>
              </div>
              <div id={`${id}-facts`}>
                <Facts evidence={e} section={s.section} when={when} />
              </div>
            </div>
          );
        })}
      </fieldset>
      <details data-testid="billing-evidence-text">
        <summary>{t('console.billing.evidence.exactText')}</summary>
        <p className="hint">{t('console.billing.evidence.exactTextHint')}</p>
        <dl className="stack" lang="en">
          {stripeFields(e, sent ? sent.sections : picked).map(([name, value]) => (
            <div key={name} data-testid="billing-evidence-field" data-field={name}>
              <dt>
                <code>{name}</code>
              </dt>
              <dd>
                <pre className="template-text">{value}</pre>
              </dd>
            </div>
          ))}
        </dl>
      </details>
      {unsent && !send.isPending ? (
        <Alert tone="warn" testid="billing-evidence-unsent" focus>
          <p>{t('console.billing.evidence.unsent')}</p>
        </Alert>
      ) : null}
      <Refusal
        error={send.error}
        words={{ 409: 'console.billing.evidence.refused', 422: 'console.billing.evidence.empty' }}
        testid="billing-evidence-error"
        focus
      />
      {canSend ? <p className="hint">{t('console.billing.evidence.final')}</p> : null}
      <div className="actions actions-row">
        {canSend ? (
          <BusyButton
            type="button"
            busy={send.isPending}
            busyLabel={t('console.billing.evidence.sending')}
            disabled={!picked.length}
            onClick={() => send.mutate(picked)}
            data-testid="billing-evidence-send"
          >
            {t('console.billing.evidence.send')}
          </BusyButton>
        ) : null}
        <button
          type="button"
          className="button button-secondary"
          onClick={onClose}
          data-testid="billing-evidence-close"
        >
          {t('console.billing.evidence.close')}
        </button>
      </div>
    </section>
  );
}
