use std::collections::HashMap;

use lambda_http::{Request, RequestExt};

use crate::directory::Role;

/// The claims of a verified access token, as API Gateway's JWT authorizer passes them: every value a
/// string, lists rendered as `[a b]`.
#[derive(Debug, Clone, Default)]
pub struct Claims(HashMap<String, String>);

impl Claims {
    pub fn from_request(req: &Request) -> Option<Self> {
        let context = req.request_context_ref()?;
        let jwt = context.authorizer()?.jwt.as_ref()?;
        (!jwt.claims.is_empty()).then(|| Claims(jwt.claims.clone()))
    }

    pub fn from_map(map: HashMap<String, String>) -> Self {
        Claims(map)
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str).filter(|v| !v.is_empty())
    }

    pub fn number(&self, name: &str) -> Option<i64> {
        self.get(name).and_then(|v| v.parse().ok())
    }

    /// Staff roles from `cognito:groups` (`[admin clinician]`, or a JSON array when a test sends one).
    pub fn roles(&self) -> Vec<Role> {
        let raw = self.get("cognito:groups").unwrap_or_default();
        raw.trim_matches(|c| c == '[' || c == ']')
            .split(|c: char| c.is_whitespace() || c == ',')
            .map(|g| g.trim_matches('"'))
            .filter_map(Role::parse)
            .collect()
    }

    /// The session a token belongs to: Cognito's `origin_jti`, stable across refreshes.
    pub fn session_id(&self) -> Option<&str> {
        self.get("origin_jti").filter(|s| s.len() <= 128 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_parse_in_api_gateway_form() {
        let claims = Claims::from_map(HashMap::from([("cognito:groups".to_string(), "[admin front-desk unknown]".to_string())]));
        assert_eq!(claims.roles(), vec![Role::Admin, Role::FrontDesk]);
    }
}
