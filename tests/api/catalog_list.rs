//! `GET /api/products`: what a listing item shows, every sort order, pages and totals.

use ruangpremium_tests::{StatusCode, TestApp};
use serde_json::json;

use crate::{
    fixtures::{account, add_stock, category, invite_product, provider, stock_product, StockStatus},
    responses::{keys, list, slugs},
};

#[tokio::test]
async fn a_listing_item_shows_exactly_the_public_fields() {
    let app = TestApp::spawn().await;
    let streaming = category("streaming").name("Streaming Film").insert(&app).await;
    let netflix = stock_product("netflix-1-bulan", &streaming)
        .name("Netflix Premium 1 Bulan")
        .short_description("Akun sharing 1 profil")
        .description("Long text that only the detail shows")
        .image_url("https://cdn.example.com/netflix.png")
        .price(45_000)
        .featured()
        .must_read_notice("Jangan ganti password")
        .insert(&app)
        .await;
    add_stock(&app, &netflix, StockStatus::Available, 2).await;

    let (status, body) = app.get("/api/products").await;

    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({
            "items": [{
                "id": netflix.id,
                "slug": "netflix-1-bulan",
                "name": "Netflix Premium 1 Bulan",
                "short_description": "Akun sharing 1 profil",
                "type": "STOCK",
                "category": {"slug": "streaming", "name": "Streaming Film"},
                "image_url": "https://cdn.example.com/netflix.png",
                "price": 45000,
                "featured": true,
                "availability": {"available": true, "stock": 2}
            }],
            "page": 1,
            "page_size": 20,
            "total": 1
        })
    );
}

#[tokio::test]
async fn an_empty_shop_lists_nothing() {
    let app = TestApp::spawn().await;

    let (status, body) = app.get("/api/products").await;

    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({"items": [], "page": 1, "page_size": 20, "total": 0}));
}

#[tokio::test]
async fn the_default_order_is_featured_first_then_the_shops_order_then_name() {
    let app = TestApp::spawn().await;
    let games = category("games").insert(&app).await;
    stock_product("bravo", &games).name("Bravo").insert(&app).await;
    stock_product("alpha", &games).name("Alpha").insert(&app).await;
    stock_product("aardvark-late", &games).name("Aardvark").sort_order(5).insert(&app).await;
    stock_product("zulu-star", &games).name("Zulu").featured().sort_order(9).insert(&app).await;
    stock_product("yankee-star", &games).name("Yankee").featured().sort_order(1).insert(&app).await;
    let expected = ["yankee-star", "zulu-star", "alpha", "bravo", "aardvark-late"];

    let (by_default, _) = list(&app, "/api/products").await;
    let (featured, _) = list(&app, "/api/products?sort=featured").await;

    assert_eq!(by_default, expected);
    assert_eq!(featured, expected);
}

#[tokio::test]
async fn newest_sort_puts_the_most_recently_created_first() {
    let app = TestApp::spawn().await;
    let games = category("games").insert(&app).await;
    stock_product("week-old", &games).name("Alpha").created_hours_ago(24 * 7).insert(&app).await;
    stock_product("fresh", &games).name("Bravo").created_hours_ago(1).insert(&app).await;
    stock_product("featured-but-old", &games).name("Charlie").featured().created_hours_ago(24 * 30).insert(&app).await;
    stock_product("yesterday", &games).name("Delta").created_hours_ago(24).insert(&app).await;

    let (slugs, total) = list(&app, "/api/products?sort=newest").await;

    assert_eq!(slugs, ["fresh", "yesterday", "week-old", "featured-but-old"]);
    assert_eq!(total, 4);
}

#[tokio::test]
async fn price_asc_sort_puts_the_cheapest_first_and_breaks_ties_by_name() {
    let app = TestApp::spawn().await;
    let games = category("games").insert(&app).await;
    stock_product("mid", &games).name("Mid").price(50_000).featured().insert(&app).await;
    stock_product("cheap", &games).name("Cheap").price(10_000).insert(&app).await;
    stock_product("dear", &games).name("Dear").price(250_000).insert(&app).await;
    stock_product("mid-b", &games).name("Bravo mid").price(50_000).insert(&app).await;
    stock_product("mid-a", &games).name("Alpha mid").price(50_000).insert(&app).await;

    let (status, body) = app.get("/api/products?sort=price_asc").await;

    assert_eq!(status, StatusCode::OK);
    assert_eq!(slugs(&body), ["cheap", "mid-a", "mid-b", "mid", "dear"]);
    let prices: Vec<i64> = body["items"].as_array().into_iter().flatten().filter_map(|i| i["price"].as_i64()).collect();
    assert_eq!(prices, [10_000, 50_000, 50_000, 50_000, 250_000]);
}

#[tokio::test]
async fn price_desc_sort_puts_the_dearest_first_and_breaks_ties_by_name() {
    let app = TestApp::spawn().await;
    let games = category("games").insert(&app).await;
    stock_product("mid", &games).name("Mid").price(50_000).insert(&app).await;
    stock_product("cheap", &games).name("Cheap").price(10_000).featured().insert(&app).await;
    stock_product("dear", &games).name("Dear").price(250_000).insert(&app).await;
    stock_product("mid-a", &games).name("Alpha mid").price(50_000).insert(&app).await;

    let (slugs, _) = list(&app, "/api/products?sort=price_desc").await;

    assert_eq!(slugs, ["dear", "mid-a", "mid", "cheap"]);
}

