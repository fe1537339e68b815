//! The API's description, told truthfully. utoipa describes each operation from its handler; this adds
//! what the edge answers for every route of a kind (the authorizer's 401, the parser's 400, 413 and 415,
//! the role check's 403, API Gateway's throttling, the opaque 500), gives problem documents their real
//! content type, and writes into request schemas the limits the server enforces, taken from the same
//! constants the code uses, so the document and the server cannot drift and the web apps read their
//! limits from it.

use serde_json::{Map, Value, json};

use super::route::{Access, Route};

/// A rule the server enforces on one field of a request schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Constraint {
    MinLength(usize),
    MaxLength(usize),
    Minimum(u64),
    Maximum(u64),
    MinItems(usize),
    MaxItems(usize),
    Pattern(&'static str),
    Format(&'static str),
}

/// One constraint on one field (`field`, or `field.items` for the items of an array).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub schema: &'static str,
    pub field: &'static str,
    pub constraint: Constraint,
}

impl Limit {
    pub const fn new(schema: &'static str, field: &'static str, constraint: Constraint) -> Self {
        Limit { schema, field, constraint }
    }
}

const PROBLEM: &str = "application/problem+json";

fn problem() -> Value {
    json!({ PROBLEM: { "schema": { "$ref": "#/components/schemas/Problem" } } })
}

/// API Gateway's own answers (the authorizer, throttling, oversize payloads) are `{"message": …}`.
fn gateway_message() -> Value {
    json!({ "schema": { "$ref": "#/components/schemas/GatewayMessage" } })
}

fn add(responses: &mut Map<String, Value>, status: &str, description: &str, content: Value) {
    let response = responses.entry(status.to_string()).or_insert_with(|| json!({}));
    if response["description"].as_str().is_none_or(str::is_empty) {
        response["description"] = json!(description);
    }
    let existing =
        response.as_object_mut().and_then(|r| r.entry("content").or_insert_with(|| json!({})).as_object_mut().map(std::mem::take));
    let mut merged = existing.unwrap_or_default();
    for (kind, schema) in content.as_object().cloned().unwrap_or_default() {
        merged.insert(kind, schema);
    }
    response["content"] = Value::Object(merged);
}

/// Problem documents are `application/problem+json`, whatever the handler's annotation said.
fn problems_as_problem_json(responses: &mut Map<String, Value>) {
    for response in responses.values_mut() {
        let Some(content) = response.get_mut("content").and_then(Value::as_object_mut) else { continue };
        let is_problem = content.get("application/json").is_some_and(|c| c["schema"]["$ref"] == "#/components/schemas/Problem");
        if is_problem && let Some(schema) = content.remove("application/json") {
            content.insert(PROBLEM.to_string(), schema);
        }
    }
}

/// OpenAPI requires a description on every response; a handler's annotation may leave it out.
fn reason(status: &str) -> &'static str {
    match status {
        "200" => "OK",
        "201" => "Created",
        "202" => "Accepted: the work continues in the background",
        "204" => "Done; nothing to return",
        "400" => "The request could not be read: malformed, missing or invalid fields",
        "401" => "Not signed in, the code or link is wrong, used or expired",
        "403" => "Not allowed for this caller",
        "404" => "Nothing exists at this address for the caller (other tenants' objects included)",
        "409" => "Conflicts with the current state, or the same request is still being handled; read again and retry",
        "410" => "Gone: this no longer exists",
        "413" => "The body is too large",
        "415" => "The body is not of the content type the route reads",
        "422" => "Understood but not acceptable: the body says which rule it breaks",
        "429" => "Too many requests; try again later",
        _ => "See the body",
    }
}

