//! Returns: each returned unit refunds its pro-rata share of the original
//! line, computed cumulatively so that returning everything (in any number
//! of returns) refunds exactly the original line total, VAT and discount.

use rust_decimal::Decimal;

use super::money::share;

/// What a sold line looked like, and how much of it was returned before.
#[derive(Debug, Clone)]
pub struct SoldLine {
    pub quantity: i64,
    pub returned_before: i64,
    pub line_total: Decimal,
    pub discount: Decimal,
    pub vat_amount: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LineRefund {
    pub refund_amount: Decimal,
    pub discount_share: Decimal,
    pub vat_amount: Decimal,
}

/// The refund of returning `quantity` more units of `line`; `None` when
/// that would return more than was sold.
pub fn refund_line(line: &SoldLine, quantity: i64) -> Option<LineRefund> {
    let after = line.returned_before.checked_add(quantity)?;
    if quantity <= 0 || after > line.quantity {
        return None;
    }
    let delta = |amount: Decimal| {
        share(amount, after, line.quantity) - share(amount, line.returned_before, line.quantity)
    };
    Some(LineRefund {
        refund_amount: delta(line.line_total),
        discount_share: delta(line.discount),
        vat_amount: delta(line.vat_amount),
    })
}

/// Commission reversed by a return, as the same cumulative share of the
/// sale's commission that the returned net amount is of the sale's net.
pub fn commission_reversal(
    commission: Decimal,
    net_total: Decimal,
    net_returned_before: Decimal,
    net_returned_now: Decimal,
) -> Decimal {
    if net_total.is_zero() {
        return Decimal::ZERO.round_dp(2);
    }
    let cumulative = |net: Decimal| {
        if net >= net_total {
            commission
        } else {
            super::money::round_cents(commission * net / net_total)
        }
    };
    cumulative(net_returned_before + net_returned_now) - cumulative(net_returned_before)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    #[test]
    fn three_single_returns_refund_the_whole_line() {
        let mut line = SoldLine {
            quantity: 3,
            returned_before: 0,
            line_total: dec!(100.00),
            discount: dec!(0.01),
            vat_amount: dec!(13.79),
        };
        let mut refunded = Decimal::ZERO;
        let mut vat = Decimal::ZERO;
        for _ in 0..3 {
            let r = refund_line(&line, 1).unwrap();
            refunded += r.refund_amount;
            vat += r.vat_amount;
            line.returned_before += 1;
        }
        assert_eq!(refunded, dec!(100.00));
        assert_eq!(vat, dec!(13.79));
        assert!(refund_line(&line, 1).is_none());
    }

    #[test]
    fn commission_reversal_telescopes() {
        let a = commission_reversal(dec!(6.47), dec!(258.60), dec!(0), dec!(86.20));
        let b = commission_reversal(dec!(6.47), dec!(258.60), dec!(86.20), dec!(172.40));
        assert_eq!(a + b, dec!(6.47));
    }

    proptest! {
        #[test]
        fn any_split_of_returns_refunds_exactly_the_line(
            qty in 1i64..40, cents in 0i64..1_000_000, splits in proptest::collection::vec(1i64..5, 1..40)
        ) {
            let total = Decimal::new(cents, 2);
            let mut line = SoldLine { quantity: qty, returned_before: 0, line_total: total, discount: dec!(0), vat_amount: crate::domain::money::vat_included(total, dec!(16)) };
            let mut refunded = Decimal::ZERO;
            for s in splits {
                let q = s.min(line.quantity - line.returned_before);
                if q == 0 { break; }
                let r = refund_line(&line, q).unwrap();
                prop_assert!(r.refund_amount >= Decimal::ZERO);
                refunded += r.refund_amount;
                line.returned_before += q;
            }
            if line.returned_before < line.quantity {
                refunded += refund_line(&line, line.quantity - line.returned_before).unwrap().refund_amount;
            }
            prop_assert_eq!(refunded, total);
        }
    }
}
