//! Request lines that name the same product twice are one line: a till may
//! scan an item again instead of raising its quantity.

use rust_decimal::Decimal;
use uuid::Uuid;

use crate::error::FieldError;

/// The most lines one sale, return or transfer may carry.
pub const MAX_LINES: usize = 200;

/// Problems with a request's `items`: how many there are, and each line's
/// quantity (between 1 and `max_quantity`).
pub fn check_quantities(quantities: &[i64], max_quantity: i64) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if quantities.is_empty() || quantities.len() > MAX_LINES {
        errors.push(FieldError::new(
            "items",
            format!("must have between 1 and {MAX_LINES} lines"),
        ));
    }
    for (i, q) in quantities.iter().enumerate() {
        if !(1..=max_quantity).contains(q) {
            errors.push(FieldError::new(
                format!("items[{i}].quantity"),
                format!("must be between 1 and {max_quantity}"),
            ));
        }
    }
    errors
}

/// Combines lines of the same product in first-seen order, adding up their
/// quantities and their amounts (a sale line's discount; zero elsewhere).
pub fn combine(lines: impl IntoIterator<Item = (Uuid, i64, Decimal)>) -> Vec<(Uuid, i64, Decimal)> {
    let mut out: Vec<(Uuid, i64, Decimal)> = Vec::new();
    for (product, quantity, amount) in lines {
        match out.iter_mut().find(|l| l.0 == product) {
            Some(line) => {
                line.1 = line.1.saturating_add(quantity);
                line.2 += amount;
            }
            None => out.push((product, quantity, amount)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn the_same_product_twice_is_one_line() {
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let combined = combine([(a, 1, dec!(0)), (b, 2, dec!(1.50)), (a, 3, dec!(0.50))]);
        assert_eq!(combined, vec![(a, 4, dec!(0.50)), (b, 2, dec!(1.50))]);
    }
}
