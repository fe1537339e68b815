//! What each practice function uses, built once per environment: from Lambda's environment
//! (`from_env`) or from the local gateway's adapters (`from_ports`).

use std::sync::Arc;

use portico::auth::Sessions;
use portico::config::Env;
use portico::wiring::{Base, Ports, Wire};

use crate::audit_review::{AuditDeps, ExportDeps};
use crate::onboarding::OnboardDeps;
use crate::patient_edit::EditDeps;
use crate::patients::{EnrolDeps, GrantDeps, InviteDeps, LookupDeps};
use crate::settings::SettingsDeps;
use crate::team::TeamDeps;

impl Wire for AuditDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        AuditDeps { audit: base.edge(env).audit_log() }
    }

    fn from_ports(ports: &Ports) -> Self {
        AuditDeps { audit: ports.edge.audit_log() }
    }
}

impl Wire for SettingsDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        SettingsDeps { table: base.table(env) }
    }

    fn from_ports(ports: &Ports) -> Self {
        SettingsDeps { table: ports.table() }
    }
}

impl Wire for OnboardDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        OnboardDeps { table: base.table(env), team: TeamDeps::from_env(env, base), audit: base.audit_log(env), clock: base.clock() }
    }

    fn from_ports(ports: &Ports) -> Self {
        OnboardDeps { table: ports.table(), team: TeamDeps::from_ports(ports), audit: ports.edge.audit_log(), clock: ports.clock() }
    }
}

impl Wire for TeamDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        let table = base.table(env);
        TeamDeps { sessions: Sessions::new(Arc::clone(&table), base.clock()), table, accounts: base.staff_accounts(env) }
    }

    fn from_ports(ports: &Ports) -> Self {
        TeamDeps { table: ports.table(), sessions: ports.edge.sessions.clone(), accounts: Arc::clone(&ports.staff_accounts) }
    }
}

impl Wire for EnrolDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        let table = base.table(env);
        EnrolDeps {
            sessions: Sessions::new(Arc::clone(&table), base.clock()),
            table,
            clock: base.clock(),
            hasher: base.hasher(env),
            identity: base.identity(env),
        }
    }

    fn from_ports(ports: &Ports) -> Self {
        EnrolDeps {
            table: ports.table(),
            clock: ports.clock(),
            hasher: ports.hasher.clone(),
            identity: Arc::clone(&ports.identity),
            sessions: ports.edge.sessions.clone(),
        }
    }
}

impl Wire for InviteDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        InviteDeps {
            table: base.table(env),
            clock: base.clock(),
            tenants: base.tenants(env),
            hasher: base.hasher(env),
            sender: base.sender(env),
        }
    }

    fn from_ports(ports: &Ports) -> Self {
        InviteDeps {
            table: ports.table(),
            clock: ports.clock(),
            tenants: ports.tenants(),
            hasher: ports.hasher.clone(),
            sender: ports.sender(),
        }
    }
}

impl Wire for GrantDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        GrantDeps { table: base.table(env) }
    }

    fn from_ports(ports: &Ports) -> Self {
        GrantDeps { table: ports.table() }
    }
}

impl Wire for LookupDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        LookupDeps { table: base.table(env), hasher: base.hasher(env) }
    }

    fn from_ports(ports: &Ports) -> Self {
        LookupDeps { table: ports.table(), hasher: ports.hasher.clone() }
    }
}

impl Wire for EditDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        let table = base.table(env);
        EditDeps {
            sessions: Sessions::new(Arc::clone(&table), base.clock()),
            table,
            clock: base.clock(),
            hasher: base.hasher(env),
            sender: base.sender(env),
        }
    }

    fn from_ports(ports: &Ports) -> Self {
        EditDeps {
            table: ports.table(),
            clock: ports.clock(),
            hasher: ports.hasher.clone(),
            sender: ports.sender(),
            sessions: ports.edge.sessions.clone(),
        }
    }
}

impl Wire for ExportDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        ExportDeps { audit: base.edge(env).audit_log(), blobs: base.blobs(env), clock: base.clock() }
    }

    fn from_ports(ports: &Ports) -> Self {
        ExportDeps { audit: ports.edge.audit_log(), blobs: std::sync::Arc::clone(&ports.blobs), clock: ports.clock() }
    }
}
