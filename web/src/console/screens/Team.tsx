// The practice's staff: who they are, their roles and whether their account is active; admins can
// disable a colleague's account (never their own), which signs them out everywhere at once.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError } from '../../shared/api/errors';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { may } from '../../shared/limits';
import {
  Alert,
  ConfirmDialog,
  ErrorMessage,
  LoadFailed,
  Loading,
  PageHeading,
  useStatus,
} from '../../shared/ui/components';
import { useConsoleTitle } from '../App';
import { type S, staff } from '../api';
import { useMe, useRoleNames, useTeam } from '../parts';

type Member = S['StaffMemberView'];

const STATUS_KEYS = {
  active: 'console.team.status.active',
  disabled: 'console.team.status.disabled',
} as const satisfies Record<S['AccountStatus'], string>;

export function Team() {
  const { t } = useI18n();
  useConsoleTitle(t('console.nav.team'));
  const me = useMe();
  const team = useTeam();
  const roleNames = useRoleNames();
  const canDisable = may(me.roles, 'disableStaff');
  const [asking, setAsking] = useState<Member | null>(null);
  // Where the focus goes once the dialog has closed: back to the member's button, or to their name
  // when the button has gone (they are disabled now).
  const [focusOn, setFocusOn] = useState<{ id: string; part: 'th' | 'button' } | null>(null);
  const disable = useDisable((done) => {
    setAsking(null);
    setFocusOn({ id: done.staff_id, part: 'th' });
  });

  useEffect(() => {
    if (!focusOn) return;
    const rows = document.querySelectorAll<HTMLElement>('[data-testid="team-row"]');
    Array.from(rows)
      .find((row) => row.dataset.staffId === focusOn.id)
      ?.querySelector<HTMLElement>(focusOn.part)
      ?.focus();
    setFocusOn(null);
  }, [focusOn]);

  return (
    <section className="stack">
      <PageHeading>{t('console.team.title')}</PageHeading>
      <p className="lead">{t(canDisable ? 'console.team.leadAdmin' : 'console.team.lead')}</p>
      {team.isError ? <LoadFailed error={team.error} retry={() => void team.refetch()} /> : null}
      {team.isPending ? <Loading /> : null}
      {team.data ? (
        <table className="inbox team" data-testid="team">
          <caption className="visually-hidden">{t('console.team.caption', { n: team.data.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('console.team.name')}</th>
              <th scope="col">{t('console.team.email')}</th>
              <th scope="col">{t('console.team.roles')}</th>
              <th scope="col">{t('console.team.status')}</th>
              {canDisable ? <th scope="col">{t('console.team.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {team.data.map((m) => (
              <tr key={m.staff_id} data-testid="team-row" data-staff-id={m.staff_id} data-status={m.status}>
                <th scope="row" tabIndex={-1} data-testid="team-name">
                  {m.display_name}
                  {m.staff_id === me.staff_id ? <span className="hint"> ({t('console.you')})</span> : null}
                </th>
                <td data-testid="team-email">{m.email}</td>
                <td data-testid="team-roles">{roleNames(m.roles)}</td>
                <td data-testid="team-status">
                  {m.status === 'active' ? (
                    t(STATUS_KEYS.active)
                  ) : (
                    <span className="tag">{t(STATUS_KEYS[m.status])}</span>
                  )}
                </td>
                {canDisable ? (
                  <td>
                    {m.staff_id !== me.staff_id && m.status === 'active' ? (
                      <button
                        type="button"
                        className="button button-danger button-small"
                        data-testid="team-disable"
                        aria-label={t('console.team.disableNamed', { name: m.display_name })}
                        onClick={() => {
                          disable.reset();
                          setAsking(m);
                        }}
                      >
                        {t('console.team.disable')}
                      </button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <ConfirmDialog
        open={asking !== null}
        testid="team-disable-confirm"
        danger
        title={t('console.team.confirmTitle', { name: asking?.display_name ?? '' })}
        body={[t('console.team.confirmEffect', { name: asking?.display_name ?? '' }), t('console.team.confirmNoUndo')]}
        confirmLabel={t('console.team.confirmYes')}
        cancelLabel={t('common.cancel')}
        busy={disable.isPending}
        busyLabel={t('console.team.disabling')}
        onAnswer={(yes) => {
          if (yes && asking) disable.mutate(asking);
          else {
            if (asking) setFocusOn({ id: asking.staff_id, part: 'button' });
            setAsking(null);
          }
        }}
      >
        {disable.error ? <DisableError error={disable.error} /> : null}
      </ConfirmDialog>
    </section>
  );
}

/** Disables a member; the team list shows the answer at once, and the status line says what it did. */
function useDisable(onDone: (member: Member) => void) {
  const client = useQueryClient();
  const status = useStatus();
  return useMutation({
    mutationFn: (member: Member) => staff.disableMember(member.staff_id),
    onSuccess: (done) => {
      client.setQueryData<Member[]>(['team'], (old) => old?.map((m) => (m.staff_id === done.staff_id ? done : m)));
      status.announce('console.team.disabled', { name: done.display_name });
      onDone(done);
    },
  });
}

/** Why the account was not disabled: the two refusals the route documents in words of ours, else the general ones. */
function DisableError({ error }: { error: unknown }) {
  const { t } = useI18n();
  const refusal =
    error instanceof ApiError && error.status === 409
      ? 'console.team.error.self'
      : error instanceof ApiError && error.status === 403
        ? 'console.team.error.notAdmin'
        : '';
  if (!refusal) return <ErrorMessage error={error} testid="team-disable-error" focus />;
  return (
    <Alert tone="error" testid="team-disable-error" focus>
      <p>{t(refusal)}</p>
    </Alert>
  );
}
