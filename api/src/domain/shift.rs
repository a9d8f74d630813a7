//! What a cash drawer should hold at the end of a shift.

use rust_decimal::Decimal;

/// Money that moved through a shift, per tender.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShiftFlows {
    /// Cash taken for sales, net of change given.
    pub cash_sales: Decimal,
    pub mpesa_sales: Decimal,
    pub card_sales: Decimal,
    pub cash_refunds: Decimal,
    pub mpesa_refunds: Decimal,
    pub card_refunds: Decimal,
    pub cash_in: Decimal,
    pub cash_out: Decimal,
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tenders {
    pub cash: Decimal,
    pub mpesa: Decimal,
    pub card: Decimal,
}

/// Expected per tender: the float plus cash sales and cash paid in, less
/// cash refunds and cash paid out; M-Pesa and card: sales less refunds.
pub fn expected(opening_float: Decimal, f: &ShiftFlows) -> Tenders {
    Tenders {
        cash: opening_float + f.cash_sales + f.cash_in - f.cash_refunds - f.cash_out,
        mpesa: f.mpesa_sales - f.mpesa_refunds,
        card: f.card_sales - f.card_refunds,
    }
}

/// Counted minus expected: positive is an overage, negative a shortage.
pub fn variance(counted: Tenders, expected: Tenders) -> Tenders {
    Tenders {
        cash: counted.cash - expected.cash,
        mpesa: counted.mpesa - expected.mpesa,
        card: counted.card - expected.card,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn the_drawer_holds_float_plus_takings_less_outflows() {
        let flows = ShiftFlows {
            cash_sales: dec!(1000.00),
            mpesa_sales: dec!(500.00),
            card_sales: dec!(200.00),
            cash_refunds: dec!(50.00),
            mpesa_refunds: dec!(0),
            card_refunds: dec!(20.00),
            cash_in: dec!(100.00),
            cash_out: dec!(300.00),
        };
        let e = expected(dec!(2000.00), &flows);
        assert_eq!(
            e,
            Tenders {
                cash: dec!(2750.00),
                mpesa: dec!(500.00),
                card: dec!(180.00)
            }
        );
        let v = variance(
            Tenders {
                cash: dec!(2740.00),
                mpesa: dec!(500.00),
                card: dec!(180.00),
            },
            e,
        );
        assert_eq!(v.cash, dec!(-10.00));
    }
}
