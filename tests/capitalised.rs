//! Capitalised words: a slip in a headline, at a sentence start or
//! mid-sentence is an error with the right word first, in the word's
//! capitals; a real name from world news stays below error and warning.

use newslint::base::finding::Severity;
use newslint::base::{Dialect, Settings};
use newslint::lint::Linter;
use newslint::text::document::Document;

fn findings(dialect: Dialect, text: &str) -> Vec<(String, Severity, Vec<String>)> {
    let settings = Settings {
        dialect,
        ignore: vec!["context".to_string()],
        ..Settings::default()
    };
    let linter = Linter::new(&settings).expect("linter");
    linter
        .check(&Document::new("-", text))
        .into_iter()
        .map(|f| (text[f.span.clone()].to_string(), f.severity, f.suggestions))
        .collect()
}

/// (text, the slip, its correction): headlines, sentence starts,
/// mid-sentence.
const SLIPS: &[(&str, &str, &str)] = &[
    (
        "Council Aproves New Cycle Lanes After Budget Vote",
        "Aproves",
        "Approves",
    ),
    (
        "Cycle Lanes Scrapped After Goverment U-Turn",
        "Goverment",
        "Government",
    ),
    (
        "Minister Defends Recrod Spending on Hospitals",
        "Recrod",
        "Record",
    ),
    ("Floods Force Thousands From Thier Homes", "Thier", "Their"),
    (
        "Parliment Votes to Extend Emergency Powers",
        "Parliment",
        "Parliament",
    ),
    (
        "Police Investigate Suspicous Fire at Warehouse",
        "Suspicous",
        "Suspicious",
    ),
    (
        "Farmers Warn of Higher Prcies After Drought",
        "Prcies",
        "Prices",
    ),
    (
        "Talks Resume as Ceasefire Deadine Nears",
        "Deadine",
        "Deadline",
    ),
    ("Teachers Threaten Strike Over Pay Offre", "Offre", "Offer"),
    ("Storm Leaves Thousands Whitout Power", "Whitout", "Without"),
    (
        "Goverment officials said the plan would change.",
        "Goverment",
        "Government",
    ),
    (
        "Febuary is usually the driest month.",
        "Febuary",
        "February",
    ),
    (
        "Definately not, the spokesman said.",
        "Definately",
        "Definitely",
    ),
    (
        "Enviroment groups welcomed the ruling.",
        "Enviroment",
        "Environment",
    ),
    (
        "The vote was close. Tommorow the bill goes to the Senate.",
        "Tommorow",
        "Tomorrow",
    ),
    (
        "Acording to police, the driver fled.",
        "Acording",
        "According",
    ),
    (
        "Beleive it or not, the count was right.",
        "Beleive",
        "Believe",
    ),
    ("Untill then, the road stays closed.", "Untill", "Until"),
    (
        "Unfortunatly the flight was cancelled.",
        "Unfortunatly",
        "Unfortunately",
    ),
    (
        "Becuase of the storm, schools closed.",
        "Becuase",
        "Because",
    ),
    (
        "The Enviroment Agency issued a warning.",
        "Enviroment",
        "Environment",
    ),
    (
        "She met officials from the Goverment of Canada.",
        "Goverment",
        "Government",
    ),
    (
        "A spokesman for the Depatment of Health said so.",
        "Depatment",
        "Department",
    ),
    (
        "The Minsitry of Defence said the drill was planned.",
        "Minsitry",
        "Ministry",
    ),
    (
        "He studied at the Univeristy of Sydney.",
        "Univeristy",
        "University",
    ),
    (
        "The Natioanl Guard was deployed overnight.",
        "Natioanl",
        "National",
    ),
    ("The Supreem Court ruled on Friday.", "Supreem", "Supreme"),
    (
        "The Unietd Nations said aid was blocked.",
        "Unietd",
        "United",
    ),
    (
        "The Presidnet spoke to reporters.",
        "Presidnet",
        "President",
    ),
    (
        "The Goverments of France and Germany agreed.",
        "Goverments",
        "Governments",
    ),
    (
        "The deal was signed in Janurary last year.",
        "Janurary",
        "January",
    ),
    ("The Commitee will report in May.", "Commitee", "Committee"),
];

