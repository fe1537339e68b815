//! Collecting field errors, so one response lists every invalid field at once.

use super::problem::{ApiError, FieldError};

#[derive(Debug, Default)]
pub struct Fields(Vec<FieldError>);

impl Fields {
    /// Keeps the value, or records why the field is invalid.
    pub fn check<T>(&mut self, field: &str, parsed: Result<T, &'static str>) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(detail) => {
                self.0.push(FieldError::new(field, detail));
                None
            }
        }
    }

    /// Keeps a patch (absent, `null`, or a value to parse), or records why its value is invalid.
    pub fn patch<T>(
        &mut self,
        field: &str,
        patch: crate::domain::Patch<String>,
        parse: impl FnOnce(&str) -> Result<T, &'static str>,
    ) -> crate::domain::Patch<T> {
        use crate::domain::Patch;
        match patch {
            Patch::Keep => Patch::Keep,
            Patch::Clear => Patch::Clear,
            Patch::Set(raw) => self.check(field, parse(&raw)).map(Patch::Set).unwrap_or_default(),
        }
    }

    pub fn error(&mut self, field: &str, detail: &str) {
        self.0.push(FieldError::new(field, detail));
    }

    /// Fails with every recorded error, if any.
    pub fn done(self) -> Result<(), ApiError> {
        if self.0.is_empty() { Ok(()) } else { Err(ApiError::invalid(self.0)) }
    }
}

/// Most items on one page of any list; the OpenAPI document states it on every `limit` parameter.
pub const PAGE_MAX: usize = 50;
/// Items on a page when the caller does not say.
pub const PAGE_DEFAULT: usize = 25;

/// The `limit` query parameter of a list: absent means [`PAGE_DEFAULT`].
pub fn page_size(raw: Option<&str>) -> Result<usize, &'static str> {
    const WHY: &str = "must be a whole number from 1 to 50";
    match raw {
        None => Ok(PAGE_DEFAULT),
        Some(raw) => raw.parse::<usize>().ok().filter(|n| (1..=PAGE_MAX).contains(n)).ok_or(WHY),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_sizes_are_one_to_the_maximum() {
        assert_eq!(page_size(None), Ok(PAGE_DEFAULT));
        assert_eq!(page_size(Some("1")), Ok(1));
        assert_eq!(page_size(Some(&PAGE_MAX.to_string())), Ok(PAGE_MAX));
        for bad in ["0", "51", "-1", "ten", "", "2.5"] {
            let why = page_size(Some(bad)).unwrap_err();
            assert!(why.ends_with(&format!("1 to {PAGE_MAX}")), "{why}");
        }
    }
}
