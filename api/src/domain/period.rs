//! Date ranges: `from`/`to` are local calendar days, both inclusive; the
//! database is queried with the half-open UTC interval they cover.

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use crate::error::{ApiError, ApiResult};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LocalPeriod {
    /// Start of `from` in local time, as UTC.
    pub start: Option<DateTime<Utc>>,
    /// Start of the day after `to` in local time, as UTC (exclusive).
    pub end: Option<DateTime<Utc>>,
}

fn local_midnight(day: NaiveDate, tz: Tz) -> DateTime<Utc> {
    // Nairobi has no DST; for zones that do, the earliest instant is used.
    tz.from_local_datetime(&day.and_hms_opt(0, 0, 0).expect("midnight exists"))
        .earliest()
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_else(|| {
            Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).expect("midnight exists"))
        })
}

impl LocalPeriod {
    /// `from` after `to` is an empty range (nothing matches), not an error:
    /// each bound is valid on its own, so the request is well formed.
    pub fn parse(from: Option<NaiveDate>, to: Option<NaiveDate>, tz: Tz) -> ApiResult<Self> {
        let to = match (from, to) {
            (Some(f), Some(t)) if f > t => Some(f.pred_opt().unwrap_or(f)),
            _ => to,
        };
        let end = match to {
            Some(t) => Some(local_midnight(
                t.checked_add_days(Days::new(1))
                    .ok_or_else(|| ApiError::invalid("to", "is out of range"))?,
                tz,
            )),
            None => None,
        };
        Ok(Self {
            start: from.map(|f| local_midnight(f, tz)),
            end,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nairobi_days_start_at_21_utc_the_day_before() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let p = LocalPeriod::parse(
            Some(d("2026-11-01")),
            Some(d("2026-11-30")),
            chrono_tz::Africa::Nairobi,
        )
        .unwrap();
        assert_eq!(p.start.unwrap().to_rfc3339(), "2026-10-31T21:00:00+00:00");
        assert_eq!(p.end.unwrap().to_rfc3339(), "2026-11-30T21:00:00+00:00");
        let empty = LocalPeriod::parse(
            Some(d("2026-11-02")),
            Some(d("2026-11-01")),
            chrono_tz::Africa::Nairobi,
        )
        .unwrap();
        assert_eq!(empty.start, empty.end);
    }
}
