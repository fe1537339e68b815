//! What each scheduling function uses, built once per environment: from Lambda's environment
//! (`from_env`) or from the local gateway's adapters (`from_ports`).

use std::sync::Arc;

use portico::config::Env;
use portico::store::Table;
use portico::video::Video;
use portico::wiring::{Base, Ports, Wire};

/// The scheduling routes: the table (tasks travel in the booking's own transaction).
pub struct SchedulingDeps {
    pub table: Arc<dyn Table>,
}

impl Wire for SchedulingDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        SchedulingDeps { table: base.table(env) }
    }

    fn from_ports(ports: &Ports) -> Self {
        SchedulingDeps { table: ports.table() }
    }
}

/// The sweep: the table, the clock, and the video provider whose meetings it ends.
pub struct SweepDeps {
    pub table: Arc<dyn Table>,
    pub clock: Arc<dyn portico::clock::Clock>,
    pub video: Arc<dyn Video>,
}

impl Wire for SweepDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        SweepDeps { table: base.table(env), clock: base.clock(), video: base.video(env) }
    }

    fn from_ports(ports: &Ports) -> Self {
        SweepDeps { table: ports.table(), clock: ports.clock(), video: ports.video.clone() }
    }
}

/// The join routes of video visits: the table and the video provider.
pub struct VisitDeps {
    pub table: Arc<dyn Table>,
    pub video: Arc<dyn Video>,
}

impl Wire for VisitDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        VisitDeps { table: base.table(env), video: base.video(env) }
    }

    fn from_ports(ports: &Ports) -> Self {
        VisitDeps { table: ports.table(), video: ports.video.clone() }
    }
}

/// The scheduling worker: the table, the clock, and the queue it defers on.
pub struct WorkerDeps {
    pub table: Arc<dyn Table>,
    pub clock: Arc<dyn portico::clock::Clock>,
    pub queue: Arc<dyn portico::queue::Queue>,
}

impl Wire for WorkerDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        WorkerDeps { table: base.table(env), clock: base.clock(), queue: base.queue(env, &[portico::events::SCHEDULING_QUEUE]) }
    }

    fn from_ports(ports: &Ports) -> Self {
        WorkerDeps { table: ports.table(), clock: ports.clock(), queue: ports.queue.clone() }
    }
}
