//! `GET /api/products/{slug}`: one active product with everything its page shows, or a
//! 404 in the error envelope.

use ruangpremium_tests::{StatusCode, TestApp};
use serde_json::json;

use crate::{
    fixtures::{account, add_stock, category, invite_product, provider, stock_product, StockStatus},
    responses::assert_not_found,
};

const NOT_FOUND_ID: &str = "Produk tidak ditemukan. Mungkin sudah tidak dijual.";
const NOT_FOUND_EN: &str = "Product not found. It may no longer be for sale.";

#[tokio::test]
async fn invite_detail_shows_description_notice_input_schema_and_max_per_order() {
    let app = TestApp::spawn().await;
    let ai = category("ai-produktivitas").name("AI & Produktivitas").insert(&app).await;
    let openai = provider("openai").insert(&app).await;
    account(&openai, "team").insert(&app).await;
    let schema = json!([
        {"key": "email", "type": "email", "required": true,
         "label": {"id": "Email akun ChatGPT", "en": "ChatGPT account email"}, "max_length": 254},
        {"key": "whatsapp", "type": "tel", "required": false,
         "label": {"id": "Nomor WhatsApp", "en": "WhatsApp number"}, "max_length": 20}
    ]);
    let product = invite_product("chatgpt-team-1-bulan", &ai, &openai, "team")
        .name("ChatGPT Team 1 Bulan")
        .short_description("Undangan ke workspace Team")
        .description("Akses GPT terbaru.\n\n- Undangan dikirim ke email Anda\n- Garansi 30 hari")
        .must_read_notice("Gunakan email yang belum pernah bergabung ke workspace lain.")
        .input_schema(schema.clone())
        .max_per_order(3)
        .price(65_000)
        .featured()
        .insert(&app)
        .await;

    let (status, body) = app.get("/api/products/chatgpt-team-1-bulan").await;

    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({
            "id": product.id,
            "slug": "chatgpt-team-1-bulan",
            "name": "ChatGPT Team 1 Bulan",
            "short_description": "Undangan ke workspace Team",
            "type": "INVITE",
            "category": {"slug": "ai-produktivitas", "name": "AI & Produktivitas"},
            "image_url": null,
            "price": 65000,
            "featured": true,
            "availability": {"available": true, "stock": null},
            "description": "Akses GPT terbaru.\n\n- Undangan dikirim ke email Anda\n- Garansi 30 hari",
            "must_read_notice": "Gunakan email yang belum pernah bergabung ke workspace lain.",
            "input_schema": schema,
            "max_per_order": 3
        })
    );
}

#[tokio::test]
async fn stock_detail_has_its_stock_count_no_input_fields_and_a_null_notice() {
    let app = TestApp::spawn().await;
    let games = category("voucher-game").name("Voucher Game").insert(&app).await;
    let product = stock_product("ml-86-diamond", &games)
        .name("86 Diamond Mobile Legends")
        .description("Kode voucher resmi.")
        .image_url("/images/ml.png")
        .price(21_500)
        .insert(&app)
        .await;
    add_stock(&app, &product, StockStatus::Available, 4).await;
    add_stock(&app, &product, StockStatus::Sold, 2).await;

    let (status, body) = app.get("/api/products/ml-86-diamond").await;

    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({
            "id": product.id,
            "slug": "ml-86-diamond",
            "name": "86 Diamond Mobile Legends",
            "short_description": "",
            "type": "STOCK",
            "category": {"slug": "voucher-game", "name": "Voucher Game"},
            "image_url": "/images/ml.png",
            "price": 21500,
            "featured": false,
            "availability": {"available": true, "stock": 4},
            "description": "Kode voucher resmi.",
            "must_read_notice": null,
            "input_schema": [],
            "max_per_order": 10
        })
    );
}

#[tokio::test]
async fn detail_agrees_with_the_listing_item_on_every_shared_field() {
    let app = TestApp::spawn().await;
    let games = category("games").insert(&app).await;
    let product = stock_product("steam-wallet", &games).price(120_000).featured().insert(&app).await;
    add_stock(&app, &product, StockStatus::Available, 1).await;

    let (_, page) = app.get("/api/products").await;
    let (_, detail) = app.get("/api/products/steam-wallet").await;

    let listed = page["items"][0].as_object().expect("an item");
    for (key, value) in listed {
        assert_eq!(&detail[key], value, "{key} differs");
    }
}

#[tokio::test]
async fn an_unknown_slug_is_a_404_in_the_envelope_in_indonesian_by_default() {
    let app = TestApp::spawn().await;
    let games = category("games").insert(&app).await;
    stock_product("real-product", &games).insert(&app).await;

    let (status, body) = app.get("/api/products/no-such-product").await;

    assert_not_found(status, &body, NOT_FOUND_ID);
}

#[tokio::test]
async fn an_unknown_slug_is_a_404_in_english_when_the_request_prefers_english() {
    let app = TestApp::spawn().await;

    let (status, body) = app.get_in("/api/products/no-such-product", Some("en-US,en;q=0.9")).await;
    let (status_id, body_id) = app.get_in("/api/products/no-such-product", Some("id-ID,id;q=0.9,en;q=0.8")).await;

    assert_not_found(status, &body, NOT_FOUND_EN);
    assert_not_found(status_id, &body_id, NOT_FOUND_ID);
}

#[tokio::test]
async fn odd_slugs_are_a_404_not_a_server_error() {
    let app = TestApp::spawn().await;
    let games = category("games").insert(&app).await;
    stock_product("real-product", &games).insert(&app).await;
    let over_long = "a".repeat(121);

    for slug in [
        over_long.as_str(),
        "REAL-PRODUCT",
        "real-product%20",
        "%27%3B%20drop%20table%20products%3B%20--",
        "real%25",
        "..%2F..%2Fetc%2Fpasswd",
        "%F0%9F%98%80",
    ] {
        let (status, body) = app.get(&format!("/api/products/{slug}")).await;
        assert_not_found(status, &body, NOT_FOUND_ID);
    }
    let (status, _) = app.get("/api/products/real-product").await;
    assert_eq!(status, StatusCode::OK, "the real product is still there");
}

/// Postgres refuses text with a NUL character, so it must never get that far.
#[tokio::test]
async fn a_slug_with_a_nul_character_is_a_404_not_a_server_error() {
    let app = TestApp::spawn().await;

    let (status, body) = app.get("/api/products/a%00b").await;

    assert_not_found(status, &body, NOT_FOUND_ID);
}

#[tokio::test]
async fn a_slug_that_is_not_utf8_is_answered_in_the_envelope() {
    let app = TestApp::spawn().await;

    let response = app.raw("GET", "/api/products/%FF").await;

    // 404 (no product can have this slug) or 400 would both do; plain text would not.
    assert!(matches!(response.status, StatusCode::NOT_FOUND | StatusCode::BAD_REQUEST), "{response:?}");
    assert_eq!(response.content_type.as_deref(), Some("application/json"), "{response:?}");
    let code = response.json().map(|body| body["error"]["code"].clone()).unwrap_or_default();
    assert!(code.is_string(), "no envelope: {:?}", String::from_utf8_lossy(&response.body));
}
