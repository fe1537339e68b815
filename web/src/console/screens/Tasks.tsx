// The team's work items (a patient message to answer, for now): open, claimed or done; claim one,
// give it back, or mark it done; open the conversation it is about.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../shared/i18n/I18nProvider';
import {
  BusyButton,
  ErrorMessage,
  Field,
  LoadFailed,
  Loading,
  PageHeading,
  useStatus,
} from '../../shared/ui/components';
import { useConsoleTitle } from '../App';
import { type S, staff } from '../api';
import { PatientName, TOPIC_KEYS, useMe, useStaffLabel } from '../parts';
import { mayBill } from './BillingApi';
import { mayDo } from './ScheduleApi';

const KIND_KEYS = {
  respond_to_message: 'console.tasks.kind.respond',
  new_appointment: 'console.tasks.kind.newAppointment',
  payment_dispute: 'console.tasks.kind.paymentDispute',
} as const satisfies Record<S['TaskKind'], string>;
const STATUS_KEYS = {
  open: 'console.tasks.status.open',
  claimed: 'console.tasks.status.claimed',
  done: 'console.tasks.status.done',
} as const satisfies Record<S['TaskStatus'], string>;

export function Tasks() {
  const { t } = useI18n();
  useConsoleTitle(t('console.nav.tasks'));
  const [status, setStatus] = useState<S['TaskStatus']>('open');
  const [mine, setMine] = useState(false);
  const tasks = useQuery({
    queryKey: ['tasks', status, mine],
    queryFn: () => staff.tasks({ status, mine }),
    refetchInterval: 30_000,
  });
  return (
    <section className="stack">
      <PageHeading>{t('console.tasks.title')}</PageHeading>
      <form className="filters" aria-label={t('console.inbox.filters')} onSubmit={(e) => e.preventDefault()}>
        <Field label={t('console.inbox.status')}>
          {({ id }) => (
            <select
              id={id}
              data-testid="task-filter-status"
              value={status}
              onChange={(e) => setStatus(e.currentTarget.value as S['TaskStatus'])}
            >
              {(Object.keys(STATUS_KEYS) as S['TaskStatus'][]).map((s) => (
                <option key={s} value={s}>
                  {t(STATUS_KEYS[s])}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="choice">
          <input
            type="checkbox"
            id="task-mine"
            data-testid="task-filter-mine"
            checked={mine}
            onChange={(e) => setMine(e.currentTarget.checked)}
          />
          <label htmlFor="task-mine">{t('console.tasks.mine')}</label>
        </div>
      </form>
      {tasks.isError ? <LoadFailed error={tasks.error} retry={() => void tasks.refetch()} /> : null}
      {tasks.isPending ? <Loading /> : null}
      {tasks.data === null ? (
        <div className="alert alert-info" data-testid="tasks-unavailable">
          <p>{t('console.unavailable')}</p>
        </div>
      ) : null}
      {tasks.data ? (
        tasks.data.tasks.length ? (
          <ul className="list" data-testid="task-list">
            {tasks.data.tasks.map((task) => (
              <TaskRow key={task.task_id} task={task} />
            ))}
          </ul>
        ) : (
          <p data-testid="tasks-none">{t('console.tasks.none')}</p>
        )
      ) : null}
    </section>
  );
}

function TaskRow({ task }: { task: S['TaskView'] }) {
  const { t, tr } = useI18n();
  const client = useQueryClient();
  const status = useStatus();
  const who = useStaffLabel();
  const { staff_id: me, roles } = useMe();
  const act = useMutation({
    mutationFn: (what: 'claim' | 'release' | 'complete') =>
      what === 'claim'
        ? staff.claimTask(task.task_id)
        : what === 'release'
          ? staff.releaseTask(task.task_id)
          : staff.completeTask(task.task_id),
    onSuccess: (_view, what) => {
      status.announce(
        what === 'claim'
          ? 'console.tasks.claimed'
          : what === 'release'
            ? 'console.tasks.released'
            : 'console.tasks.completed',
      );
      void client.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
  const overdue = task.status !== 'done' && Date.parse(task.due_at) < Date.now();
  return (
    <li className="list-row task" data-testid="task-row" data-task-id={task.task_id} data-status={task.status}>
      <strong>{t(KIND_KEYS[task.kind])}</strong>
      {task.patient_id ? (
        <span data-testid="task-patient">
          <PatientName patientId={task.patient_id} names={task.patient} />
        </span>
      ) : null}
      {task.team ? <span className="tag">{t(TOPIC_KEYS[task.team])}</span> : null}
      <span className={overdue ? 'status status-warn' : 'hint'}>
        {t(overdue ? 'console.tasks.overdue' : 'console.tasks.due', { when: tr.dateTime(task.due_at) })}
      </span>
      {task.assignee ? <span>{t('console.thread.assignedTo', { who: who(task.assignee) })}</span> : null}
      {/* A message task's subject is the thread; an appointment's is its id, which the schedule lists (no page of its own). */}
      {task.kind === 'respond_to_message' && task.patient_id && task.subject ? (
        <Link
          href={`/threads/${encodeURIComponent(task.patient_id)}/${encodeURIComponent(task.subject)}`}
          data-testid="task-open"
        >
          {t('console.tasks.open')}
        </Link>
      ) : null}
      {/* A dispute's subject is Stripe's dispute id: the patient's Billing tab shows it. */}
      {task.kind === 'payment_dispute' && task.patient_id && mayBill(roles, 'readLedger') ? (
        <Link href={`/patients/${encodeURIComponent(task.patient_id)}/billing`} data-testid="task-open">
          {t('console.tasks.openBilling')}
        </Link>
      ) : null}
      {task.kind === 'new_appointment' && task.subject && mayDo(roles, 'readSchedule') ? (
        <Link href="/schedule" data-testid="task-open">
          {t('console.tasks.openSchedule')}
        </Link>
      ) : null}
      <span className="actions">
        {task.status === 'open' ? (
          <BusyButton
            type="button"
            className="button button-secondary button-small"
            busy={act.isPending}
            busyLabel={t('common.saving')}
            data-testid="task-claim"
            onClick={() => act.mutate('claim')}
          >
            {t('console.tasks.claim')}
          </BusyButton>
        ) : null}
        {task.status === 'claimed' && task.assignee === me ? (
          <button
            type="button"
            className="button button-secondary button-small"
            data-testid="task-release"
            onClick={() => act.mutate('release')}
          >
            {t('console.tasks.release')}
          </button>
        ) : null}
        {task.status !== 'done' ? (
          <button
            type="button"
            className="button button-small"
            data-testid="task-complete"
            onClick={() => act.mutate('complete')}
          >
            {t('console.tasks.complete')}
          </button>
        ) : null}
      </span>
      <ErrorMessage error={act.error} testid="task-error" />
    </li>
  );
}
