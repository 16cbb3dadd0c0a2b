//! Reading Tokopay's loosely typed values: totals that are sometimes strings, and the
//! status words that mean "paid".

use serde_json::Value;

/// Reads an amount that may be a JSON integer or a numeric string; None otherwise.
pub fn lenient_i64(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    }
}

/// Whether a webhook/status status string means paid: "Success" | "Completed" | "Paid"
/// (case-insensitive, trimmed).
pub fn is_paid_status(s: &str) -> bool {
    let s = s.trim();
    ["success", "completed", "paid"].iter().any(|paid| s.eq_ignore_ascii_case(paid))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn lenient_i64_reads_integers_and_numeric_strings_only() {
        assert_eq!(lenient_i64(&json!(10170)), Some(10170));
        assert_eq!(lenient_i64(&json!(-5)), Some(-5));
        assert_eq!(lenient_i64(&json!("10170")), Some(10170));
        assert_eq!(lenient_i64(&json!(" 68931 ")), Some(68931));
        assert_eq!(lenient_i64(&json!(10170.5)), None);
        assert_eq!(lenient_i64(&json!("10.170")), None);
        assert_eq!(lenient_i64(&json!("Rp10170")), None);
        assert_eq!(lenient_i64(&json!("")), None);
        assert_eq!(lenient_i64(&json!(null)), None);
        assert_eq!(lenient_i64(&json!(true)), None);
        assert_eq!(lenient_i64(&json!([1])), None);
        assert_eq!(lenient_i64(&json!(u64::MAX)), None);
    }

    #[test]
    fn is_paid_status_accepts_success_completed_and_paid_in_any_case() {
        for paid in ["Success", "success", "SUCCESS", " Completed ", "completed", "Paid", "PAID\n"] {
            assert!(is_paid_status(paid), "{paid:?} means paid");
        }
        for unpaid in ["Unpaid", "Pending", "Expired", "Failed", "", "Successful", "Proses Callback", "true"] {
            assert!(!is_paid_status(unpaid), "{unpaid:?} does not mean paid");
        }
    }
}