/// Adds to each route's operation every answer the edge and API Gateway can give it.
pub fn standard_responses(doc: &mut Value, routes: &[&Route]) {
    for route in routes {
        let method = route.method.to_lowercase();
        let Some(operation) = doc["paths"][route.path][&method].as_object_mut() else { continue };
        let takes_body = operation.contains_key("requestBody");
        let takes_query = operation.get("parameters").and_then(Value::as_array).is_some_and(|ps| ps.iter().any(|p| p["in"] == "query"));
        // The function's name is unique and says what the operation is; handlers' names are not unique.
        operation.insert("operationId".into(), json!(route.function));
        if let Access::Staff(roles) = route.access {
            // Which staff roles may call it (none listed: any recognised role); the console hides the rest.
            operation.insert("x-roles".into(), json!(roles.iter().map(|r| r.as_str()).collect::<Vec<_>>()));
        }
        for parameter in operation.get_mut("parameters").and_then(Value::as_array_mut).into_iter().flatten() {
            if parameter["in"] == "query" && parameter["name"] == "limit" {
                parameter["schema"] =
                    json!({ "type": "integer", "minimum": 1, "maximum": super::PAGE_MAX, "default": super::PAGE_DEFAULT });
            }
        }
        let responses = operation.entry("responses").or_insert_with(|| json!({})).as_object_mut();
        let Some(responses) = responses else { continue };
        problems_as_problem_json(responses);
        if matches!(route.access, Access::Patient | Access::Staff(_)) {
            add(responses, "401", "Not signed in, or the session has ended (the authorizer's own answer is application/json)", problem());
            responses["401"]["content"]["application/json"] = gateway_message();
        }
        if let Access::Staff(roles) = route.access
            && !roles.is_empty()
        {
            add(responses, "403", "The staff member's role does not allow this", problem());
        }
        if takes_body || takes_query || route.access == Access::Webhook {
            add(responses, "400", "The request could not be read: malformed, missing or invalid fields", problem());
        }
        if takes_body || route.access == Access::Webhook {
            add(responses, "413", "The body is too large (API Gateway's own limit answers application/json)", problem());
            responses["413"]["content"]["application/json"] = gateway_message();
            add(responses, "415", "The body is not of the content type the route reads", problem());
        }
        let preflight = route.method == "OPTIONS";
        if !preflight && (route.path.contains('{') || matches!(route.access, Access::Public)) {
            add(responses, "404", "Nothing exists at this address for the caller (other tenants' objects included)", problem());
        }
        if !preflight && route.method != "GET" {
            add(responses, "409", "Someone else changed this at the same time; read it again and retry", problem());
        }
        add(responses, "429", "Too many requests (API Gateway's throttling answers application/json)", json!({}));
        responses["429"]["content"]["application/json"] = gateway_message();
        add(responses, "500", "Something went wrong on our side; the body quotes a request id", problem());
        for (status, response) in responses.iter_mut() {
            if response["description"].as_str().is_none_or(str::is_empty) {
                response["description"] = json!(reason(status));
            }
        }
    }
    let schemas = &mut doc["components"]["schemas"];
    schemas["GatewayMessage"] = json!({
        "type": "object",
        "description": "An answer of API Gateway itself (authorizer, throttling, payload limit), not of a function.",
        "required": ["message"],
        "properties": { "message": { "type": "string" } }
    });
}

/// Writes the server's limits into the request schemas. Fails on a schema or field that does not exist,
/// so a renamed field cannot silently lose its limit.
pub fn apply_limits(doc: &mut Value, limits: &[Limit]) -> Result<(), String> {
    for limit in limits {
        let (field, items) = match limit.field.strip_suffix(".items") {
            Some(field) => (field, true),
            None => (limit.field, false),
        };
        let property = doc["components"]["schemas"][limit.schema]["properties"].get_mut(field);
        let Some(mut target) = property else { return Err(format!("{}.{} is not in the OpenAPI document", limit.schema, limit.field)) };
        if items {
            target = target.get_mut("items").ok_or_else(|| format!("{}.{} is not an array", limit.schema, field))?;
        }
        // A nullable field may be `oneOf [null, T]`: the limit goes on T.
        let typed =
            target.get("oneOf").and_then(Value::as_array).and_then(|a| a.iter().position(|s| s.get("type") != Some(&json!("null"))));
        if let Some(position) = typed {
            target = &mut target["oneOf"][position];
        }
        let (name, value) = match limit.constraint {
            Constraint::MinLength(n) => ("minLength", json!(n)),
            Constraint::MaxLength(n) => ("maxLength", json!(n)),
            Constraint::Minimum(n) => ("minimum", json!(n)),
            Constraint::Maximum(n) => ("maximum", json!(n)),
            Constraint::MinItems(n) => ("minItems", json!(n)),
            Constraint::MaxItems(n) => ("maxItems", json!(n)),
            Constraint::Pattern(p) => ("pattern", json!(p)),
            Constraint::Format(f) => ("format", json!(f)),
        };
        target[name] = value;
    }
    Ok(())
}
