// The practice's staff: who they are, their roles, whether their account is active and when they last
// signed in; admins invite a staff member, change a member's roles (taking one away signs them out at
// once), disable a colleague's account (never their own), which signs them out everywhere at once, and
// turn a disabled one back on.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError } from '../../shared/api/errors';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { may, type StaffPermission } from '../../shared/limits';
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
import { InviteMember } from './TeamInvite';
import { RolesEditor } from './TeamRoles';

type Member = S['StaffMemberView'];

const STATUS_KEYS = {
  active: 'console.team.status.active',
  disabled: 'console.team.status.disabled',
} as const satisfies Record<S['AccountStatus'], string>;

/** What an admin may do to a colleague's account, and the words each needs. */
type Action = 'disable' | 'enable';
const ACTIONS = {
  disable: {
    permission: 'disableStaff',
    button: 'console.team.disable',
    buttonNamed: 'console.team.disableNamed',
    title: 'console.team.confirmTitle',
    body: ['console.team.confirmEffect', 'console.team.confirmUndo'],
    yes: 'console.team.confirmYes',
    busy: 'console.team.disabling',
    done: 'console.team.disabled',
    notAdmin: 'console.team.error.notAdmin',
    self: 'console.team.error.self',
  },
  enable: {
    permission: 'enableStaff',
    button: 'console.team.enable',
    buttonNamed: 'console.team.enableNamed',
    title: 'console.team.enableTitle',
    body: ['console.team.enableEffect'],
    yes: 'console.team.enableYes',
    busy: 'console.team.enabling',
    done: 'console.team.enabled',
    notAdmin: 'console.team.error.notAdminEnable',
    self: 'console.team.error.selfEnable',
  },
} as const satisfies Record<Action, { permission: StaffPermission; body: readonly string[] } & Record<string, unknown>>;

/** The change a member's account may have: a colleague's active account is disabled, a disabled one enabled. */
function actionFor(member: Member, me: Member): Action | null {
  if (member.staff_id === me.staff_id) return null;
  return member.status === 'active' ? 'disable' : 'enable';
}

/** Where the focus goes in a member's row: their name, or one of its buttons. */
type FocusPart = 'th' | 'team-disable' | 'team-enable' | 'team-roles-edit';

