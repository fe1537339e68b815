//! Builds the API Gateway HTTP API (payload 2.0) event a Lambda function would receive, and parses it
//! with `lambda_http` exactly as the runtime does.

use std::collections::HashMap;
use std::net::SocketAddr;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use http::HeaderMap;
use serde_json::{Map, Value, json};

pub struct Incoming<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: Option<&'a str>,
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
    pub peer: SocketAddr,
    pub route_key: String,
    pub path_parameters: Vec<(String, String)>,
    pub claims: Option<HashMap<String, String>>,
    pub request_id: String,
    pub now_ms: i64,
}

pub fn api_gateway_event(incoming: &Incoming<'_>) -> Value {
    let mut headers = Map::new();
    let mut cookies = Vec::new();
    for name in incoming.headers.keys() {
        let values: Vec<&str> = incoming.headers.get_all(name).iter().filter_map(|v| v.to_str().ok()).collect();
        if name == http::header::COOKIE {
            // API Gateway moves cookies out of the headers into their own list.
            cookies.extend(values.iter().flat_map(|v| v.split(';')).map(|c| c.trim().to_string()).filter(|c| !c.is_empty()));
        } else {
            headers.insert(name.as_str().to_string(), Value::String(values.join(",")));
        }
    }
    let query_parameters: Map<String, Value> =
        incoming.query.map(|q| url_decode_pairs(q).into_iter().map(|(k, v)| (k, Value::String(v))).collect()).unwrap_or_default();
    let (body, base64) = match std::str::from_utf8(incoming.body) {
        Ok(text) => (text.to_string(), false),
        Err(_) => (STANDARD.encode(incoming.body), true),
    };
    let host = incoming.headers.get(http::header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let user_agent = incoming.headers.get(http::header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let mut context = json!({
        "accountId": "000000000000",
        "apiId": "local",
        "domainName": host,
        "domainPrefix": host.split('.').next().unwrap_or_default(),
        "http": {
            "method": incoming.method,
            "path": incoming.path,
            "protocol": "HTTP/1.1",
            "sourceIp": incoming.peer.ip().to_string(),
            "userAgent": user_agent,
        },
        "requestId": incoming.request_id,
        "routeKey": incoming.route_key,
        "stage": "$default",
        "time": chrono::DateTime::from_timestamp_millis(incoming.now_ms).unwrap_or_default().format("%d/%b/%Y:%H:%M:%S %z").to_string(),
        "timeEpoch": incoming.now_ms,
    });
    if let (Some(claims), Some(ctx)) = (&incoming.claims, context.as_object_mut()) {
        ctx.insert("authorizer".into(), json!({ "jwt": { "claims": claims, "scopes": null } }));
    }
    let mut event = json!({
        "version": "2.0",
        "routeKey": incoming.route_key,
        "rawPath": incoming.path,
        "rawQueryString": incoming.query.unwrap_or_default(),
        "headers": headers,
        "requestContext": context,
        "isBase64Encoded": base64,
    });
    if let Some(object) = event.as_object_mut() {
        if !cookies.is_empty() {
            object.insert("cookies".into(), json!(cookies));
        }
        if !query_parameters.is_empty() {
            object.insert("queryStringParameters".into(), Value::Object(query_parameters));
        }
        if !incoming.path_parameters.is_empty() {
            let params: Map<String, Value> = incoming.path_parameters.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect();
            object.insert("pathParameters".into(), Value::Object(params));
        }
        if !incoming.body.is_empty() {
            object.insert("body".into(), Value::String(body));
        }
    }
    event
}

fn url_decode_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16) {
                Ok(b) => {
                    out.push(b);
                    i += 2;
                }
                Err(_) => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("Lee%2C+Ann"), "Lee, Ann");
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%41"), "A");
    }
}
