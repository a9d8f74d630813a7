//! Pricing a sale: lines, VAT, discounts, tenders, change and commission.
//!
//! Prices and rates come from the catalog, never from the client.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::money::{is_cents, percent_of, two_dp, vat_included};
use crate::error::FieldError;

/// The largest quantity one line may carry; guards against typos like a
/// barcode scanned into the quantity field.
pub const MAX_LINE_QUANTITY: i64 = 100_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum PaymentMethod {
    Cash,
    Mpesa,
    Card,
}

impl PaymentMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Cash => "cash",
            Self::Mpesa => "mpesa",
            Self::Card => "card",
        }
    }
}

/// What the catalog says about a product at the moment of sale.
#[derive(Debug, Clone)]
pub struct CatalogEntry {
    pub product_id: Uuid,
    pub sku: String,
    pub name: String,
    pub unit_price: Decimal,
    pub tax_class: String,
    pub vat_rate: Decimal,
}

/// One requested line, as the client sent it.
#[derive(Debug, Clone)]
pub struct RequestedLine {
    pub quantity: i64,
    pub discount: Option<Decimal>,
}

#[derive(Debug, Clone)]
pub struct RequestedPayment {
    pub method: PaymentMethod,
    pub amount: Decimal,
    pub reference: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PricedLine {
    pub product_id: Uuid,
    pub sku: String,
    pub name: String,
    pub quantity: i64,
    pub unit_price: Decimal,
    pub discount: Decimal,
    pub line_total: Decimal,
    pub tax_class: String,
    pub vat_rate: Decimal,
    pub vat_amount: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PricedSale {
    pub lines: Vec<PricedLine>,
    pub discount_total: Decimal,
    pub vat_total: Decimal,
    pub net_total: Decimal,
    pub total: Decimal,
    pub amount_paid: Decimal,
    pub change_due: Decimal,
    pub commission: Decimal,
}

/// Prices one line: `line_total = unit_price * quantity - discount`, VAT
/// extracted from the inclusive line total.
pub fn price_line(
    entry: &CatalogEntry,
    line: &RequestedLine,
    index: usize,
) -> Result<PricedLine, Vec<FieldError>> {
    let mut errors = Vec::new();
    if line.quantity <= 0 || line.quantity > MAX_LINE_QUANTITY {
        errors.push(FieldError::new(
            format!("items[{index}].quantity"),
            format!("must be between 1 and {MAX_LINE_QUANTITY}"),
        ));
    }
    let gross = entry.unit_price * Decimal::from(line.quantity.max(0));
    let discount = line.discount.unwrap_or(Decimal::ZERO);
    if discount.is_sign_negative() || !is_cents(discount) {
        errors.push(FieldError::new(
            format!("items[{index}].discount"),
            "must be a non-negative amount in cents",
        ));
    } else if discount > gross {
        errors.push(FieldError::new(
            format!("items[{index}].discount"),
            format!("must not exceed the line amount {}", two_dp(gross)),
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let line_total = two_dp(gross - discount);
    Ok(PricedLine {
        product_id: entry.product_id,
        sku: entry.sku.clone(),
        name: entry.name.clone(),
        quantity: line.quantity,
        unit_price: two_dp(entry.unit_price),
        discount: two_dp(discount),
        line_total,
        tax_class: entry.tax_class.clone(),
        vat_rate: two_dp(entry.vat_rate),
        vat_amount: two_dp(vat_included(line_total, entry.vat_rate)),
    })
}

/// Prices a whole sale and checks its tenders. All problems are reported at once.
pub fn price_sale(
    lines: &[(CatalogEntry, RequestedLine)],
    payments: &[RequestedPayment],
    commission_rate: Decimal,
) -> Result<PricedSale, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut priced = Vec::with_capacity(lines.len());
    for (i, (entry, line)) in lines.iter().enumerate() {
        match price_line(entry, line, i) {
            Ok(p) => priced.push(p),
            Err(mut e) => errors.append(&mut e),
        }
    }
    let total: Decimal = priced.iter().map(|l| l.line_total).sum();
    let vat_total: Decimal = priced.iter().map(|l| l.vat_amount).sum();
    let discount_total: Decimal = priced.iter().map(|l| l.discount).sum();

    let mut paid = Decimal::ZERO;
    let mut non_cash = Decimal::ZERO;
    for (i, p) in payments.iter().enumerate() {
        if p.amount <= Decimal::ZERO || !is_cents(p.amount) {
            errors.push(FieldError::new(
                format!("payments[{i}].amount"),
                "must be a positive amount in cents",
            ));
        }
        let reference = p.reference.as_deref().map(str::trim).unwrap_or("");
        if p.method == PaymentMethod::Mpesa && reference.is_empty() {
            errors.push(FieldError::new(
                format!("payments[{i}].reference"),
                "an M-Pesa payment needs its transaction reference",
            ));
        }
        if reference.len() > 64 {
            errors.push(FieldError::new(
                format!("payments[{i}].reference"),
                "must be at most 64 characters",
            ));
        }
        paid += p.amount;
        if p.method != PaymentMethod::Cash {
            non_cash += p.amount;
        }
    }
    if errors.is_empty() {
        if payments.is_empty() && !total.is_zero() {
            errors.push(FieldError::new(
                "payments",
                "at least one payment is required",
            ));
        } else if paid < total {
            errors.push(FieldError::new(
                "payments",
                format!(
                    "payments of {} do not cover the total {}",
                    two_dp(paid),
                    two_dp(total)
                ),
            ));
        } else if non_cash > total {
            errors.push(FieldError::new(
                "payments",
                "only cash may exceed the total; M-Pesa and card payments must not",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let net_total = total - vat_total;
    Ok(PricedSale {
        lines: priced,
        discount_total: two_dp(discount_total),
        vat_total: two_dp(vat_total),
        net_total: two_dp(net_total),
        total: two_dp(total),
        amount_paid: two_dp(paid),
        change_due: two_dp(paid - total),
        commission: two_dp(percent_of(net_total, commission_rate)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn entry(price: Decimal, tax_class: &str) -> CatalogEntry {
        let vat_rate = if tax_class == "standard" {
            dec!(16)
        } else {
            dec!(0)
        };
        CatalogEntry {
            product_id: Uuid::new_v4(),
            sku: "SKU".into(),
            name: "Thing".into(),
            unit_price: price,
            tax_class: tax_class.into(),
            vat_rate,
        }
    }

    fn cash(amount: Decimal) -> RequestedPayment {
        RequestedPayment {
            method: PaymentMethod::Cash,
            amount,
            reference: None,
        }
    }

    #[test]
    fn awkward_price_three_times() {
        let sale = price_sale(
            &[(
                entry(dec!(99.99), "standard"),
                RequestedLine {
                    quantity: 3,
                    discount: None,
                },
            )],
            &[cash(dec!(300))],
            dec!(2.5),
        )
        .unwrap();
        assert_eq!(sale.total, dec!(299.97));
        assert_eq!(sale.vat_total, dec!(41.38)); // 299.97 * 16 / 116 = 41.3751…
        assert_eq!(sale.net_total, dec!(258.59));
        assert_eq!(sale.change_due, dec!(0.03));
        assert_eq!(sale.commission, dec!(6.46)); // 258.59 * 2.5 % = 6.46475
        assert_eq!(sale.total.to_string(), "299.97");
    }

    #[test]
    fn discount_above_the_line_is_refused() {
        let err = price_sale(
            &[(
                entry(dec!(10), "standard"),
                RequestedLine {
                    quantity: 1,
                    discount: Some(dec!(10.01)),
                },
            )],
            &[cash(dec!(10))],
            dec!(0),
        )
        .unwrap_err();
        assert_eq!(err[0].field, "items[0].discount");
    }

    #[test]
    fn only_cash_may_overpay_and_mpesa_needs_a_reference() {
        let line = [(
            entry(dec!(100), "exempt"),
            RequestedLine {
                quantity: 1,
                discount: None,
            },
        )];
        let card = RequestedPayment {
            method: PaymentMethod::Card,
            amount: dec!(150),
            reference: None,
        };
        assert!(price_sale(&line, &[card], dec!(0)).is_err());
        let mpesa = RequestedPayment {
            method: PaymentMethod::Mpesa,
            amount: dec!(100),
            reference: Some(" ".into()),
        };
        assert_eq!(
            price_sale(&line, &[mpesa], dec!(0)).unwrap_err()[0].field,
            "payments[0].reference"
        );
        assert!(price_sale(&line, &[cash(dec!(99.99))], dec!(0)).is_err());
        let split = [
            RequestedPayment {
                method: PaymentMethod::Mpesa,
                amount: dec!(60),
                reference: Some("QK12AB".into()),
            },
            cash(dec!(50)),
        ];
        let sale = price_sale(&line, &split, dec!(0)).unwrap();
        assert_eq!(sale.change_due, dec!(10.00));
    }

    proptest! {
        #[test]
        fn totals_are_sums_of_lines(
            lines in proptest::collection::vec((1i64..1_000_000, 1i64..50, 0u8..3, 0i64..100), 1..8)
        ) {
            let input: Vec<_> = lines.iter().map(|(cents, qty, class, disc_pct)| {
                let price = Decimal::new(*cents, 2);
                let class = ["standard", "zero_rated", "exempt"][*class as usize];
                let discount = crate::domain::money::round_cents(price * Decimal::from(*qty) * Decimal::from(*disc_pct) / dec!(100));
                (entry(price, class), RequestedLine { quantity: *qty, discount: Some(discount) })
            }).collect();
            let gross: Decimal = input.iter().map(|(e, l)| e.unit_price * Decimal::from(l.quantity)).sum();
            let sale = price_sale(&input, &[cash(gross + dec!(1))], dec!(3)).unwrap();
            prop_assert_eq!(sale.total, sale.lines.iter().map(|l| l.line_total).sum::<Decimal>());
            prop_assert_eq!(sale.vat_total, sale.lines.iter().map(|l| l.vat_amount).sum::<Decimal>());
            prop_assert_eq!(sale.net_total + sale.vat_total, sale.total);
            prop_assert!(sale.lines.iter().all(|l| l.line_total >= Decimal::ZERO && l.vat_amount >= Decimal::ZERO && l.vat_amount <= l.line_total));
            prop_assert!(sale.net_total >= Decimal::ZERO && sale.commission >= Decimal::ZERO);
            prop_assert_eq!(sale.amount_paid - sale.change_due, sale.total);
        }
    }
}
