//! Availability computed on the server: the count of available stock items for STOCK
//! products, and for INVITE products whether some account can take an invitation now.

use ruangpremium_tests::{StatusCode, TestApp};
use serde_json::{json, Value};

use crate::{
    fixtures::{
        account, add_stock, category, invite_product, provider, stock_product, AccountStatus, Product, Provider,
        StockStatus,
    },
    responses::item,
};

/// The product's availability, which the listing and the detail must agree on.
async fn availability(app: &TestApp, product: &Product) -> Value {
    let (status, page) = app.get("/api/products").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let listed = item(&page, &product.slug)["availability"].clone();
    let (status, detail) = app.get(&format!("/api/products/{}", product.slug)).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!(detail["availability"], listed, "the listing and the detail disagree");
    listed
}

fn sold_out() -> Value {
    json!({"available": false, "stock": 0})
}

// ---------------------------------------------------------------------------------------
// STOCK

#[tokio::test]
async fn stock_count_counts_only_available_items() {
    let app = TestApp::spawn().await;
    let games = category("games").insert(&app).await;
    let diamond = stock_product("ml-diamond", &games).insert(&app).await;
    add_stock(&app, &diamond, StockStatus::Available, 3).await;
    add_stock(&app, &diamond, StockStatus::Reserved, 2).await;
    add_stock(&app, &diamond, StockStatus::Sold, 4).await;
    add_stock(&app, &diamond, StockStatus::Disabled, 1).await;

    assert_eq!(availability(&app, &diamond).await, json!({"available": true, "stock": 3}));
}

#[tokio::test]
async fn stock_of_one_product_does_not_count_for_another() {
    let app = TestApp::spawn().await;
    let games = category("games").insert(&app).await;
    let stocked = stock_product("stocked", &games).insert(&app).await;
    let empty = stock_product("empty", &games).insert(&app).await;
    add_stock(&app, &stocked, StockStatus::Available, 5).await;

    assert_eq!(availability(&app, &stocked).await, json!({"available": true, "stock": 5}));
    assert_eq!(availability(&app, &empty).await, sold_out());
}

#[tokio::test]
async fn stock_product_with_only_reserved_sold_or_disabled_items_is_sold_out() {
    let app = TestApp::spawn().await;
    let games = category("games").insert(&app).await;
    let diamond = stock_product("ml-diamond", &games).insert(&app).await;
    add_stock(&app, &diamond, StockStatus::Reserved, 1).await;
    add_stock(&app, &diamond, StockStatus::Sold, 1).await;
    add_stock(&app, &diamond, StockStatus::Disabled, 1).await;

    assert_eq!(availability(&app, &diamond).await, sold_out());
}

#[tokio::test]
async fn stock_product_without_any_item_is_sold_out_with_zero_stock() {
    let app = TestApp::spawn().await;
    let games = category("games").insert(&app).await;
    let diamond = stock_product("ml-diamond", &games).insert(&app).await;

    assert_eq!(availability(&app, &diamond).await, sold_out());
}

#[tokio::test]
async fn selling_the_last_item_makes_a_stock_product_sold_out() {
    let app = TestApp::spawn().await;
    let games = category("games").insert(&app).await;
    let diamond = stock_product("ml-diamond", &games).insert(&app).await;
    let items = add_stock(&app, &diamond, StockStatus::Available, 1).await;
    assert_eq!(availability(&app, &diamond).await, json!({"available": true, "stock": 1}));

    let order = crate::fixtures::order_for(&app, &diamond).await;
    sqlx::query("update public.stock_items set status = 'sold', sold_at = now(), order_id = $2 where id = $1")
        .bind(items[0].id)
        .bind(order)
        .execute(&app.db.pool)
        .await
        .expect("sell");

    assert_eq!(availability(&app, &diamond).await, sold_out());
}

// ---------------------------------------------------------------------------------------
// INVITE

async fn team_product(app: &TestApp, openai: &Provider) -> Product {
    let ai = category("ai").insert(app).await;
    invite_product("chatgpt-team", &ai, openai, "team").insert(app).await
}

fn invite_open() -> Value {
    json!({"available": true, "stock": null})
}

fn invite_closed() -> Value {
    json!({"available": false, "stock": null})
}

#[tokio::test]
async fn invite_product_is_available_with_an_active_account_that_has_quota_and_seats() {
    let app = TestApp::spawn().await;
    let openai = provider("openai").insert(&app).await;
    let product = team_product(&app, &openai).await;
    account(&openai, "team").quota(10, 9).seats(5, 4).insert(&app).await;

    assert_eq!(availability(&app, &product).await, invite_open());
}

