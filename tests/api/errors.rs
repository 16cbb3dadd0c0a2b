//! Bad input gets a 400 in the error envelope naming each bad field; unknown addresses a
//! 404; nothing answers with a server error or outside the envelope.

use ruangpremium_tests::{StatusCode, TestApp};
use serde_json::json;

use crate::{
    fixtures::{category, stock_product},
    responses::{assert_invalid_query, assert_not_found, urlencode},
};

const SORT: &str = "Urutan harus featured, newest, price_asc atau price_desc.";
const PAGE: &str = "Halaman harus angka 1 sampai 10000.";
const PAGE_SIZE: &str = "Jumlah per halaman harus 1 sampai 100.";
const Q: &str = "Kata kunci paling banyak 100 karakter.";
const TYPE: &str = "Jenis harus STOCK atau INVITE.";
const FLAG: &str = "Gunakan true atau false.";
const CATEGORY: &str = "Kategori tidak valid.";
const UNKNOWN: &str = "Parameter ini tidak dikenal.";
const REPEATED: &str = "Parameter ini diberikan lebih dari sekali.";

/// GETs `/api/products?{query}` and asserts a 400 naming only `field`, for `problem`.
async fn assert_rejected(app: &TestApp, query: &str, field: &str, problem: &str) {
    let (status, body) = app.get(&format!("/api/products?{query}")).await;
    assert_invalid_query(status, &body, &[field]);
    assert_eq!(body["error"]["fields"][field], problem, "?{query}");
}

#[tokio::test]
async fn an_unknown_sort_is_a_400_naming_sort() {
    let app = TestApp::spawn().await;
    assert_rejected(&app, "sort=cheapest", "sort", SORT).await;
    assert_rejected(&app, "sort=PRICE_ASC", "sort", SORT).await;
}

#[tokio::test]
async fn a_negative_page_is_a_400_naming_page() {
    let app = TestApp::spawn().await;
    assert_rejected(&app, "page=-1", "page", PAGE).await;
}

#[tokio::test]
async fn page_zero_is_a_400_naming_page() {
    let app = TestApp::spawn().await;
    assert_rejected(&app, "page=0", "page", PAGE).await;
}

#[tokio::test]
async fn a_page_beyond_10000_or_not_a_number_is_a_400_naming_page() {
    let app = TestApp::spawn().await;
    for page in ["10001", "99999999999999999999", "two", "1.5", "1e3"] {
        assert_rejected(&app, &format!("page={page}"), "page", PAGE).await;
    }
}

#[tokio::test]
async fn a_huge_page_size_is_a_400_naming_page_size() {
    let app = TestApp::spawn().await;
    assert_rejected(&app, "page_size=1000", "page_size", PAGE_SIZE).await;
    assert_rejected(&app, "page_size=101", "page_size", PAGE_SIZE).await;
    assert_rejected(&app, "page_size=0", "page_size", PAGE_SIZE).await;
    assert_rejected(&app, "page_size=-5", "page_size", PAGE_SIZE).await;
}

#[tokio::test]
async fn a_search_of_101_characters_is_a_400_naming_q() {
    let app = TestApp::spawn().await;
    assert_rejected(&app, &format!("q={}", "a".repeat(101)), "q", Q).await;
    assert_rejected(&app, &format!("q={}", urlencode(&"é".repeat(101))), "q", Q).await;
}

#[tokio::test]
async fn an_unknown_type_is_a_400_naming_type() {
    let app = TestApp::spawn().await;
    assert_rejected(&app, "type=FOO", "type", TYPE).await;
    assert_rejected(&app, "type=stock", "type", TYPE).await;
}

#[tokio::test]
async fn available_other_than_true_or_false_is_a_400_naming_available() {
    let app = TestApp::spawn().await;
    assert_rejected(&app, "available=maybe", "available", FLAG).await;
    assert_rejected(&app, "available=1", "available", FLAG).await;
}

#[tokio::test]
async fn featured_other_than_true_or_false_is_a_400_naming_featured() {
    let app = TestApp::spawn().await;
    assert_rejected(&app, "featured=yes", "featured", FLAG).await;
}

#[tokio::test]
async fn a_category_that_is_not_a_slug_is_a_400_naming_category() {
    let app = TestApp::spawn().await;
    assert_rejected(&app, "category=Bad%20Slug", "category", CATEGORY).await;
    assert_rejected(&app, &format!("category={}", urlencode("games' or 1=1 --")), "category", CATEGORY).await;
}

#[tokio::test]
async fn an_unknown_parameter_is_a_400_naming_it() {
    let app = TestApp::spawn().await;
    assert_rejected(&app, "color=red", "color", UNKNOWN).await;
    assert_rejected(&app, "pageSize=10", "pageSize", UNKNOWN).await;
}

#[tokio::test]
async fn categories_take_no_parameter_and_name_any_given() {
    let app = TestApp::spawn().await;
    let (status, body) = app.get("/api/categories?page=2").await;
    assert_invalid_query(status, &body, &["page"]);
    assert_eq!(body["error"]["fields"]["page"], UNKNOWN);
}

