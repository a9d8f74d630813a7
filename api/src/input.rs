//! Deserializers for request fields, so the API reads exactly what the
//! OpenAPI document promises:
//! - integers also arrive as whole JSON floats (`2.0` is the integer 2 in
//!   JSON Schema, and generic clients send it); fractions are refused;
//! - money is a decimal *string* (`"65.00"`): JSON numbers are refused (use
//!   `rust_decimal::serde::str` / `str_option` on the field).

use serde::{de::Error, Deserialize, Deserializer};

fn whole<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    let n = serde_json::Number::deserialize(d)?;
    if let Some(i) = n.as_i64() {
        return Ok(i);
    }
    match n.as_f64() {
        Some(f) if f.fract() == 0.0 && f >= i64::MIN as f64 && f < i64::MAX as f64 => Ok(f as i64),
        _ => Err(D::Error::custom(format!(
            "invalid value: {n}, expected an integer"
        ))),
    }
}

pub fn int64<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    whole(d)
}

pub fn int32<'de, D: Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
    let v = whole(d)?;
    i32::try_from(v)
        .map_err(|_| D::Error::custom(format!("invalid value: {v}, expected a 32-bit integer")))
}

pub fn opt_int32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i32>, D::Error> {
    #[derive(Deserialize)]
    struct Wrap(#[serde(deserialize_with = "int32")] i32);
    Ok(Option::<Wrap>::deserialize(d)?.map(|Wrap(v)| v))
}

/// A decimal string of digits with an optional sign and fraction; no
/// exponents, separators or JSON numbers.
pub fn money<'de, D: Deserializer<'de>>(d: D) -> Result<rust_decimal::Decimal, D::Error> {
    parse_money::<D>(&String::deserialize(d)?)
}

pub fn opt_money<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<rust_decimal::Decimal>, D::Error> {
    Option::<String>::deserialize(d)?
        .map(|s| parse_money::<D>(&s))
        .transpose()
}

fn parse_money<'de, D: Deserializer<'de>>(s: &str) -> Result<rust_decimal::Decimal, D::Error> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let plain = !digits.is_empty()
        && digits.split('.').count() <= 2
        && digits
            .split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    if !plain {
        return Err(D::Error::custom(format!(
            "invalid value: {s:?}, expected a decimal string such as \"65.00\""
        )));
    }
    s.parse()
        .map_err(|_| D::Error::custom(format!("invalid value: {s:?} is out of range")))
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct T {
        #[serde(deserialize_with = "super::int32")]
        a: i32,
        #[serde(default, deserialize_with = "super::opt_int32")]
        b: Option<i32>,
    }

    #[derive(Deserialize)]
    struct M {
        #[serde(default, deserialize_with = "super::opt_money")]
        m: Option<rust_decimal::Decimal>,
    }

    #[test]
    fn money_is_a_plain_decimal_string() {
        let m: M = serde_json::from_str(r#"{"m": "65.50"}"#).unwrap();
        assert_eq!(m.m.unwrap().to_string(), "65.50");
        assert!(serde_json::from_str::<M>(r#"{"m": null}"#)
            .unwrap()
            .m
            .is_none());
        for bad in [
            r#""""#,
            r#""1e3""#,
            r#""1_000""#,
            r#""+1""#,
            r#""1.""#,
            "65",
        ] {
            assert!(
                serde_json::from_str::<M>(&format!(r#"{{"m": {bad}}}"#)).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn whole_floats_are_integers_fractions_are_not() {
        let t: T = serde_json::from_str(r#"{"a": -2.0, "b": 3.0}"#).unwrap();
        assert_eq!((t.a, t.b), (-2, Some(3)));
        let t: T = serde_json::from_str(r#"{"a": 7, "b": null}"#).unwrap();
        assert_eq!((t.a, t.b), (7, None));
        assert!(serde_json::from_str::<T>(r#"{"a": 1.5}"#).is_err());
        assert!(serde_json::from_str::<T>(r#"{"a": "1"}"#).is_err());
        assert!(serde_json::from_str::<T>(r#"{"a": 4294967296}"#).is_err());
    }
}