#[test]
fn capitalised_slips_are_errors_with_the_cased_word_first() {
    assert!(SLIPS.len() >= 30);
    let mut wrong = Vec::new();
    for dialect in [Dialect::EnUs, Dialect::EnGb] {
        for &(text, slip, fix) in SLIPS {
            let found = findings(dialect, text);
            let hit = found.iter().find(|(w, _, _)| w == slip);
            match hit {
                Some((_, Severity::Error, s)) if s.first().map(String::as_str) == Some(fix) => {}
                other => wrong.push(format!("{dialect}: {text:?}: {other:?}")),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Names from world news (2024-2026), each in a headline, at a sentence
/// start and mid-sentence.
const NAMES: &[&str] = &[
    "Sheinbaum",
    "Pezeshkian",
    "Araghchi",
    "Syrskyi",
    "Budanov",
    "Sybiha",
    "Kallas",
    "Rutte",
    "Nawrocki",
    "Tinubu",
    "Ramaphosa",
    "Prabowo",
    "Bukele",
    "Noboa",
    "Milei",
    "Meloni",
    "Starmer",
    "Luxon",
    "Poilievre",
    "Merz",
    "Scholz",
    "Fico",
    "Vucic",
    "Kurti",
    "Pashinyan",
    "Aliyev",
    "Tokayev",
    "Mirziyoyev",
    "Shehbaz",
    "Sharaa",
    "Haftar",
    "Dbeibah",
    "Hemedti",
    "Burhan",
    "Ruto",
    "Kagame",
    "Tshisekedi",
    "Sinwar",
    "Haniyeh",
    "Smotrich",
    "Zakharova",
    "Peskov",
];

#[test]
fn real_names_stay_below_error_and_warning() {
    assert!(NAMES.len() >= 30);
    let mut wrong = Vec::new();
    for dialect in [Dialect::EnUs, Dialect::EnGb] {
        for name in NAMES {
            for text in [
                format!("Talks With {name} Stall as Deadline Passes"),
                format!("{name} said the talks would resume."),
                format!("Officials said {name} would attend the summit."),
            ] {
                let serious = findings(dialect, &text)
                    .into_iter()
                    .filter(|(_, s, _)| *s != Severity::Info)
                    .collect::<Vec<_>>();
                if !serious.is_empty() {
                    wrong.push(format!("{dialect}: {text:?}: {serious:?}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A capitalised word standing alone after a preposition is a place or a
/// person even one letter from a common word (`Moree`: `more`), and short
/// capitals in running copy are an abbreviation; a slip for a word English
/// always capitalises is still one there.
#[test]
fn places_and_abbreviations_are_not_slips_of_common_words() {
    for dialect in [Dialect::EnUs, Dialect::EnGb] {
        for text in [
            "The couple moved from Moree to the coast.",
            "Crews drove out to Tumut, then to Moree.",
            "The New Agency Media Service (NAMS) agreed.",
            "A spokesman for TEH said it would appeal.",
        ] {
            let serious: Vec<_> = findings(dialect, text)
                .into_iter()
                .filter(|(_, s, _)| *s != Severity::Info)
                .collect();
            assert!(serious.is_empty(), "{dialect}: {text:?}: {serious:?}");
        }
        let found = findings(dialect, "The talks resume in Febuary, officials said.");
        assert!(
            found
                .iter()
                .any(|(w, s, f)| w == "Febuary" && *s == Severity::Error && f[0] == "February"),
            "{found:?}"
        );
        let found = findings(dialect, "GOVERMENT FALLS AFTER VOTE");
        assert!(
            found
                .iter()
                .any(|(w, s, _)| w == "GOVERMENT" && *s == Severity::Error),
            "{found:?}"
        );
    }
}
