//! The English a story is written in.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Dialect {
    #[default]
    EnUs,
    EnGb,
    /// Australian English: British spellings (-our, -ise).
    EnAu,
    /// Canadian English: -our, -re and -ence with -ize (`colour`, `organize`).
    EnCa,
    /// South African English: British spellings; the dictionary takes -ize too.
    EnZa,
}

impl Dialect {
    /// Every dialect newslint has.
    pub const ALL: [Dialect; 5] = [
        Dialect::EnUs,
        Dialect::EnGb,
        Dialect::EnAu,
        Dialect::EnCa,
        Dialect::EnZa,
    ];

    /// Whether the dialect's word forms are compiled into the binary (the
    /// fast path); the others are checked by Hunspell at run time.
    pub fn is_embedded(self) -> bool {
        matches!(self, Dialect::EnUs | Dialect::EnGb)
    }

    /// The embedded dialect whose word forms serve as this one's candidate
    /// list (the Hunspell-checked dialects follow British spelling closest).
    pub fn embedded(self) -> Dialect {
        match self {
            Dialect::EnUs => Dialect::EnUs,
            _ => Dialect::EnGb,
        }
    }

    /// The spelling system the dialect follows throughout, American or
    /// British; `None` for en-CA, which takes from both.
    pub fn spelling_family(self) -> Option<Dialect> {
        match self {
            Dialect::EnCa => None,
            d => Some(d.embedded()),
        }
    }

    /// `American`, `British`, `Australian`...: for messages.
    pub fn adjective(self) -> &'static str {
        match self {
            Dialect::EnUs => "American",
            Dialect::EnGb => "British",
            Dialect::EnAu => "Australian",
            Dialect::EnCa => "Canadian",
            Dialect::EnZa => "South African",
        }
    }
}

/// A dialect name newslint does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown dialect `{0}` (expected en-US, en-GB, en-AU, en-CA or en-ZA)")]
pub struct UnknownDialect(pub String);

impl FromStr for Dialect {
    type Err = UnknownDialect;
    fn from_str(s: &str) -> Result<Self, UnknownDialect> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "en-us" | "us" => Ok(Dialect::EnUs),
            "en-gb" | "gb" | "uk" => Ok(Dialect::EnGb),
            // No bare `ca` or `za`: those are Catalan and Zhuang.
            "en-au" => Ok(Dialect::EnAu),
            "en-ca" => Ok(Dialect::EnCa),
            "en-za" => Ok(Dialect::EnZa),
            _ => Err(UnknownDialect(s.to_string())),
        }
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Dialect::EnUs => "en-US",
            Dialect::EnGb => "en-GB",
            Dialect::EnAu => "en-AU",
            Dialect::EnCa => "en-CA",
            Dialect::EnZa => "en-ZA",
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
        assert_eq!("en-AU".parse::<Dialect>(), Ok(Dialect::EnAu));
        assert_eq!("en_ca".parse::<Dialect>(), Ok(Dialect::EnCa));
        assert_eq!("en-ZA".parse::<Dialect>(), Ok(Dialect::EnZa));
        assert!("ca".parse::<Dialect>().is_err());
        for d in Dialect::ALL {
            assert_eq!(d.to_string().parse::<Dialect>(), Ok(d));
        }
        assert_eq!(
            "fr-FR".parse::<Dialect>().unwrap_err().to_string(),
            "unknown dialect `fr-FR` (expected en-US, en-GB, en-AU, en-CA or en-ZA)"
        );
    }
}