#[tokio::test]
async fn page_two_holds_the_next_items_and_total_counts_every_match() {
    let app = TestApp::spawn().await;
    let games = category("games").insert(&app).await;
    for (slug, price) in [("p1", 10_000), ("p2", 20_000), ("p3", 30_000), ("p4", 40_000), ("p5", 50_000)] {
        stock_product(slug, &games).price(price).insert(&app).await;
    }

    let (s1, b1) = app.get("/api/products?sort=price_asc&page_size=2").await;
    let (s2, b2) = app.get("/api/products?sort=price_asc&page_size=2&page=2").await;
    let (s3, b3) = app.get("/api/products?sort=price_asc&page_size=2&page=3").await;

    assert_eq!((s1, s2, s3), (StatusCode::OK, StatusCode::OK, StatusCode::OK));
    assert_eq!(slugs(&b1), ["p1", "p2"]);
    assert_eq!(slugs(&b2), ["p3", "p4"]);
    assert_eq!(slugs(&b3), ["p5"]);
    for (page, body) in [(1, &b1), (2, &b2), (3, &b3)] {
        assert_eq!((&body["page"], &body["page_size"], &body["total"]), (&json!(page), &json!(2), &json!(5)));
    }
}

#[tokio::test]
async fn a_page_past_the_end_is_empty_but_reports_the_total() {
    let app = TestApp::spawn().await;
    let games = category("games").insert(&app).await;
    for slug in ["p1", "p2", "p3"] {
        stock_product(slug, &games).insert(&app).await;
    }

    let (status, body) = app.get("/api/products?page=2&page_size=3").await;
    let (_, far) = app.get("/api/products?page=10000&page_size=100").await;

    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({"items": [], "page": 2, "page_size": 3, "total": 3}));
    assert_eq!(far, json!({"items": [], "page": 10000, "page_size": 100, "total": 3}));
}

#[tokio::test]
async fn a_page_past_the_end_of_a_filtered_listing_reports_the_filtered_total() {
    let app = TestApp::spawn().await;
    let games = category("games").insert(&app).await;
    for slug in ["in-stock-1", "in-stock-2"] {
        let product = stock_product(slug, &games).insert(&app).await;
        add_stock(&app, &product, StockStatus::Available, 1).await;
    }
    stock_product("sold-out", &games).insert(&app).await;

    let (status, body) = app.get("/api/products?available=true&page=5").await;
    let (_, nothing) = app.get("/api/products?q=nowhere&page=2").await;

    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({"items": [], "page": 5, "page_size": 20, "total": 2}));
    assert_eq!(nothing, json!({"items": [], "page": 2, "page_size": 20, "total": 0}));
}

#[tokio::test]
async fn total_counts_every_filtered_match_while_a_page_shows_some() {
    let app = TestApp::spawn().await;
    let games = category("games").insert(&app).await;
    let ai = category("ai").insert(&app).await;
    for (slug, price) in [("g1", 1_000), ("g2", 2_000), ("g3", 3_000)] {
        stock_product(slug, &games).price(price).insert(&app).await;
    }
    stock_product("other", &ai).price(1_500).insert(&app).await;

    let (status, body) = app.get("/api/products?category=games&sort=price_asc&page_size=1&page=2").await;

    assert_eq!(status, StatusCode::OK);
    assert_eq!(slugs(&body), ["g2"]);
    assert_eq!(body["total"], 3);
}

#[tokio::test]
async fn page_size_and_page_at_their_limits_are_accepted() {
    let app = TestApp::spawn().await;
    let games = category("games").insert(&app).await;
    stock_product("only", &games).insert(&app).await;

    let (small, _) = list(&app, "/api/products?page_size=1&page=1").await;
    let (largest, total) = list(&app, "/api/products?page_size=100").await;

    assert_eq!(small, ["only"]);
    assert_eq!((largest, total), (vec!["only".to_owned()], 1));
}

#[tokio::test]
async fn an_invite_product_lists_with_no_stock_count() {
    let app = TestApp::spawn().await;
    let ai = category("ai").insert(&app).await;
    let openai = provider("openai").insert(&app).await;
    account(&openai, "team").insert(&app).await;
    let chatgpt =
        invite_product("chatgpt-team", &ai, &openai, "team").name("ChatGPT Team").price(65_000).insert(&app).await;

    let (status, body) = app.get("/api/products").await;

    assert_eq!(status, StatusCode::OK);
    let item = &body["items"][0];
    assert_eq!(item["id"], json!(chatgpt.id));
    assert_eq!(item["type"], "INVITE");
    assert_eq!(item["availability"], json!({"available": true, "stock": null}));
    assert_eq!(
        keys(item),
        [
            "availability",
            "category",
            "featured",
            "id",
            "image_url",
            "name",
            "price",
            "short_description",
            "slug",
            "type"
        ]
    );
}