export function Team() {
  const { t, tr } = useI18n();
  useConsoleTitle(t('console.nav.team'));
  const me = useMe();
  const team = useTeam();
  const roleNames = useRoleNames();
  const may_ = (action: Action) => may(me.roles, ACTIONS[action].permission);
  const canChange = may_('disable') || may_('enable');
  const canEditRoles = may(me.roles, 'changeRoles');
  const canAct = canChange || canEditRoles;
  const [asking, setAsking] = useState<{ member: Member; action: Action } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  // Where the focus goes once a dialog or an editor has closed: back to the member's button, or to
  // their name once the change is made (the button is another one now).
  const [focusOn, setFocusOn] = useState<{ id: string; part: FocusPart } | null>(null);
  const change = useAccountChange((done) => {
    setAsking(null);
    setFocusOn({ id: done.staff_id, part: 'th' });
  });

  useEffect(() => {
    if (!focusOn) return;
    const rows = document.querySelectorAll<HTMLElement>('[data-testid="team-row"]');
    Array.from(rows)
      .find((row) => row.dataset.staffId === focusOn.id)
      ?.querySelector<HTMLElement>(focusOn.part === 'th' ? 'th' : `[data-testid="${focusOn.part}"]`)
      ?.focus();
    setFocusOn(null);
  }, [focusOn]);

  const words = asking ? ACTIONS[asking.action] : ACTIONS.disable;
  const name = asking?.member.display_name ?? '';
  return (
    <section className="stack">
      <PageHeading>{t('console.team.title')}</PageHeading>
      <p className="lead">{t(canAct ? 'console.team.leadAdmin' : 'console.team.lead')}</p>
      {may(me.roles, 'inviteStaff') ? (
        <InviteMember onInvited={(member) => setFocusOn({ id: member.staff_id, part: 'th' })} />
      ) : null}
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
              <th scope="col">{t('console.team.lastSignIn')}</th>
              {canAct ? <th scope="col">{t('console.team.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {team.data.map((m) => {
              const action = actionFor(m, me);
              return (
                <tr key={m.staff_id} data-testid="team-row" data-staff-id={m.staff_id} data-status={m.status}>
                  <th scope="row" tabIndex={-1} data-testid="team-name">
                    {m.display_name}
                    {m.staff_id === me.staff_id ? <span className="hint"> ({t('console.you')})</span> : null}
                  </th>
                  <td data-testid="team-email">{m.email}</td>
                  <td data-testid="team-roles">
                    {editing === m.staff_id ? (
                      <RolesEditor
                        member={m}
                        onSaved={(done) => {
                          setEditing(null);
                          setFocusOn({ id: done.staff_id, part: 'th' });
                        }}
                        onCancel={() => {
                          setEditing(null);
                          setFocusOn({ id: m.staff_id, part: 'team-roles-edit' });
                        }}
                      />
                    ) : (
                      roleNames(m.roles)
                    )}
                  </td>
                  <td data-testid="team-status">
                    {m.status === 'active' ? (
                      t(STATUS_KEYS.active)
                    ) : (
                      <span className="tag">{t(STATUS_KEYS[m.status])}</span>
                    )}
                  </td>
                  <td data-testid="team-last-sign-in">
                    {m.last_sign_in_at ? (
                      <time dateTime={m.last_sign_in_at}>{tr.dateTime(m.last_sign_in_at)}</time>
                    ) : (
                      <span className="muted">{t('console.team.notSignedIn')}</span>
                    )}
                  </td>
                  {canAct && editing !== m.staff_id ? (
                    <td>
                      <div className="team-actions">
                        {canEditRoles ? (
                          <button
                            type="button"
                            className="button button-secondary button-small"
                            data-testid="team-roles-edit"
                            aria-label={t('console.team.rolesEditor.openNamed', { name: m.display_name })}
                            onClick={() => {
                              change.reset();
                              setEditing(m.staff_id);
                            }}
                          >
                            {t('console.team.rolesEditor.open')}
                          </button>
                        ) : null}
                        {action && may_(action) ? (
                          <button
                            type="button"
                            className={
                              action === 'disable'
                                ? 'button button-danger button-small'
                                : 'button button-secondary button-small'
                            }
                            data-testid={`team-${action}`}
                            aria-label={t(ACTIONS[action].buttonNamed, { name: m.display_name })}
                            onClick={() => {
                              change.reset();
                              setAsking({ member: m, action });
                            }}
                          >
                            {t(ACTIONS[action].button)}
                          </button>
                        ) : null}
                      </div>
                    </td>
                  ) : canAct ? (
                    <td />
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <ConfirmDialog
        open={asking !== null}
        testid={`team-${asking?.action ?? 'disable'}-confirm`}
        danger={asking?.action !== 'enable'}
        title={t(words.title, { name })}
        body={words.body.map((key) => t(key, { name }))}
        confirmLabel={t(words.yes)}
        cancelLabel={t('common.cancel')}
        busy={change.isPending}
        busyLabel={t(words.busy)}
        onAnswer={(yes) => {
          if (yes && asking) change.mutate(asking);
          else {
            if (asking) setFocusOn({ id: asking.member.staff_id, part: `team-${asking.action}` });
            setAsking(null);
          }
        }}
      >
        {change.error && asking ? <ChangeError error={change.error} action={asking.action} /> : null}
      </ConfirmDialog>
    </section>
  );
}

/** Disables or turns back on a member's account; the team list shows the answer at once, and the status line says what it did. */
function useAccountChange(onDone: (member: Member) => void) {
  const client = useQueryClient();
  const status = useStatus();
  return useMutation({
    mutationFn: ({ member, action }: { member: Member; action: Action }) =>
      action === 'disable' ? staff.disableMember(member.staff_id) : staff.enableMember(member.staff_id),
    onSuccess: (done, { action }) => {
      client.setQueryData<Member[]>(['team'], (old) => old?.map((m) => (m.staff_id === done.staff_id ? done : m)));
      status.announce(ACTIONS[action].done, { name: done.display_name });
      onDone(done);
    },
  });
}

/** Why the account was not changed: the two refusals the routes document in words of ours, else the general ones. */
function ChangeError({ error, action }: { error: unknown; action: Action }) {
  const { t } = useI18n();
  const testid = `team-${action}-error`;
  const refusal =
    error instanceof ApiError && error.status === 409
      ? ACTIONS[action].self
      : error instanceof ApiError && error.status === 403
        ? ACTIONS[action].notAdmin
        : '';
  if (!refusal) return <ErrorMessage error={error} testid={testid} focus />;
  return (
    <Alert tone="error" testid={testid} focus>
      <p>{t(refusal)}</p>
    </Alert>
  );
}
