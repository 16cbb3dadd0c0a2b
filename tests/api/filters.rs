//! `GET /api/products` filters: search, category, type, availability, featured, each alone
//! and combined, and what is never listed.

use ruangpremium_tests::{StatusCode, TestApp};

use crate::{
    fixtures::{account, add_stock, category, invite_product, provider, stock_product, Category, StockStatus},
    responses::{list, slugs, urlencode},
};

/// Sorted, to compare the members of a filtered listing whatever its order.
fn sorted(mut slugs: Vec<String>) -> Vec<String> {
    slugs.sort();
    slugs
}

/// Five products that differ in category, type, availability and featured:
///
/// | slug          | category  | type   | available | featured |
/// |---------------|-----------|--------|-----------|----------|
/// | netflix       | streaming | STOCK  | yes (2)   | yes      |
/// | vidio         | streaming | STOCK  | no (sold) | no       |
/// | ml-diamond    | games     | STOCK  | yes (1)   | no       |
/// | chatgpt-team  | ai        | INVITE | yes       | yes      |
/// | chatgpt-pro   | ai        | INVITE | no        | no       |
async fn mixed_shop(app: &TestApp) {
    let streaming = category("streaming").insert(app).await;
    let games = category("games").insert(app).await;
    let ai = category("ai").insert(app).await;
    let openai = provider("openai").insert(app).await;
    account(&openai, "team").insert(app).await;

    let netflix = stock_product("netflix", &streaming).name("Netflix Premium").featured().insert(app).await;
    add_stock(app, &netflix, StockStatus::Available, 2).await;
    let vidio = stock_product("vidio", &streaming).name("Vidio Platinum").insert(app).await;
    add_stock(app, &vidio, StockStatus::Sold, 1).await;
    let diamond = stock_product("ml-diamond", &games).name("Diamond Mobile Legends").insert(app).await;
    add_stock(app, &diamond, StockStatus::Available, 1).await;
    invite_product("chatgpt-team", &ai, &openai, "team").name("ChatGPT Team").featured().insert(app).await;
    invite_product("chatgpt-pro", &ai, &openai, "pro").name("ChatGPT Pro").insert(app).await;
}

async fn members(app: &TestApp, path: &str) -> (Vec<String>, i64) {
    let (slugs, total) = list(app, path).await;
    (sorted(slugs), total)
}

fn owned(slugs: &[&str]) -> Vec<String> {
    sorted(slugs.iter().map(|s| (*s).to_owned()).collect())
}

#[tokio::test]
async fn category_filter_keeps_only_that_categorys_products() {
    let app = TestApp::spawn().await;
    mixed_shop(&app).await;

    assert_eq!(members(&app, "/api/products?category=streaming").await, (owned(&["netflix", "vidio"]), 2));
    assert_eq!(members(&app, "/api/products?category=games").await, (owned(&["ml-diamond"]), 1));
}

#[tokio::test]
async fn an_unknown_category_lists_nothing() {
    let app = TestApp::spawn().await;
    mixed_shop(&app).await;

    assert_eq!(members(&app, "/api/products?category=no-such-category").await, (vec![], 0));
}

#[tokio::test]
async fn type_filter_keeps_only_stock_or_only_invite_products() {
    let app = TestApp::spawn().await;
    mixed_shop(&app).await;

    assert_eq!(members(&app, "/api/products?type=STOCK").await, (owned(&["ml-diamond", "netflix", "vidio"]), 3));
    assert_eq!(members(&app, "/api/products?type=INVITE").await, (owned(&["chatgpt-pro", "chatgpt-team"]), 2));
}

#[tokio::test]
async fn available_true_keeps_only_products_that_can_be_bought_now() {
    let app = TestApp::spawn().await;
    mixed_shop(&app).await;

    let (status, body) = app.get("/api/products?available=true").await;

    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        sorted(slugs(&body).into_iter().map(str::to_owned).collect()),
        owned(&["chatgpt-team", "ml-diamond", "netflix"])
    );
    for item in body["items"].as_array().into_iter().flatten() {
        assert_eq!(item["availability"]["available"], true, "{item}");
    }
}

#[tokio::test]
async fn available_false_keeps_only_products_that_cannot_be_bought_now() {
    let app = TestApp::spawn().await;
    mixed_shop(&app).await;

    let (status, body) = app.get("/api/products?available=false").await;

    assert_eq!(status, StatusCode::OK);
    assert_eq!(sorted(slugs(&body).into_iter().map(str::to_owned).collect()), owned(&["chatgpt-pro", "vidio"]));
    for item in body["items"].as_array().into_iter().flatten() {
        assert_eq!(item["availability"]["available"], false, "{item}");
    }
    assert_eq!(body["total"], 2);
}