#[tokio::test]
async fn a_repeated_parameter_is_a_400_naming_it() {
    let app = TestApp::spawn().await;
    assert_rejected(&app, "sort=newest&sort=price_asc", "sort", REPEATED).await;
    assert_rejected(&app, "category=games&category=games", "category", REPEATED).await;
}

#[tokio::test]
async fn every_bad_parameter_is_named_at_once() {
    let app = TestApp::spawn().await;

    let (status, body) = app
        .get(&format!(
            "/api/products?sort=cheap&page=-1&page_size=1000&q={}&type=FOO&available=maybe&featured=no&category=X&zzz=1",
            "a".repeat(101)
        ))
        .await;

    assert_invalid_query(
        status,
        &body,
        &["available", "category", "featured", "page", "page_size", "q", "sort", "type", "zzz"],
    );
    assert_eq!(
        body["error"]["fields"],
        json!({
            "available": FLAG, "category": CATEGORY, "featured": FLAG, "page": PAGE, "page_size": PAGE_SIZE,
            "q": Q, "sort": SORT, "type": TYPE, "zzz": UNKNOWN
        })
    );
}

#[tokio::test]
async fn errors_speak_english_when_the_request_prefers_it() {
    let app = TestApp::spawn().await;

    let (status, body) = app.get_in("/api/products?sort=cheap&page=0&zzz=1", Some("en")).await;

    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        json!({"error": {
            "code": "invalid_query",
            "message": "Some search parameters are invalid. Check the marked fields.",
            "fields": {
                "sort": "The sort must be featured, newest, price_asc or price_desc.",
                "page": "The page must be a number from 1 to 10000.",
                "zzz": "This parameter is not recognised."
            }
        }})
    );
}

/// Postgres refuses text with a NUL character; the listing must refuse it first, by name.
#[tokio::test]
async fn a_search_with_a_nul_character_is_a_400_naming_q() {
    let app = TestApp::spawn().await;

    let (status, body) = app.get("/api/products?q=kopi%00susu").await;

    assert_invalid_query(status, &body, &["q"]);
}

#[tokio::test]
async fn hostile_query_strings_never_cause_a_server_error() {
    let app = TestApp::spawn().await;
    let games = category("games").insert(&app).await;
    stock_product("voucher", &games).insert(&app).await;
    let long_key = "k".repeat(5000);

    for query in [
        "q=%FF%FE",
        "q=%",
        "q=%%%",
        "q=%E2%80%AE",
        "q=%5C%5C%5C",
        "q=%EF%BC%BC",
        "&&&",
        "=",
        "=x",
        "q",
        "page=%2B1",
        "page=0x10",
        "page=%00",
        "page_size=%00",
        "type=%00",
        "category=%00",
        "sort=%00",
        "available=%00",
        long_key.as_str(),
        "q=%F0%9F%98%80%F0%9F%98%80",
        "page=18446744073709551616",
    ] {
        let (status, body) = app.get(&format!("/api/products?{query}")).await;
        assert!(status == StatusCode::OK || status == StatusCode::BAD_REQUEST, "?{query} answered {status}: {body}");
        if status == StatusCode::BAD_REQUEST {
            assert_eq!(body["error"]["code"], "invalid_query", "?{query}: {body}");
            assert!(body["error"]["fields"].as_object().is_some_and(|f| !f.is_empty()), "?{query}: {body}");
        } else {
            assert!(body["items"].is_array(), "?{query}: {body}");
        }
    }
}

#[tokio::test]
async fn an_unknown_api_path_is_a_404_in_the_envelope() {
    let app = TestApp::spawn().await;

    for path in ["/api/nope", "/api/products/x/y", "/api/v2/products", "/api/categories/games"] {
        let (status, body) = app.get(path).await;
        assert_not_found(status, &body, "Alamat API ini tidak ada.");
    }
    let (status, body) = app.get_in("/api/nope", Some("en-GB")).await;
    assert_not_found(status, &body, "This API address does not exist.");
}

#[tokio::test]
async fn the_api_root_is_a_404_in_the_envelope() {
    let app = TestApp::spawn().await;

    for path in ["/api", "/api/"] {
        let response = app.raw("GET", path).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(
            response.json(),
            Some(json!({"error": {"code": "not_found", "message": "Alamat API ini tidak ada."}})),
            "{path}: {response:?}"
        );
    }
}

#[tokio::test]
async fn a_method_an_endpoint_does_not_take_is_answered_in_the_envelope() {
    let app = TestApp::spawn().await;

    for (method, path) in [("POST", "/api/products"), ("DELETE", "/api/categories"), ("PUT", "/api/products/x")] {
        let response = app.raw(method, path).await;
        assert_eq!(response.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
        let code = response.json().map(|body| body["error"]["code"].clone());
        assert!(code.as_ref().is_some_and(|c| c.is_string()), "{method} {path}: {response:?}");
    }
}

#[tokio::test]
async fn healthz_answers_ok_when_the_database_answers() {
    let app = TestApp::spawn().await;

    let (status, body) = app.get("/healthz").await;

    assert_eq!((status, body), (StatusCode::OK, json!({"status": "ok"})));
}
