//! A route is declared once, here-shaped, by its capability crate. The local gateway routes by it, and
//! tests hold the SAM template and the OpenAPI document to the same set.

use crate::directory::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No token: sign-in routes. The practice comes from the host.
    Public,
    /// The patient pool's JWT authorizer.
    Patient,
    /// The staff pool's JWT authorizer; any of these roles. A staff member with none of them, or with no
    /// recognised role at all, is refused.
    Staff(&'static [Role]),
    /// No token: the caller proves itself with a signature (Twilio, Stripe, SNS).
    Webhook,
}

/// What the audit trail records for a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditAction {
    /// `patient.profile.read`, `patient.invite`, `auth.sign_in`…
    pub action: &'static str,
    /// The kind of object the route touches.
    pub object: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    pub method: &'static str,
    /// API Gateway form: `/staff/patients/{id}`.
    pub path: &'static str,
    /// The Lambda binary, `events/` folder and (PascalCase + `Function`) SAM logical id.
    pub function: &'static str,
    pub access: Access,
    pub audit: Option<AuditAction>,
}

impl Route {
    /// The SAM logical id: `portal-me-get` → `PortalMeGetFunction`.
    pub fn logical_id(&self) -> String {
        logical_id(self.function)
    }

    /// Matches a concrete path against this route's template, returning the path parameters.
    pub fn matches(&self, method: &str, path: &str) -> Option<Vec<(String, String)>> {
        if !self.method.eq_ignore_ascii_case(method) {
            return None;
        }
        match_path(self.path, path)
    }
}

pub fn logical_id(function: &str) -> String {
    let mut id: String = function
        .split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect();
    id.push_str("Function");
    id
}

pub fn match_path(template: &str, path: &str) -> Option<Vec<(String, String)>> {
    let mut params = Vec::new();
    let mut template_parts = template.trim_matches('/').split('/');
    let mut path_parts = path.trim_matches('/').split('/');
    loop {
        match (template_parts.next(), path_parts.next()) {
            (None, None) => return Some(params),
            (Some(t), Some(p)) if t.starts_with('{') && t.ends_with("+}") => {
                // API Gateway's greedy parameter: the rest of the path.
                let rest: Vec<&str> = std::iter::once(p).chain(path_parts.by_ref()).collect();
                params.push((t.trim_matches(|c| c == '{' || c == '}' || c == '+').to_string(), rest.join("/")));
                return Some(params);
            }
            (Some(t), Some(p)) if t.starts_with('{') && t.ends_with('}') => {
                if p.is_empty() {
                    return None;
                }
                params.push((t.trim_matches(|c| c == '{' || c == '}').to_string(), p.to_string()));
            }
            (Some(t), Some(p)) if t == p => {}
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_templates() {
        assert_eq!(match_path("/staff/patients/{id}", "/staff/patients/pt_1"), Some(vec![("id".into(), "pt_1".into())]));
        assert_eq!(match_path("/staff/patients/{id}", "/staff/patients"), None);
        assert_eq!(match_path("/staff/patients/{id}", "/staff/patients/x/invite"), None);
        assert_eq!(match_path("/portal/me", "/portal/me"), Some(vec![]));
        assert_eq!(logical_id("portal-me-get"), "PortalMeGetFunction");
        assert_eq!(match_path("/{proxy+}", "/portal/me"), Some(vec![("proxy".into(), "portal/me".into())]));
    }
}
