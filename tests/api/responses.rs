//! Reading what the API answered: the slugs of a page, the keys of an object, the error
//! envelope.

use ruangpremium_tests::{StatusCode, TestApp};
use serde_json::Value;

/// The slugs of a listing's items, in the order given.
pub fn slugs(page: &Value) -> Vec<&str> {
    page["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items in {page}"))
        .iter()
        .map(|item| item["slug"].as_str().unwrap_or_else(|| panic!("item without a slug: {item}")))
        .collect()
}

/// The keys of a JSON object, sorted.
pub fn keys(object: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> =
        object.as_object().unwrap_or_else(|| panic!("not an object: {object}")).keys().map(String::as_str).collect();
    keys.sort_unstable();
    keys
}

/// GETs a listing that must succeed and returns its slugs and total.
pub async fn list(app: &TestApp, path: &str) -> (Vec<String>, i64) {
    let (status, body) = app.get(path).await;
    assert_eq!(status, StatusCode::OK, "{path} answered {body}");
    let total = body["total"].as_i64().unwrap_or_else(|| panic!("no total in {body}"));
    (slugs(&body).into_iter().map(str::to_owned).collect(), total)
}

/// The one item of a listing whose slug is `slug`.
pub fn item<'a>(page: &'a Value, slug: &str) -> &'a Value {
    page["items"]
        .as_array()
        .and_then(|items| items.iter().find(|item| item["slug"] == slug))
        .unwrap_or_else(|| panic!("{slug} is not in {page}"))
}

/// Asserts a 400 `invalid_query` envelope (Indonesian, the default) naming exactly `fields`.
pub fn assert_invalid_query(status: StatusCode, body: &Value, fields: &[&str]) {
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"]["code"], "invalid_query", "{body}");
    assert_eq!(body["error"]["message"], "Parameter pencarian tidak valid. Periksa isian yang ditandai.", "{body}");
    let mut named = keys(&body["error"]["fields"]);
    named.sort_unstable();
    let mut expected = fields.to_vec();
    expected.sort_unstable();
    assert_eq!(named, expected, "{body}");
    for field in fields {
        let problem = body["error"]["fields"][field].as_str().unwrap_or_default();
        assert!(!problem.trim().is_empty(), "{field} is named without a reason: {body}");
    }
    assert_eq!(keys(body), ["error"], "{body}");
}

/// Asserts a 404 `not_found` envelope with `message`.
pub fn assert_not_found(status: StatusCode, body: &Value, message: &str) {
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(body, &serde_json::json!({"error": {"code": "not_found", "message": message}}));
}

/// Percent-encodes everything but unreserved characters, as a browser's URLSearchParams would.
pub fn urlencode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
