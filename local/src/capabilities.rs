//! The one list of capabilities. The gateway mounts from it; the tests, the OpenAPI document and the
//! template checks read it. A new capability is one line here.

use portico::http::Route;
use portico::lambda::Capability;

pub fn all() -> Vec<Capability> {
    vec![
        portico_identity::capability(),
        portico_practice::capability(),
        portico_messaging::capability(),
        portico_platform::capability(),
        portico_scheduling::capability(),
        portico_billing::capability(),
    ]
}

/// Every route declared by the capabilities, in declaration order.
pub fn declared_routes() -> Vec<&'static Route> {
    all().iter().flat_map(|c| c.routes().collect::<Vec<_>>()).collect()
}

/// Every function without a route: Cognito triggers, workers, the relay.
pub fn routeless_functions() -> Vec<&'static str> {
    all().iter().flat_map(|c| c.functions.iter().map(|f| f.name).collect::<Vec<_>>()).collect()
}

/// The OpenAPI document of the whole API, as JSON: each capability's operations, every answer the edge
/// gives, and the limits the server enforces.
pub fn openapi() -> Result<serde_json::Value, String> {
    let capabilities = all();
    let mut doc = serde_json::to_value(described(&capabilities)).unwrap_or_default();
    let routes: Vec<&Route> = capabilities.iter().flat_map(|c| c.routes().collect::<Vec<_>>()).collect();
    portico::http::openapi::standard_responses(&mut doc, &routes);
    for capability in &capabilities {
        portico::http::openapi::apply_limits(&mut doc, capability.limits).map_err(|e| format!("{}: {e}", capability.name))?;
    }
    Ok(doc)
}

fn described(capabilities: &[Capability]) -> utoipa::openapi::OpenApi {
    use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
    let mut doc = utoipa::openapi::OpenApi::default();
    for capability in capabilities {
        doc.merge((capability.openapi)());
    }
    doc.info = utoipa::openapi::InfoBuilder::new()
        .title("Portico API")
        .version(env!("CARGO_PKG_VERSION"))
        .description(Some(
            "The Portico patient portal API. Public routes find the practice from the host; signed-in routes take it from the token. \
             Errors are RFC 9457 problem documents.",
        ))
        .build();
    let components = doc.components.get_or_insert_with(Default::default);
    let bearer = || SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build());
    components.add_security_scheme("patient", bearer());
    components.add_security_scheme("staff", bearer());
    doc
}