#[tokio::test]
async fn featured_true_keeps_only_featured_products_and_false_the_others() {
    let app = TestApp::spawn().await;
    mixed_shop(&app).await;

    assert_eq!(members(&app, "/api/products?featured=true").await, (owned(&["chatgpt-team", "netflix"]), 2));
    assert_eq!(
        members(&app, "/api/products?featured=false").await,
        (owned(&["chatgpt-pro", "ml-diamond", "vidio"]), 3)
    );
}

#[tokio::test]
async fn filters_combine_as_and() {
    let app = TestApp::spawn().await;
    mixed_shop(&app).await;

    assert_eq!(
        members(&app, "/api/products?category=ai&type=INVITE&available=true&featured=true").await,
        (owned(&["chatgpt-team"]), 1)
    );
    assert_eq!(members(&app, "/api/products?category=streaming&available=false").await, (owned(&["vidio"]), 1));
    assert_eq!(
        members(&app, "/api/products?type=STOCK&featured=false&available=true").await,
        (owned(&["ml-diamond"]), 1)
    );
    assert_eq!(members(&app, "/api/products?q=chatgpt&available=false").await, (owned(&["chatgpt-pro"]), 1));
    assert_eq!(members(&app, "/api/products?category=games&type=INVITE").await, (vec![], 0));
    assert_eq!(
        list(&app, "/api/products?type=STOCK&sort=newest&page_size=2&available=true&q=i").await.1,
        2,
        "netflix and ml-diamond contain an i and are in stock"
    );
}

#[tokio::test]
async fn blank_parameters_are_treated_as_absent() {
    let app = TestApp::spawn().await;
    mixed_shop(&app).await;

    let (everything, total) = members(&app, "/api/products?q=%20%20&category=&type=&sort=").await;

    assert_eq!(total, 5);
    assert_eq!(everything.len(), 5);
}

// ---------------------------------------------------------------------------------------
// Search

async fn search_shop(app: &TestApp) -> Category {
    let shop = category("shop").insert(app).await;
    stock_product("cafe", &shop).name("Café Premium").insert(app).await;
    stock_product("short-only", &shop).name("Alpha").short_description("Kopi SUSU gula aren").insert(app).await;
    stock_product("desc-only", &shop)
        .name("Bravo")
        .description("Paket langganan musik tanpa iklan.\n\n- Bisa offline")
        .insert(app)
        .await;
    stock_product("plain", &shop).name("Charlie").insert(app).await;
    shop
}

#[tokio::test]
async fn search_matches_the_name_the_short_description_and_the_description() {
    let app = TestApp::spawn().await;
    search_shop(&app).await;

    assert_eq!(members(&app, "/api/products?q=premium").await, (owned(&["cafe"]), 1));
    assert_eq!(members(&app, "/api/products?q=gula%20aren").await, (owned(&["short-only"]), 1));
    assert_eq!(members(&app, "/api/products?q=tanpa%20iklan").await, (owned(&["desc-only"]), 1));
    assert_eq!(members(&app, "/api/products?q=zzz").await, (vec![], 0));
}

#[tokio::test]
async fn search_ignores_case_and_accents() {
    let app = TestApp::spawn().await;
    search_shop(&app).await;

    for q in ["cafe", "CAFE", "Café", "CAFÉ", "cafÉ"] {
        let path = format!("/api/products?q={}", urlencode(q));
        assert_eq!(members(&app, &path).await, (owned(&["cafe"]), 1), "q={q}");
    }
    for q in ["kopi susu", "KÓPI SÜSU", "Ålpha"] {
        let path = format!("/api/products?q={}", urlencode(q));
        assert_eq!(members(&app, &path).await, (owned(&["short-only"]), 1), "q={q}");
    }
}

#[tokio::test]
async fn search_treats_like_wildcards_literally() {
    let app = TestApp::spawn().await;
    let shop = category("shop").insert(&app).await;
    stock_product("percent", &shop).name("Diskon 50% Spotify").insert(&app).await;
    stock_product("fifty-x", &shop).name("Diskon 50x Spotify").insert(&app).await;
    stock_product("underscore", &shop).name("Kode_Voucher").insert(&app).await;
    stock_product("space", &shop).name("Kode Voucher").insert(&app).await;
    stock_product("backslash", &shop).name(r"Lisensi C:\Windows").insert(&app).await;

    assert_eq!(members(&app, "/api/products?q=50%25").await, (owned(&["percent"]), 1));
    assert_eq!(members(&app, "/api/products?q=%25").await, (owned(&["percent"]), 1));
    assert_eq!(members(&app, "/api/products?q=e_v").await, (owned(&["underscore"]), 1));
    assert_eq!(members(&app, "/api/products?q=_").await, (owned(&["underscore"]), 1));
    assert_eq!(members(&app, "/api/products?q=%5C").await, (owned(&["backslash"]), 1));
    assert_eq!(members(&app, "/api/products?q=c%3A%5Cwin").await, (owned(&["backslash"]), 1));
}

