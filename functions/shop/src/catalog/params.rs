//! Strict query-string reading: unknown and repeated parameters are refused by name, and
//! every problem found is reported at once, each with its field.

use crate::error::{ApiError, FieldErrors, Text};

pub(crate) struct QueryParams {
    pairs: Vec<(String, String)>,
    pub errors: FieldErrors,
}

impl QueryParams {
    pub fn parse(raw: Option<&str>, known: &[&str]) -> Result<QueryParams, ApiError> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or("")).map_err(|_| {
            ApiError::invalid_query(
                "query",
                Text::new("Parameter tidak dapat dibaca.", "The parameters could not be read."),
            )
        })?;
        let mut errors = FieldErrors::new();
        for (i, (name, _)) in pairs.iter().enumerate() {
            if pairs[i].1.contains('\0') {
                errors.push((
                    name.clone(),
                    Text::new(
                        "Parameter berisi karakter yang tidak valid.",
                        "This parameter contains an invalid character.",
                    ),
                ));
            } else if !known.contains(&name.as_str()) {
                errors.push((
                    name.clone(),
                    Text::new("Parameter ini tidak dikenal.", "This parameter is not recognised."),
                ));
            } else if pairs[..i].iter().any(|(earlier, _)| earlier == name) {
                errors.push((
                    name.clone(),
                    Text::new("Parameter ini diberikan lebih dari sekali.", "This parameter is given more than once."),
                ));
            }
        }
        Ok(QueryParams { pairs, errors })
    }

    /// The parameter's value, or `None` when absent or blank.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }

    pub fn reject(&mut self, name: &str, problem: Text) {
        self.errors.push((name.to_owned(), problem));
    }

    /// A whole number within `range`, or `default` when absent.
    pub fn number(&mut self, name: &str, range: std::ops::RangeInclusive<u32>, default: u32, problem: Text) -> u32 {
        match self.get(name).map(str::parse::<u32>) {
            None => default,
            Some(Ok(n)) if range.contains(&n) => n,
            Some(_) => {
                self.reject(name, problem);
                default
            }
        }
    }

    /// `true` or `false`, or `None` when absent.
    pub fn flag(&mut self, name: &str) -> Option<bool> {
        match self.get(name)? {
            "true" => Some(true),
            "false" => Some(false),
            _ => {
                self.reject(name, Text::new("Gunakan true atau false.", "Use true or false."));
                None
            }
        }
    }

    pub fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::InvalidQuery(self.errors))
        }
    }
}
