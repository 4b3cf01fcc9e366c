//! The English a story is written in.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Dialect {
    #[default]
    EnUs,
    EnGb,
}

/// A dialect name newslint does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown dialect `{0}` (expected en-US or en-GB)")]
pub struct UnknownDialect(pub String);

impl FromStr for Dialect {
    type Err = UnknownDialect;
    fn from_str(s: &str) -> Result<Self, UnknownDialect> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "en-us" | "us" => Ok(Dialect::EnUs),
            "en-gb" | "gb" | "uk" => Ok(Dialect::EnGb),
            _ => Err(UnknownDialect(s.to_string())),
        }
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Dialect::EnUs => "en-US",
            Dialect::EnGb => "en-GB",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dialect_names_parse() {
        assert_eq!("en-GB".parse::<Dialect>(), Ok(Dialect::EnGb));
        assert_eq!("en_US".parse::<Dialect>(), Ok(Dialect::EnUs));
        assert_eq!(
            "fr-FR".parse::<Dialect>().unwrap_err().to_string(),
            "unknown dialect `fr-FR` (expected en-US or en-GB)"
        );
    }
}
