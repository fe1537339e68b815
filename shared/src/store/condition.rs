use std::cmp::Ordering;

use serde_json::Value;

use super::item::{Item, attr};

/// A typed write condition. Comparisons follow DynamoDB: a comparison with a missing attribute, or
/// with a value of another type, is false; say `Missing(name)` explicitly where absence is acceptable.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    Always,
    /// The item is present and not expired.
    Exists,
    /// The item is absent or expired: single-use things are created under this condition.
    NotExists,
    /// The item exists and carries this version.
    VersionIs(u64),
    Missing(String),
    Compare(String, Op, Value),
    And(Vec<Condition>),
    Or(Vec<Condition>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "<>",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        }
    }
}

impl Condition {
    pub fn eq(name: &str, value: impl Into<Value>) -> Self {
        Condition::Compare(name.to_string(), Op::Eq, value.into())
    }

    pub fn lt(name: &str, value: impl Into<Value>) -> Self {
        Condition::Compare(name.to_string(), Op::Lt, value.into())
    }

    pub fn le(name: &str, value: impl Into<Value>) -> Self {
        Condition::Compare(name.to_string(), Op::Le, value.into())
    }

    pub fn ge(name: &str, value: impl Into<Value>) -> Self {
        Condition::Compare(name.to_string(), Op::Ge, value.into())
    }

    pub fn gt(name: &str, value: impl Into<Value>) -> Self {
        Condition::Compare(name.to_string(), Op::Gt, value.into())
    }

    pub fn and(self, other: Condition) -> Self {
        match self {
            Condition::Always => other,
            Condition::And(mut all) => {
                all.push(other);
                Condition::And(all)
            }
            first => Condition::And(vec![first, other]),
        }
    }

    pub fn or(self, other: Condition) -> Self {
        match self {
            Condition::Or(mut any) => {
                any.push(other);
                Condition::Or(any)
            }
            first => Condition::Or(vec![first, other]),
        }
    }

    /// Evaluates the condition against the stored item (which may be expired but not yet deleted).
    pub fn holds(&self, stored: Option<&Item>, now_epoch: i64) -> bool {
        let live = stored.is_some_and(|item| !item.expired(now_epoch));
        match self {
            Condition::Always => true,
            Condition::Exists => live,
            Condition::NotExists => !live,
            Condition::VersionIs(version) => live && stored.is_some_and(|item| item.version() == *version),
            Condition::Missing(name) => stored.and_then(|item| item.get(name)).is_none(),
            Condition::Compare(name, op, value) => {
                let Some(actual) = stored.and_then(|item| item.get(name)) else {
                    return false;
                };
                compare(actual, *op, value)
            }
            Condition::And(all) => all.iter().all(|c| c.holds(stored, now_epoch)),
            Condition::Or(any) => any.iter().any(|c| c.holds(stored, now_epoch)),
        }
    }

    /// The attribute names a condition reads, for adapters that must declare them.
    pub fn names(&self) -> Vec<&str> {
        match self {
            Condition::Always | Condition::Exists | Condition::NotExists => vec![attr::PK, attr::TTL],
            Condition::VersionIs(_) => vec![attr::PK, attr::TTL, attr::VERSION],
            Condition::Missing(name) | Condition::Compare(name, _, _) => vec![name.as_str()],
            Condition::And(all) | Condition::Or(all) => all.iter().flat_map(Condition::names).collect(),
        }
    }
}

fn compare(actual: &Value, op: Op, expected: &Value) -> bool {
    let ordering = match (actual, expected) {
        (Value::Number(a), Value::Number(b)) => match (a.as_i64(), b.as_i64()) {
            (Some(a), Some(b)) => Some(a.cmp(&b)),
            _ => a.as_f64().zip(b.as_f64()).and_then(|(a, b)| a.partial_cmp(&b)),
        },
        (Value::String(a), Value::String(b)) => Some(a.cmp(b)),
        (Value::Bool(a), Value::Bool(b)) if matches!(op, Op::Eq | Op::Ne) => Some(a.cmp(b)),
        _ => None,
    };
    match (ordering, op) {
        (None, Op::Ne) => true,
        (None, _) => false,
        (Some(o), Op::Eq) => o == Ordering::Equal,
        (Some(o), Op::Ne) => o != Ordering::Equal,
        (Some(o), Op::Lt) => o == Ordering::Less,
        (Some(o), Op::Le) => o != Ordering::Greater,
        (Some(o), Op::Gt) => o == Ordering::Greater,
        (Some(o), Op::Ge) => o != Ordering::Less,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Key;

    fn item() -> Item {
        Item::new(Key::new("P", "S")).with("n", 5).with("s", "b").with(attr::VERSION, 3).with(attr::TTL, 100)
    }

    #[test]
    fn comparisons_follow_dynamodb() {
        let item = item();
        let cases = [
            (Condition::lt("n", 6), true),
            (Condition::lt("n", 5), false),
            (Condition::le("n", 5), true),
            (Condition::ge("n", 5), true),
            (Condition::gt("n", 5), false),
            (Condition::eq("s", "b"), true),
            (Condition::lt("s", 6), false),
            (Condition::lt("missing", 6), false),
            (Condition::Compare("n".into(), Op::Ne, "x".into()), true),
            (Condition::Missing("missing".into()), true),
            (Condition::Missing("n".into()), false),
            (Condition::VersionIs(3), true),
            (Condition::VersionIs(2), false),
        ];
        for (condition, expected) in cases {
            assert_eq!(condition.holds(Some(&item), 50), expected, "{condition:?}");
        }
    }

    #[test]
    fn expired_items_count_as_absent() {
        let item = item();
        assert!(Condition::Exists.holds(Some(&item), 99));
        assert!(!Condition::Exists.holds(Some(&item), 100), "ttl == now is expired");
        assert!(Condition::NotExists.holds(Some(&item), 100));
        assert!(!Condition::VersionIs(3).holds(Some(&item), 100));
        assert!(Condition::NotExists.holds(None, 0));
    }
}
