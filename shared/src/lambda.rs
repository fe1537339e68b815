//! Functions and capabilities. An [`Endpoint`] binds one route to its handler and its dependencies; a
//! [`Function`] is a function without a route (a queue worker, the relay, a Cognito trigger). A binary
//! names the one it serves (`serve::<PortalThreadsList>(env!("CARGO_BIN_NAME"))`), and a binary whose
//! name is not its endpoint's function refuses to start, so no binary can serve another route's handler.
//!
//! Each capability describes itself once ([`Capability`]): its endpoints, its functions, the sort-key
//! prefixes it claims and its OpenAPI paths. The local gateway mounts from that list, and the tests, the
//! OpenAPI generator and the template checks iterate it.

use std::future::Future;
use std::sync::Arc;

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use futures::future::BoxFuture;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::config::Env;
use crate::http::{ApiError, Exchange, Reply, Route};
use crate::keys::Prefix;
use crate::wiring::{Base, Ports, Wire};

/// One route, its dependencies and its handler.
pub trait Endpoint: 'static {
    type Deps: Wire;
    const ROUTE: &'static Route;
    fn handle<'a>(deps: &'a Self::Deps, x: &'a Exchange<'a>) -> impl Future<Output = Result<Reply, ApiError>> + Send + 'a;
}

/// A function without a route: its Lambda event, its dependencies, its handler.
pub trait Function: 'static {
    const NAME: &'static str;
    type Deps: Wire;
    type Event: DeserializeOwned + Send + 'static;
    type Output: Serialize + Send + 'static;
    fn handle(deps: &Self::Deps, event: Self::Event) -> impl Future<Output = Result<Self::Output, lambda_runtime::Error>> + Send + '_;
}

/// Declares an endpoint type binding a route to its handler function and dependencies.
#[macro_export]
macro_rules! endpoint {
    ($(#[$doc:meta])* $name:ident, $route:path, $deps:ty, $handler:path) => {
        $(#[$doc])*
        pub struct $name;

        impl $crate::lambda::Endpoint for $name {
            type Deps = $deps;
            const ROUTE: &'static $crate::http::Route = &$route;
            fn handle<'a>(
                deps: &'a $deps,
                x: &'a $crate::http::Exchange<'a>,
            ) -> impl ::std::future::Future<Output = Result<$crate::http::Reply, $crate::http::ApiError>> + Send + 'a {
                $handler(deps, x)
            }
        }
    };
}

/// Refuses to start a binary that is not the function it serves.
fn bound(function: &str, binary: &str) -> Result<(), crate::config::ConfigError> {
    if function == binary {
        Ok(())
    } else {
        Err(crate::config::ConfigError(vec![format!("binary {binary} is built to serve {function}: the main names the wrong endpoint")]))
    }
}

/// Runs an HTTP endpoint as a Lambda function. The handler never fails (the edge turns every error into
/// a problem document), so the runtime only ever sees responses.
pub async fn serve<E: Endpoint>(binary: &str) -> Result<(), lambda_http::Error> {
    bound(E::ROUTE.function, binary)?;
    let (mut env, base) = crate::wiring::start().await;
    let edge = base.edge(&mut env);
    let deps = E::Deps::from_env(&mut env, &base);
    env.finish()?;
    let (edge, deps) = (&edge, &deps);
    lambda_http::run(lambda_http::service_fn(move |req| async move {
        Ok::<_, std::convert::Infallible>(edge.serve(req, E::ROUTE, async |x| E::handle(deps, x).await).await)
    }))
    .await
}

/// Runs a function without a route as a Lambda function.
pub async fn run<F: Function>(binary: &str) -> Result<(), lambda_runtime::Error> {
    bound(F::NAME, binary)?;
    let (mut env, base) = crate::wiring::start().await;
    let deps = F::Deps::from_env(&mut env, &base);
    env.finish()?;
    let deps = &deps;
    lambda_runtime::run(lambda_runtime::service_fn(move |event: lambda_runtime::LambdaEvent<F::Event>| async move {
        INVOCATION.scope(event.context.request_id.clone(), F::handle(deps, event.payload)).await
    }))
    .await
}

tokio::task_local! {
    static INVOCATION: String;
}

/// The Lambda request id of the invocation a function is handling: the invoker got it back, and
/// CloudTrail's record of the Invoke (which names who invoked) carries it, so an audit event that
/// records it joins the two. `None` outside an invocation (the local gateway).
pub fn invocation_id() -> Option<String> {
    INVOCATION.try_with(Clone::clone).ok()
}

/// A handler as the local gateway holds it: state captured, one request in, one response out.
pub type Handler = Arc<dyn Fn(lambda_http::Request) -> BoxFuture<'static, lambda_http::Response<lambda_http::Body>> + Send + Sync>;

/// A queue worker as the local gateway holds it: one SQS batch in, the partial batch response out.
pub type Consumer = Arc<dyn Fn(SqsEvent) -> BoxFuture<'static, SqsBatchResponse> + Send + Sync>;

/// Builds an endpoint's handler from the gateway's adapters.
pub fn mount<E: Endpoint>(ports: &Ports) -> Handler {
    let deps = Arc::new(E::Deps::from_ports(ports));
    let edge = Arc::clone(&ports.edge);
    Arc::new(move |req| {
        let (deps, edge) = (Arc::clone(&deps), Arc::clone(&edge));
        Box::pin(async move { edge.serve(req, E::ROUTE, async |x| E::handle(&deps, x).await).await })
    })
}