#[tokio::test]
async fn invite_product_is_unavailable_without_any_account() {
    let app = TestApp::spawn().await;
    let openai = provider("openai").insert(&app).await;
    let product = team_product(&app, &openai).await;

    assert_eq!(availability(&app, &product).await, invite_closed());
}

#[tokio::test]
async fn invite_product_is_unavailable_when_every_account_is_cooling_down() {
    let app = TestApp::spawn().await;
    let openai = provider("openai").insert(&app).await;
    let product = team_product(&app, &openai).await;
    account(&openai, "team").cooldown_minutes(30).insert(&app).await;
    account(&openai, "team").cooldown_minutes(1).insert(&app).await;

    assert_eq!(availability(&app, &product).await, invite_closed());
}

#[tokio::test]
async fn invite_product_is_available_again_once_a_cooldown_has_passed() {
    let app = TestApp::spawn().await;
    let openai = provider("openai").insert(&app).await;
    let product = team_product(&app, &openai).await;
    account(&openai, "team").cooldown_minutes(-1).insert(&app).await;

    assert_eq!(availability(&app, &product).await, invite_open());
}

#[tokio::test]
async fn invite_product_is_unavailable_when_every_account_has_used_todays_quota() {
    let app = TestApp::spawn().await;
    let openai = provider("openai").insert(&app).await;
    let product = team_product(&app, &openai).await;
    account(&openai, "team").quota(10, 10).insert(&app).await;
    account(&openai, "team").quota(3, 3).insert(&app).await;

    assert_eq!(availability(&app, &product).await, invite_closed());
}

#[tokio::test]
async fn quota_used_on_an_earlier_day_does_not_count_today() {
    let app = TestApp::spawn().await;
    let openai = provider("openai").insert(&app).await;
    let product = team_product(&app, &openai).await;
    account(&openai, "team").quota_used_days_ago(10, 10, 1).insert(&app).await;

    assert_eq!(availability(&app, &product).await, invite_open());
}

#[tokio::test]
async fn invite_product_is_unavailable_when_every_account_has_no_seat_left() {
    let app = TestApp::spawn().await;
    let openai = provider("openai").insert(&app).await;
    let product = team_product(&app, &openai).await;
    account(&openai, "team").seats(5, 5).insert(&app).await;
    account(&openai, "team").seats(1, 1).quota_used_days_ago(10, 10, 2).insert(&app).await;

    assert_eq!(availability(&app, &product).await, invite_closed());
}

#[tokio::test]
async fn invite_product_is_unavailable_when_its_accounts_are_disabled_or_parked() {
    let app = TestApp::spawn().await;
    let openai = provider("openai").insert(&app).await;
    let product = team_product(&app, &openai).await;
    account(&openai, "team").status(AccountStatus::Disabled).insert(&app).await;
    account(&openai, "team").status(AccountStatus::Parked).insert(&app).await;

    assert_eq!(availability(&app, &product).await, invite_closed());
}

#[tokio::test]
async fn invite_product_is_unavailable_when_its_provider_is_inactive() {
    let app = TestApp::spawn().await;
    let openai = provider("openai").inactive().insert(&app).await;
    let product = team_product(&app, &openai).await;
    account(&openai, "team").insert(&app).await;

    assert_eq!(availability(&app, &product).await, invite_closed());
}

#[tokio::test]
async fn accounts_of_another_plan_or_provider_do_not_make_a_product_available() {
    let app = TestApp::spawn().await;
    let openai = provider("openai").insert(&app).await;
    let canva = provider("canva").insert(&app).await;
    let product = team_product(&app, &openai).await;
    account(&openai, "enterprise").insert(&app).await;
    account(&canva, "team").insert(&app).await;

    assert_eq!(availability(&app, &product).await, invite_closed());
}

#[tokio::test]
async fn one_usable_account_among_unusable_ones_is_enough() {
    let app = TestApp::spawn().await;
    let openai = provider("openai").insert(&app).await;
    let product = team_product(&app, &openai).await;
    account(&openai, "team").cooldown_minutes(60).insert(&app).await;
    account(&openai, "team").quota(5, 5).insert(&app).await;
    account(&openai, "team").seats(2, 2).insert(&app).await;
    account(&openai, "team").status(AccountStatus::Parked).insert(&app).await;
    assert_eq!(availability(&app, &product).await, invite_closed());

    account(&openai, "team").quota(5, 4).seats(2, 1).insert(&app).await;

    assert_eq!(availability(&app, &product).await, invite_open());
}
