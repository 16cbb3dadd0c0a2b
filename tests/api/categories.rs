//! `GET /api/categories`: the active categories in the shop's order, each with the number
//! of its active products.

use ruangpremium_tests::{StatusCode, TestApp};
use serde_json::json;

use crate::fixtures::{add_stock, category, invite_product, provider, stock_product, StockStatus};

#[tokio::test]
async fn categories_are_listed_in_the_shops_order_then_by_name_with_their_fields() {
    let app = TestApp::spawn().await;
    let music = category("musik").name("Musik").description("Tanpa iklan").icon("🎧").sort_order(30).insert(&app).await;
    let streaming = category("streaming").name("Streaming").sort_order(20).insert(&app).await;
    let beta = category("beta").name("Beta").sort_order(30).insert(&app).await;
    stock_product("spotify", &music).insert(&app).await;

    let (status, body) = app.get("/api/categories").await;

    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({"items": [
            {"id": streaming.id, "slug": "streaming", "name": "Streaming", "description": "", "icon": null, "product_count": 0},
            {"id": beta.id, "slug": "beta", "name": "Beta", "description": "", "icon": null, "product_count": 0},
            {"id": music.id, "slug": "musik", "name": "Musik", "description": "Tanpa iklan", "icon": "🎧", "product_count": 1}
        ]})
    );
}

#[tokio::test]
async fn product_count_counts_only_active_products_sold_out_or_not() {
    let app = TestApp::spawn().await;
    let games = category("games").insert(&app).await;
    let ai = category("ai").insert(&app).await;
    let openai = provider("openai").insert(&app).await;
    let stocked = stock_product("stocked", &games).insert(&app).await;
    add_stock(&app, &stocked, StockStatus::Available, 3).await;
    stock_product("sold-out", &games).insert(&app).await;
    stock_product("retired-1", &games).inactive().insert(&app).await;
    stock_product("retired-2", &games).inactive().insert(&app).await;
    invite_product("no-accounts", &ai, &openai, "team").insert(&app).await;
    invite_product("retired-invite", &ai, &openai, "pro").inactive().insert(&app).await;

    let (status, body) = app.get("/api/categories").await;

    assert_eq!(status, StatusCode::OK);
    let counts: Vec<(&str, i64)> = body["items"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| (c["slug"].as_str().unwrap_or_default(), c["product_count"].as_i64().unwrap_or(-1)))
        .collect();
    assert_eq!(counts, [("ai", 1), ("games", 2)]);
}

#[tokio::test]
async fn product_count_agrees_with_the_category_filter_of_the_listing() {
    let app = TestApp::spawn().await;
    let games = category("games").insert(&app).await;
    for n in 0..7 {
        stock_product(&format!("voucher-{n}"), &games).insert(&app).await;
    }
    stock_product("retired", &games).inactive().insert(&app).await;

    let (_, categories) = app.get("/api/categories").await;
    let (_, page) = app.get("/api/products?category=games&page_size=2").await;

    assert_eq!(categories["items"][0]["product_count"], 7);
    assert_eq!(page["total"], 7);
}

#[tokio::test]
async fn inactive_categories_are_hidden() {
    let app = TestApp::spawn().await;
    category("open").insert(&app).await;
    let closed = category("closed").inactive().sort_order(-1).insert(&app).await;
    stock_product("in-closed", &closed).insert(&app).await;

    let (status, body) = app.get("/api/categories").await;

    assert_eq!(status, StatusCode::OK);
    let slugs: Vec<&str> = body["items"].as_array().into_iter().flatten().filter_map(|c| c["slug"].as_str()).collect();
    assert_eq!(slugs, ["open"]);
}

#[tokio::test]
async fn no_categories_is_an_empty_list() {
    let app = TestApp::spawn().await;

    let (status, body) = app.get("/api/categories").await;

    assert_eq!((status, body), (StatusCode::OK, json!({"items": []})));
}
