//! Which country a phone number belongs to, as far as texting is concerned. Practices text only numbers
//! in their own countries (by default, the practice's country): sign-in codes sent to premium numbers
//! abroad are how SMS pumping fraud makes money. A compact table, not a numbering-plan database: the
//! North American plan by area code (Canada and the Caribbean share +1 with the United States; US
//! territories count as the US), and the other plans by calling code. A number it cannot place is
//! texted by no one.

use crate::domain::Phone;

/// Area codes of the North American plan that are not the United States or its territories.
const NANP_ELSEWHERE: &[(&str, &[&str])] = &[
    (
        "CA",
        &[
            "204", "226", "236", "249", "250", "257", "263", "273", "289", "306", "343", "354", "365", "367", "368", "382", "387", "403",
            "416", "418", "428", "431", "437", "438", "450", "468", "474", "506", "514", "519", "548", "568", "579", "581", "584", "587",
            "600", "604", "613", "622", "639", "647", "672", "683", "705", "709", "742", "753", "778", "780", "782", "807", "819", "825",
            "851", "867", "873", "879", "902", "905", "942",
        ],
    ),
    ("AG", &["268"]),
    ("AI", &["264"]),
    ("BB", &["246"]),
    ("BM", &["441"]),
    ("BS", &["242"]),
    ("DM", &["767"]),
    ("DO", &["809", "829", "849"]),
    ("GD", &["473"]),
    ("JM", &["658", "876"]),
    ("KN", &["869"]),
    ("KY", &["345"]),
    ("LC", &["758"]),
    ("MS", &["664"]),
    ("SX", &["721"]),
    ("TC", &["649"]),
    ("TT", &["868"]),
    ("VC", &["784"]),
    ("VG", &["284"]),
];

/// Calling codes outside the North American plan, longest first where they nest.
const CALLING_CODES: &[(&str, &str)] = &[
    ("352", "LU"),
    ("353", "IE"),
    ("351", "PT"),
    ("358", "FI"),
    ("380", "UA"),
    ("502", "GT"),
    ("503", "SV"),
    ("504", "HN"),
    ("505", "NI"),
    ("506", "CR"),
    ("507", "PA"),
    ("509", "HT"),
    ("591", "BO"),
    ("593", "EC"),
    ("595", "PY"),
    ("598", "UY"),
    ("852", "HK"),
    ("880", "BD"),
    ("886", "TW"),
    ("971", "AE"),
    ("972", "IL"),
    ("966", "SA"),
    ("234", "NG"),
    ("254", "KE"),
    ("20", "EG"),
    ("27", "ZA"),
    ("30", "GR"),
    ("31", "NL"),
    ("32", "BE"),
    ("33", "FR"),
    ("34", "ES"),
    ("39", "IT"),
    ("40", "RO"),
    ("41", "CH"),
    ("43", "AT"),
    ("44", "GB"),
    ("45", "DK"),
    ("46", "SE"),
    ("47", "NO"),
    ("48", "PL"),
    ("49", "DE"),
    ("51", "PE"),
    ("52", "MX"),
    ("53", "CU"),
    ("54", "AR"),
    ("55", "BR"),
    ("56", "CL"),
    ("57", "CO"),
    ("58", "VE"),
    ("60", "MY"),
    ("61", "AU"),
    ("62", "ID"),
    ("63", "PH"),
    ("64", "NZ"),
    ("65", "SG"),
    ("66", "TH"),
    ("81", "JP"),
    ("82", "KR"),
    ("84", "VN"),
    ("86", "CN"),
    ("90", "TR"),
    ("91", "IN"),
    ("92", "PK"),
];

/// The ISO 3166 country of a number, when the table knows it.
pub fn country_of(phone: &Phone) -> Option<&'static str> {
    let digits = phone.as_str().strip_prefix('+')?;
    if let Some(national) = digits.strip_prefix('1') {
        let area = national.get(..3)?;
        let elsewhere = NANP_ELSEWHERE.iter().find(|(_, areas)| areas.contains(&area)).map(|(country, _)| *country);
        return Some(elsewhere.unwrap_or("US"));
    }
    CALLING_CODES.iter().filter(|(code, _)| digits.starts_with(code)).max_by_key(|(code, _)| code.len()).map(|(_, country)| *country)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(number: &str) -> Option<&'static str> {
        country_of(&Phone::parse(number).unwrap())
    }

    #[test]
    fn numbers_are_placed_by_area_or_calling_code() {
        assert_eq!(of("+15555550101"), Some("US"));
        assert_eq!(of("+17875550101"), Some("US"), "Puerto Rico texts as the US");
        assert_eq!(of("+14165550101"), Some("CA"));
        assert_eq!(of("+18765550101"), Some("JM"), "a Caribbean premium-rate favourite is not the US");
        assert_eq!(of("+447700900123"), Some("GB"));
        assert_eq!(of("+353851234567"), Some("IE"), "the longer calling code wins over a shorter prefix");
        assert_eq!(of("+5215512345678"), Some("MX"));
        assert_eq!(of("+8821234567"), None, "international networks are nobody's country");
    }

    #[test]
    fn the_tables_have_no_duplicates() {
        let mut areas: Vec<&str> = NANP_ELSEWHERE.iter().flat_map(|(_, a)| a.iter().copied()).collect();
        let count = areas.len();
        areas.sort_unstable();
        areas.dedup();
        assert_eq!(areas.len(), count);
        let mut codes: Vec<&str> = CALLING_CODES.iter().map(|(c, _)| *c).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), CALLING_CODES.len());
    }
}
