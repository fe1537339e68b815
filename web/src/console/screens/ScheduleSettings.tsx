// A clinician's weekly schedule: hours per weekday (HH:MM, on their clock), the grid slots start on,
// their time zone, and blocks of time taken out (entered on their clock, sent as instants). The
// server's word on a field shows next to it; a change someone else made meanwhile (409) asks to reload.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ApiError } from '../../shared/api/errors';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { wallClockToIso } from '../../shared/i18n/i18n';
import { Alert, BusyButton, Field, LoadFailed, Loading, PageHeading, useStatus } from '../../shared/ui/components';
import { useConsoleTitle } from '../App';
import { Refusal, useFieldErrors, useMe, useTeam } from '../parts';
import './Schedule.css';
import { DAYS, type Day, isoToWallClock, isTime, isZone, knownZones, mayDo, type S, scheduling } from './ScheduleApi';

const DAY_KEYS = {
  mon: 'console.schedule.weekly.day.mon',
  tue: 'console.schedule.weekly.day.tue',
  wed: 'console.schedule.weekly.day.wed',
  thu: 'console.schedule.weekly.day.thu',
  fri: 'console.schedule.weekly.day.fri',
  sat: 'console.schedule.weekly.day.sat',
  sun: 'console.schedule.weekly.day.sun',
} as const satisfies Record<Day, string>;

interface Row {
  id: number;
  day: Day;
  start: string;
  end: string;
}
interface BlockRow {
  id: number;
  start: string;
  end: string;
  reason: string;
}
interface Draft {
  time_zone: string;
  grid_minutes: string;
  windows: Row[];
  blocks: BlockRow[];
}

let nextId = 1;
const rowId = () => nextId++;

function draftOf(schedule: S['Schedule'] | null, fallbackZone: string): Draft {
  if (!schedule) return { time_zone: fallbackZone, grid_minutes: '30', windows: [], blocks: [] };
  return {
    time_zone: schedule.time_zone,
    grid_minutes: String(schedule.grid_minutes),
    windows: schedule.windows.map((w) => ({
      id: rowId(),
      day: (DAYS as readonly string[]).includes(w.day) ? (w.day as Day) : 'mon',
      start: w.start,
      end: w.end,
    })),
    blocks: schedule.blocks.map((b) => ({
      id: rowId(),
      start: isoToWallClock(b.start, schedule.time_zone),
      end: isoToWallClock(b.end, schedule.time_zone),
      reason: b.reason ?? '',
    })),
  };
}

export function ClinicianSchedules() {
  const { t } = useI18n();
  useConsoleTitle(t('console.schedule.weekly.title'));
  const team = useTeam();
  const [clinician, setClinician] = useState('');
  const pickerId = useId();
  const clinicians = (team.data ?? []).filter((m) => m.roles.includes('clinician'));
  return (
    <section className="stack" data-testid="clinician-schedules">
      <PageHeading>{t('console.schedule.weekly.title')}</PageHeading>
      {team.isError ? <LoadFailed error={team.error} retry={() => void team.refetch()} /> : null}
      {team.data && !clinicians.length ? (
        <p data-testid="clinician-schedule-none">{t('console.schedule.weekly.noClinicians')}</p>
      ) : null}
      <div className="field">
        <label htmlFor={pickerId}>{t('console.schedule.weekly.clinician')}</label>
        <select
          id={pickerId}
          data-testid="clinician-schedule-picker"
          value={clinician}
          onChange={(e) => setClinician(e.currentTarget.value)}
        >
          <option value="">{t('console.schedule.weekly.choose')}</option>
          {clinicians.map((c) => (
            <option key={c.staff_id} value={c.staff_id}>
              {c.display_name}
            </option>
          ))}
        </select>
      </div>
      {clinician ? <ClinicianSchedule key={clinician} clinician={clinician} /> : null}
    </section>
  );
}

function ClinicianSchedule({ clinician }: { clinician: string }) {
  const schedule = useQuery({
    queryKey: ['clinician-schedule', clinician],
    queryFn: () => scheduling.schedule(clinician),
  });
  if (schedule.isError) return <LoadFailed error={schedule.error} retry={() => void schedule.refetch()} />;
  if (schedule.data === undefined) return <Loading />;
  return (
    <ScheduleForm
      key={schedule.data?.version ?? 'new'}
      clinician={clinician}
      schedule={schedule.data}
      reload={() => void schedule.refetch()}
    />
  );
}

