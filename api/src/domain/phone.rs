//! Kenyan phone numbers, normalised to E.164 (`+254XXXXXXXXX`).
//!
//! The contract accepts exactly the mobile ranges 07… and 01… in local,
//! `254…` and `+254…` forms; a general libphonenumber port would also accept
//! landlines and foreign numbers, which the contract rejects, so this small
//! rule is kept by hand.

/// Normalises `raw` or returns `None` when it is not a Kenyan mobile number.
pub fn normalize_kenyan_phone(raw: &str) -> Option<String> {
    let compact: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')'))
        .collect();
    let subscriber = compact
        .strip_prefix("+254")
        .or_else(|| compact.strip_prefix("254"))
        .or_else(|| compact.strip_prefix('0'))?;
    let valid = subscriber.len() == 9
        && subscriber.chars().all(|c| c.is_ascii_digit())
        && matches!(subscriber.as_bytes()[0], b'7' | b'1');
    valid.then(|| format!("+254{subscriber}"))
}

#[cfg(test)]
mod tests {
    use super::normalize_kenyan_phone as n;

    #[test]
    fn accepts_every_documented_form() {
        assert_eq!(n("0712345678").as_deref(), Some("+254712345678"));
        assert_eq!(n("0110345678").as_deref(), Some("+254110345678"));
        assert_eq!(n("+254712345678").as_deref(), Some("+254712345678"));
        assert_eq!(n("254112345678").as_deref(), Some("+254112345678"));
        assert_eq!(n("0712 345 678").as_deref(), Some("+254712345678"));
    }

    #[test]
    fn rejects_everything_else() {
        for bad in [
            "",
            "12345",
            "0212345678",
            "071234567",
            "07123456789",
            "+255712345678",
            "07123a5678",
            "+2540712345678",
        ] {
            assert_eq!(n(bad), None, "{bad}");
        }
    }
}