/// Builds a queue worker from the gateway's adapters.
pub fn consume<F>(ports: &Ports) -> Consumer
where
    F: Function<Event = SqsEvent, Output = SqsBatchResponse>,
{
    let deps = Arc::new(F::Deps::from_ports(ports));
    Arc::new(move |batch| {
        let deps = Arc::clone(&deps);
        Box::pin(async move {
            let ids: Vec<String> = batch.records.iter().filter_map(|r| r.message_id.clone()).collect();
            match F::handle(&deps, batch).await {
                Ok(response) => response,
                // A worker that fails as a whole fails every item of the batch, as Lambda would retry it.
                Err(e) => {
                    tracing::error!(error = %e, worker = F::NAME, "batch failed");
                    let mut response = SqsBatchResponse::default();
                    for id in ids {
                        let mut failure = aws_lambda_events::event::sqs::BatchItemFailure::default();
                        failure.item_identifier = id;
                        response.batch_item_failures.push(failure);
                    }
                    response
                }
            }
        })
    })
}

/// An endpoint as its capability lists it.
#[derive(Clone)]
pub struct Mounted {
    pub route: &'static Route,
    /// The endpoint's type (`portico_messaging::endpoints::PortalThreadsList`), which its binary names.
    pub endpoint: &'static str,
    pub mount: fn(&Ports) -> Handler,
    /// Builds what the function builds at cold start, from `env`: which variables it reads.
    pub cold_start: fn(&mut Env, &Base),
}

fn cold_start_http<E: Endpoint>(env: &mut Env, base: &Base) {
    let _ = base.edge(env);
    let _ = E::Deps::from_env(env, base);
}

fn cold_start<F: Function>(env: &mut Env, base: &Base) {
    let _ = F::Deps::from_env(env, base);
}

pub fn endpoint<E: Endpoint>() -> Mounted {
    Mounted { route: E::ROUTE, endpoint: std::any::type_name::<E>(), mount: mount::<E>, cold_start: cold_start_http::<E> }
}

/// What starts a function without a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// An SQS queue of this name.
    Queue(&'static str),
    /// The table's stream.
    Stream,
    /// An EventBridge schedule.
    Schedule,
    /// A Cognito user pool trigger.
    Cognito,
    /// Invoked directly by an operator whose IAM identity may invoke it; never behind the public API.
    Operator,
}

/// A function without a route as its capability lists it.
#[derive(Clone)]
pub struct Listed {
    pub name: &'static str,
    /// The function's type, which its binary names.
    pub function: &'static str,
    pub trigger: Trigger,
    /// How the local gateway feeds it, when it consumes a queue.
    pub consumer: Option<fn(&Ports) -> Consumer>,
    /// How the local gateway runs it, when it runs on a schedule (each pump round).
    pub tick: Option<fn(&Ports) -> Tick>,
    /// Builds what the function builds at cold start, from `env`: which variables it reads.
    pub cold_start: fn(&mut Env, &Base),
}

pub fn function<F: Function>(trigger: Trigger) -> Listed {
    Listed { name: F::NAME, function: std::any::type_name::<F>(), trigger, consumer: None, tick: None, cold_start: cold_start::<F> }
}

/// A scheduled function's run, as the local gateway makes it.
pub type Tick = Arc<dyn Fn() -> std::pin::Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync>;

fn tick<F>(ports: &Ports) -> Tick
where
    F: Function<Event = serde_json::Value>,
{
    let deps = Arc::new(F::Deps::from_ports(ports));
    Arc::new(move || {
        let deps = Arc::clone(&deps);
        Box::pin(async move {
            if let Err(e) = F::handle(&deps, serde_json::Value::Null).await {
                tracing::error!(error = %e, function = F::NAME, "scheduled run failed");
            }
        })
    })
}

/// A function on a schedule that the local gateway runs each time it pumps the workers.
pub fn scheduled<F>(trigger: Trigger) -> Listed
where
    F: Function<Event = serde_json::Value>,
    F::Deps: Send + Sync,
{
    Listed {
        name: F::NAME,
        function: std::any::type_name::<F>(),
        trigger,
        consumer: None,
        tick: Some(tick::<F>),
        cold_start: cold_start::<F>,
    }
}

pub fn worker<F>(queue: &'static str) -> Listed
where
    F: Function<Event = SqsEvent, Output = SqsBatchResponse>,
{
    Listed {
        name: F::NAME,
        function: std::any::type_name::<F>(),
        trigger: Trigger::Queue(queue),
        consumer: Some(consume::<F>),
        tick: None,
        cold_start: cold_start::<F>,
    }
}

/// Everything a capability is, described once.
pub struct Capability {
    pub name: &'static str,
    pub endpoints: Vec<Mounted>,
    pub functions: Vec<Listed>,
    /// The sort-key prefixes the capability's items use, per kind of partition.
    pub key_prefixes: &'static [Prefix],
    pub openapi: fn() -> utoipa::openapi::OpenApi,
    /// The limits its request schemas carry in the OpenAPI document.
    pub limits: &'static [crate::http::openapi::Limit],
}

impl Capability {
    pub fn routes(&self) -> impl Iterator<Item = &'static Route> + '_ {
        self.endpoints.iter().map(|e| e.route)
    }
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn a_function_knows_its_invocation_and_nothing_else_does() {
        assert_eq!(super::invocation_id(), None);
        let inside = super::INVOCATION.scope("8f5e-req".to_string(), async { super::invocation_id() }).await;
        assert_eq!(inside.as_deref(), Some("8f5e-req"));
    }
}