function ScheduleForm({
  clinician,
  schedule,
  reload,
}: {
  clinician: string;
  schedule: S['Schedule'] | null;
  reload: () => void;
}) {
  const { t, tr } = useI18n();
  const me = useMe();
  const client = useQueryClient();
  const status = useStatus();
  const zonesId = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(schedule, tr.zoneName()));
  const [local, setLocal] = useState<Record<string, string>>({});
  const canEdit = mayDo(me.roles, 'editClinicianSchedule');
  const save = useMutation({
    mutationFn: (body: S['ScheduleInput']) => scheduling.saveSchedule(clinician, body),
    onSuccess: (saved) => {
      status.announce('console.schedule.weekly.saved');
      client.setQueryData(['clinician-schedule', clinician], saved);
    },
  });
  const serverError = useFieldErrors(save.error);
  const stale = save.error instanceof ApiError && save.error.status === 409;
  const zones = knownZones();
  const errorFor = (field: string, label: string) => local[field] || serverError(field, label);

  const submit = () => {
    const problems: Record<string, string> = {};
    if (!isZone(draft.time_zone)) problems.time_zone = t('console.schedule.weekly.zoneInvalid');
    if (!/^\d+$/.test(draft.grid_minutes.trim())) problems.grid_minutes = t('console.schedule.weekly.wholeNumber');
    if (draft.windows.some((w) => !isTime(w.start) || !isTime(w.end) || w.end <= w.start))
      problems.windows = t('console.schedule.weekly.windowsInvalid');
    const blocks = draft.blocks.map((b) => ({
      start: wallClockToIso(b.start, draft.time_zone),
      end: wallClockToIso(b.end, draft.time_zone),
      reason: b.reason.trim() || null,
    }));
    if (blocks.some((b) => !b.start || !b.end || b.end <= b.start))
      problems.blocks = t('console.schedule.weekly.blocksInvalid');
    setLocal(problems);
    if (Object.keys(problems).length) return;
    save.mutate({
      time_zone: draft.time_zone.trim(),
      grid_minutes: Number(draft.grid_minutes.trim()),
      windows: draft.windows.map(({ day, start, end }) => ({ day, start, end })),
      blocks: blocks.map((b) => ({ start: b.start ?? '', end: b.end ?? '', reason: b.reason })),
      ...(schedule?.version !== undefined ? { version: schedule.version } : {}),
    });
  };
  const setWindow = (id: number, patch: Partial<Row>) =>
    setDraft((d) => ({ ...d, windows: d.windows.map((w) => (w.id === id ? { ...w, ...patch } : w)) }));
  const setBlock = (id: number, patch: Partial<BlockRow>) =>
    setDraft((d) => ({ ...d, blocks: d.blocks.map((b) => (b.id === id ? { ...b, ...patch } : b)) }));
  const windowsError = errorFor('windows', t('console.schedule.weekly.hours'));
  const blocksError = errorFor('blocks', t('console.schedule.weekly.blocks'));

  return (
    <form
      className="card stack"
      noValidate
      data-testid="clinician-schedule-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {schedule ? null : <p data-testid="clinician-schedule-new">{t('console.schedule.weekly.noneYet')}</p>}
      {stale ? (
        <Alert tone="error" testid="clinician-schedule-stale" focus>
          <p>{t('console.schedule.weekly.stale')}</p>
          <button
            type="button"
            className="button button-secondary"
            data-testid="clinician-schedule-reload"
            onClick={reload}
          >
            {t('console.schedule.weekly.reload')}
          </button>
        </Alert>
      ) : save.error && !(save.error instanceof ApiError && save.error.fieldErrors.length) ? (
        <Refusal error={save.error} words={{}} testid="clinician-schedule-error" focus />
      ) : null}
      <Field
        label={t('console.schedule.weekly.zone')}
        hint={t('console.schedule.weekly.zoneHint')}
        error={errorFor('time_zone', t('console.schedule.weekly.zone'))}
      >
        {({ id, describedBy, invalid }) => (
          <>
            <input
              id={id}
              data-testid="clinician-schedule-zone"
              list={zones.length ? zonesId : undefined}
              aria-describedby={describedBy || undefined}
              aria-invalid={invalid || undefined}
              value={draft.time_zone}
              onChange={(e) => setDraft({ ...draft, time_zone: e.currentTarget.value })}
            />
            {zones.length ? (
              <datalist id={zonesId}>
                {zones.map((z) => (
                  <option key={z} value={z} />
                ))}
              </datalist>
            ) : null}
          </>
        )}
      </Field>
      <Field
        label={t('console.schedule.weekly.grid')}
        hint={t('console.schedule.weekly.gridHint')}
        error={errorFor('grid_minutes', t('console.schedule.weekly.grid'))}
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            inputMode="numeric"
            data-testid="clinician-schedule-grid"
            aria-describedby={describedBy || undefined}
            aria-invalid={invalid || undefined}
            value={draft.grid_minutes}
            onChange={(e) => setDraft({ ...draft, grid_minutes: e.currentTarget.value })}
          />
        )}
      </Field>
      <fieldset className="stack" data-testid="clinician-schedule-hours">
        <legend>{t('console.schedule.weekly.hours')}</legend>
        {windowsError ? (
          <p className="field-error" data-testid="clinician-schedule-hours-error">
            {windowsError}
          </p>
        ) : null}
        {DAYS.map((day) => {
          const rows = draft.windows.filter((w) => w.day === day);
          const dayName = t(DAY_KEYS[day]);
          return (
            <div key={day} className="stack-tight" data-testid="clinician-schedule-day" data-day={day}>
              <h3>{dayName}</h3>
              {rows.length ? null : <p className="hint">{t('console.schedule.weekly.closed')}</p>}
              {rows.map((w, i) => (
                <div key={w.id} className="actions schedule-window" data-testid="clinician-schedule-window">
                  <label>
                    {t('console.schedule.weekly.from', { day: dayName, n: i + 1 })}{' '}
                    <input
                      type="time"
                      data-testid="window-start"
                      value={w.start}
                      onChange={(e) => setWindow(w.id, { start: e.currentTarget.value })}
                    />
                  </label>
                  <label>
                    {t('console.schedule.weekly.to', { day: dayName, n: i + 1 })}{' '}
                    <input
                      type="time"
                      data-testid="window-end"
                      value={w.end}
                      onChange={(e) => setWindow(w.id, { end: e.currentTarget.value })}
                    />
                  </label>
                  <button
                    type="button"
                    className="button button-secondary"
                    data-testid="window-remove"
                    onClick={() => setDraft((d) => ({ ...d, windows: d.windows.filter((x) => x.id !== w.id) }))}
                  >
                    {t('console.schedule.weekly.removeHours', { day: dayName, n: i + 1 })}
                  </button>
                </div>
              ))}
              <div className="actions">
                <button
                  type="button"
                  className="button button-secondary"
                  data-testid="window-add"
                  onClick={() =>
                    setDraft((d) => ({
                      ...d,
                      windows: [...d.windows, { id: rowId(), day, start: '09:00', end: '17:00' }],
                    }))
                  }
                >
                  {t('console.schedule.weekly.addHours', { day: dayName })}
                </button>
              </div>
            </div>
          );
        })}
      </fieldset>
      <fieldset className="stack" data-testid="clinician-schedule-blocks">
        <legend>{t('console.schedule.weekly.blocks')}</legend>
        <p className="hint">{t('console.schedule.weekly.blocksHint', { zone: draft.time_zone })}</p>
        {blocksError ? (
          <p className="field-error" data-testid="clinician-schedule-blocks-error">
            {blocksError}
          </p>
        ) : null}
        {draft.blocks.map((b, i) => (
          <div key={b.id} className="actions schedule-window" data-testid="clinician-schedule-block">
            <label>
              {t('console.schedule.weekly.blockStart', { n: i + 1 })}{' '}
              <input
                type="datetime-local"
                data-testid="block-start"
                value={b.start}
                onChange={(e) => setBlock(b.id, { start: e.currentTarget.value })}
              />
            </label>
            <label>
              {t('console.schedule.weekly.blockEnd', { n: i + 1 })}{' '}
              <input
                type="datetime-local"
                data-testid="block-end"
                value={b.end}
                onChange={(e) => setBlock(b.id, { end: e.currentTarget.value })}
              />
            </label>
            <label>
              {t('console.schedule.weekly.blockReason', { n: i + 1 })}{' '}
              <input
                data-testid="block-reason"
                value={b.reason}
                onChange={(e) => setBlock(b.id, { reason: e.currentTarget.value })}
              />
            </label>
            <button
              type="button"
              className="button button-secondary"
              data-testid="block-remove"
              onClick={() => setDraft((d) => ({ ...d, blocks: d.blocks.filter((x) => x.id !== b.id) }))}
            >
              {t('console.schedule.weekly.removeBlock', { n: i + 1 })}
            </button>
          </div>
        ))}
        <div className="actions">
          <button
            type="button"
            className="button button-secondary"
            data-testid="block-add"
            onClick={() =>
              setDraft((d) => ({ ...d, blocks: [...d.blocks, { id: rowId(), start: '', end: '', reason: '' }] }))
            }
          >
            {t('console.schedule.weekly.addBlock')}
          </button>
        </div>
      </fieldset>
      {canEdit ? (
        <div className="actions">
          <BusyButton
            type="submit"
            busy={save.isPending}
            busyLabel={t('console.schedule.weekly.saving')}
            data-testid="clinician-schedule-save"
          >
            {t('console.schedule.weekly.save')}
          </BusyButton>
        </div>
      ) : null}
    </form>
  );
}
