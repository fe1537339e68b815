//! What each identity function uses, built once per environment: from Lambda's environment
//! (`from_env`) or from the local gateway's adapters (`from_ports`).

use std::sync::Arc;

use portico::auth::Sessions;
use portico::config::Env;
use portico::store::Table;
use portico::wiring::{Base, Ports, Wire};

use crate::access_log::AccessLogDeps;
use crate::profile::ContactDeps;
use crate::proxies::{AcceptDeps, InviteDeps};
use crate::sign_in::{CodeDeps, SessionDeps, SignInDeps};
use crate::triggers::TriggerDeps;

/// The profile, consents and preferences routes that only read and write the table.
pub struct PortalDeps {
    pub table: Arc<dyn Table>,
}

impl Wire for AccessLogDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        let table = base.table(env);
        AccessLogDeps { audit: base.edge(env).audit_log(), sessions: Sessions::new(table, base.clock()) }
    }

    fn from_ports(ports: &Ports) -> Self {
        AccessLogDeps { audit: ports.edge.audit_log(), sessions: ports.edge.sessions.clone() }
    }
}

impl Wire for PortalDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        PortalDeps { table: base.table(env) }
    }

    fn from_ports(ports: &Ports) -> Self {
        PortalDeps { table: ports.table() }
    }
}

impl Wire for SignInDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        let floor_ms = env.parsed("SIGN_IN_FLOOR_MS", 1000, |v| v.parse::<u64>().ok());
        SignInDeps {
            table: base.table(env),
            clock: base.clock(),
            hasher: base.hasher(env),
            identity: base.identity(env),
            floor: std::time::Duration::from_millis(floor_ms),
        }
    }

    fn from_ports(ports: &Ports) -> Self {
        SignInDeps {
            table: ports.table(),
            clock: ports.clock(),
            hasher: ports.hasher.clone(),
            identity: Arc::clone(&ports.identity),
            floor: ports.sign_in_floor,
        }
    }
}

impl Wire for CodeDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        CodeDeps { sign_in: SignInDeps::from_env(env, base), sender: base.sender(env), tenants: base.tenants(env) }
    }

    fn from_ports(ports: &Ports) -> Self {
        CodeDeps { sign_in: SignInDeps::from_ports(ports), sender: ports.sender(), tenants: ports.tenants() }
    }
}

impl Wire for SessionDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        let table = base.table(env);
        SessionDeps { sessions: Sessions::new(Arc::clone(&table), base.clock()), table, identity: base.identity(env) }
    }

    fn from_ports(ports: &Ports) -> Self {
        SessionDeps { table: ports.table(), sessions: ports.edge.sessions.clone(), identity: Arc::clone(&ports.identity) }
    }
}

impl Wire for ContactDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        ContactDeps {
            table: base.table(env),
            clock: base.clock(),
            hasher: base.hasher(env),
            sender: base.sender(env),
            tenants: base.tenants(env),
        }
    }

    fn from_ports(ports: &Ports) -> Self {
        ContactDeps {
            table: ports.table(),
            clock: ports.clock(),
            hasher: ports.hasher.clone(),
            sender: ports.sender(),
            tenants: ports.tenants(),
        }
    }
}

impl Wire for TriggerDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        TriggerDeps { table: base.table(env), hasher: base.hasher(env), clock: base.clock() }
    }

    fn from_ports(ports: &Ports) -> Self {
        TriggerDeps { table: ports.table(), hasher: ports.hasher.clone(), clock: ports.clock() }
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

impl Wire for AcceptDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        AcceptDeps { table: base.table(env), clock: base.clock(), hasher: base.hasher(env), identity: base.identity(env) }
    }

    fn from_ports(ports: &Ports) -> Self {
        AcceptDeps { table: ports.table(), clock: ports.clock(), hasher: ports.hasher.clone(), identity: Arc::clone(&ports.identity) }
    }
}
