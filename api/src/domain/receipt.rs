//! Receipt numbers: the store code and a zero-padded per-store sequence.

/// `NBO` and 123 give `NBO-000123`.
pub fn receipt_number(store_code: &str, sequence: i64) -> String {
    format!("{store_code}-{sequence:06}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn pads_to_six_digits_and_grows_past_them() {
        assert_eq!(super::receipt_number("NBO", 123), "NBO-000123");
        assert_eq!(super::receipt_number("MSA", 1_234_567), "MSA-1234567");
    }
}
