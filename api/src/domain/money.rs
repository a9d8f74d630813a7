//! Money arithmetic: every rounding in the product goes through here.

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds to cents, half away from zero (the contract's rule for VAT and commission).
pub fn round_cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// The VAT contained in a VAT-inclusive amount: `amount * rate / (100 + rate)`.
pub fn vat_included(amount: Decimal, rate: Decimal) -> Decimal {
    if rate.is_zero() {
        return Decimal::ZERO.round_dp(2);
    }
    round_cents(amount * rate / (Decimal::ONE_HUNDRED + rate))
}

/// `rate` percent of `amount`, rounded to cents.
pub fn percent_of(amount: Decimal, rate: Decimal) -> Decimal {
    round_cents(amount * rate / Decimal::ONE_HUNDRED)
}

/// The share of `amount` that `part` of `whole` units carry, rounded to cents.
/// Cumulative shares telescope: `share(a, n, n) == a` exactly.
pub fn share(amount: Decimal, part: i64, whole: i64) -> Decimal {
    if whole == 0 {
        return Decimal::ZERO.round_dp(2);
    }
    if part == whole {
        return amount;
    }
    round_cents(amount * Decimal::from(part) / Decimal::from(whole))
}

/// True when `amount` has no more than two decimal places.
pub fn is_cents(amount: Decimal) -> bool {
    amount.normalize().scale() <= 2
}

/// Fixes the scale at 2 so amounts serialize as `"116.00"`.
pub fn two_dp(amount: Decimal) -> Decimal {
    let mut a = amount;
    a.rescale(2);
    a
}

/// Serializes money and rates as strings with exactly two decimals
/// (`"0.00"`, not `"0"`), whatever scale the value carries.
pub fn serialize_2dp<S: serde::Serializer>(amount: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format!("{:.2}", round_cents(*amount)))
}

/// `serialize_2dp` for optional amounts (`null` stays `null`).
pub fn serialize_opt_2dp<S: serde::Serializer>(
    amount: &Option<Decimal>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match amount {
        Some(a) => serialize_2dp(a, s),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn vat_is_extracted_from_inclusive_prices() {
        assert_eq!(vat_included(dec!(116.00), dec!(16)), dec!(16.00));
        assert_eq!(vat_included(dec!(299.97), dec!(16)), dec!(41.38)); // 41.3751…
        assert_eq!(vat_included(dec!(100.00), dec!(0)), dec!(0.00));
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round_cents(dec!(0.125)), dec!(0.13));
        assert_eq!(round_cents(dec!(0.135)), dec!(0.14));
        assert_eq!(round_cents(dec!(-0.125)), dec!(-0.13));
    }

    #[test]
    fn shares_telescope_to_the_whole() {
        let total = dec!(100.00);
        let parts = [
            share(total, 1, 3),
            share(total, 2, 3) - share(total, 1, 3),
            total - share(total, 2, 3),
        ];
        assert_eq!(parts.iter().copied().sum::<Decimal>(), total);
        assert_eq!(share(total, 3, 3), total);
    }

    #[test]
    fn cents_check_rejects_fractions_of_a_cent() {
        assert!(is_cents(dec!(1.10)));
        assert!(is_cents(dec!(1.100)));
        assert!(!is_cents(dec!(1.005)));
        assert_eq!(two_dp(dec!(5)).to_string(), "5.00");
        let json = serde_json::to_string(&Wrapper(Decimal::ZERO)).unwrap();
        assert_eq!(json, "\"0.00\"");
    }

    #[derive(serde::Serialize)]
    struct Wrapper(#[serde(serialize_with = "serialize_2dp")] Decimal);

    #[test]
    fn serializes_whole_amounts_with_cents() {
        assert_eq!(
            serde_json::to_string(&Wrapper(dec!(16))).unwrap(),
            "\"16.00\""
        );
    }
}