/// Search folds accents and width after escaping, so full-width `％` and `＿` (which
/// unaccent turns into `%` and `_`) must match as the literal characters they become.
#[tokio::test]
async fn search_treats_full_width_wildcards_literally_too() {
    let app = TestApp::spawn().await;
    let shop = category("shop").insert(&app).await;
    stock_product("percent", &shop).name("Diskon 50% Spotify").insert(&app).await;
    stock_product("fifty-x", &shop).name("Diskon 50x Spotify").insert(&app).await;
    stock_product("underscore", &shop).name("Kode_Voucher").insert(&app).await;
    stock_product("space", &shop).name("Kode Voucher").insert(&app).await;

    assert_eq!(members(&app, &format!("/api/products?q={}", urlencode("50％"))).await, (owned(&["percent"]), 1));
    assert_eq!(members(&app, &format!("/api/products?q={}", urlencode("e＿v"))).await, (owned(&["underscore"]), 1));
    assert_eq!(members(&app, &format!("/api/products?q={}", urlencode("＿"))).await, (owned(&["underscore"]), 1));
}

#[tokio::test]
async fn search_with_sql_metacharacters_is_only_text() {
    let app = TestApp::spawn().await;
    search_shop(&app).await;
    let hostile = ["'; drop table products; --", "' or '1'='1", "\"; select pg_sleep(5); --", "$1", "%' escape '"];

    for q in hostile {
        let path = format!("/api/products?q={}", urlencode(q));
        assert_eq!(members(&app, &path).await, (vec![], 0), "q={q}");
    }

    let left: i64 =
        sqlx::query_scalar("select count(*) from public.products").fetch_one(&app.db.pool).await.expect("count");
    assert_eq!(left, 4);
    assert_eq!(list(&app, "/api/products").await.1, 4);
}

#[tokio::test]
async fn search_of_exactly_100_characters_is_accepted() {
    let app = TestApp::spawn().await;
    let shop = category("shop").insert(&app).await;
    let long_name = format!("{}x", "é".repeat(99));
    stock_product("long", &shop).name(&long_name).insert(&app).await;

    assert_eq!(members(&app, &format!("/api/products?q={}", urlencode(&long_name))).await, (owned(&["long"]), 1));
}

// ---------------------------------------------------------------------------------------
// What is never listed

#[tokio::test]
async fn inactive_products_are_never_listed_or_shown() {
    let app = TestApp::spawn().await;
    let games = category("games").insert(&app).await;
    let visible = stock_product("visible", &games).name("Voucher Visible").insert(&app).await;
    add_stock(&app, &visible, StockStatus::Available, 1).await;
    let hidden = stock_product("retired", &games).name("Voucher Retired").featured().inactive().insert(&app).await;
    add_stock(&app, &hidden, StockStatus::Available, 3).await;

    for path in [
        "/api/products",
        "/api/products?q=retired",
        "/api/products?category=games",
        "/api/products?featured=true",
        "/api/products?available=true",
        "/api/products?available=false",
        "/api/products?type=STOCK&sort=newest",
    ] {
        let (slugs, total) = list(&app, path).await;
        assert!(!slugs.contains(&"retired".to_owned()), "{path} lists the inactive product");
        assert_eq!(total, i64::try_from(slugs.len()).expect("small"), "{path} counts the inactive product");
    }
    let (status, body) = app.get("/api/products/retired").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (_, categories) = app.get("/api/categories").await;
    assert_eq!(categories["items"][0]["product_count"], 1);
}

#[tokio::test]
async fn products_in_an_inactive_category_are_hidden() {
    let app = TestApp::spawn().await;
    let open = category("open").insert(&app).await;
    let closed = category("closed").inactive().insert(&app).await;
    stock_product("shown", &open).insert(&app).await;
    let hidden = stock_product("in-closed", &closed).name("Hidden Voucher").featured().insert(&app).await;
    add_stock(&app, &hidden, StockStatus::Available, 2).await;

    assert_eq!(members(&app, "/api/products").await, (owned(&["shown"]), 1));
    assert_eq!(members(&app, "/api/products?q=hidden").await, (vec![], 0));
    assert_eq!(members(&app, "/api/products?category=closed").await, (vec![], 0));
    assert_eq!(members(&app, "/api/products?featured=true&available=true").await, (vec![], 0));
    let (status, body) = app.get("/api/products/in-closed").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
}
