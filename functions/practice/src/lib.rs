//! Practice administration from the staff CRM: enrol, find, invite and disable patients; answer CORS
//! preflights from the practice's allowlist.

pub mod api;
pub mod handlers;
pub mod patients;
pub mod routes;

use std::sync::Arc;

use portico::http::{Handler, Route, mount};
use portico::notify::Sender;
use portico::wiring::Ports;

use handlers::{cors, patients as staff};
use patients::{EnrolDeps, InviteDeps, LookupDeps};

impl portico::wiring::FromEnv for EnrolDeps {
    fn from_env(env: &mut portico::config::Env, sdk: &portico::aws::SdkConfig) -> Self {
        EnrolDeps {
            edge: portico::wiring::edge(env, sdk),
            hasher: portico::config::read_hasher(env),
            identity: portico::wiring::identity(env, sdk),
        }
    }
}

impl portico::wiring::FromEnv for InviteDeps {
    fn from_env(env: &mut portico::config::Env, sdk: &portico::aws::SdkConfig) -> Self {
        InviteDeps {
            edge: portico::wiring::edge(env, sdk),
            hasher: portico::config::read_hasher(env),
            sender: Sender { mail: portico::wiring::mailer(env, sdk), sms: portico::wiring::sms(env) },
        }
    }
}

impl portico::wiring::FromEnv for LookupDeps {
    fn from_env(env: &mut portico::config::Env, sdk: &portico::aws::SdkConfig) -> Self {
        LookupDeps { edge: portico::wiring::edge(env, sdk), hasher: portico::config::read_hasher(env) }
    }
}

/// Every route of this capability with its handler, for the local gateway.
pub fn mount_routes(ports: &Ports) -> Vec<(&'static Route, Handler)> {
    let sender = Sender { mail: Arc::clone(&ports.mailer), sms: Arc::clone(&ports.sms) };
    let enrol = Arc::new(EnrolDeps { edge: Arc::clone(&ports.edge), hasher: ports.hasher.clone(), identity: Arc::clone(&ports.identity) });
    let invite = Arc::new(InviteDeps { edge: Arc::clone(&ports.edge), hasher: ports.hasher.clone(), sender });
    let lookups = Arc::new(LookupDeps { edge: Arc::clone(&ports.edge), hasher: ports.hasher.clone() });
    let edge = Arc::clone(&ports.edge);
    vec![
        (&routes::STAFF_PATIENTS_CREATE, mount(&enrol, |d, r| async move { staff::create(&d, r).await })),
        (&routes::STAFF_PATIENTS_SEARCH, mount(&lookups, |d, r| async move { staff::search(&d, r).await })),
        (&routes::STAFF_PATIENTS_GET, mount(&lookups, |d, r| async move { staff::get(&d, r).await })),
        (&routes::STAFF_PATIENTS_INVITE, mount(&invite, |d, r| async move { staff::invite(&d, r).await })),
        (&routes::STAFF_PATIENTS_DISABLE, mount(&enrol, |d, r| async move { staff::disable(&d, r).await })),
        (&routes::HTTP_CORS_PREFLIGHT, mount(&edge, |d, r| async move { cors::preflight(&d, r).await })),
    ]
}

/// The OpenAPI description of this capability's routes.
#[derive(utoipa::OpenApi)]
#[openapi(paths(staff::create, staff::get, staff::search, staff::invite, staff::disable, cors::preflight))]
pub struct PracticeApi;
