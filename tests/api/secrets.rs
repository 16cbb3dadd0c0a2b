//! Secrets and internal fields never leave the server: not in the listing, the detail, the
//! categories or an error, whatever the filters.

use ruangpremium_tests::{StatusCode, TestApp};

use crate::fixtures::{account, add_stock_item, category, invite_product, provider, stock_product, StockStatus};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Standard base64, as a serialiser of `bytea` would most likely write it.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// A JSON array of numbers, as serde writes a `Vec<u8>`.
fn number_array(bytes: &[u8]) -> String {
    let numbers: Vec<String> = bytes.iter().map(u8::to_string).collect();
    format!("[{}]", numbers.join(","))
}

#[tokio::test]
async fn reseller_price_and_secrets_never_leave_the_server() {
    let app = TestApp::spawn().await;
    let games = category("games").insert(&app).await;
    let ai = category("ai").insert(&app).await;
    let openai = provider("openai-secret-provider").insert(&app).await;
    let voucher =
        stock_product("ml-diamond", &games).price(99_999).reseller_price(77_731).featured().insert(&app).await;
    let sold_voucher = stock_product("ff-diamond", &games).price(88_888).reseller_price(66_617).insert(&app).await;
    invite_product("chatgpt-team", &ai, &openai, "plan-kept-private")
        .price(65_000)
        .reseller_price(51_239)
        .insert(&app)
        .await;
    let secrets = [
        add_stock_item(&app, &voucher, StockStatus::Available, "ML-DIAMOND-SECRET-86-QWERTY").await,
        add_stock_item(&app, &voucher, StockStatus::Reserved, "ML-DIAMOND-SECRET-RESERVED").await,
        add_stock_item(&app, &sold_voucher, StockStatus::Sold, "FF-DIAMOND-SECRET-SOLD").await,
    ];
    let owner = account(&openai, "plan-kept-private")
        .credentials(r#"{"email":"owner@team.example","password":"hunter2-very-secret"}"#)
        .insert(&app)
        .await;

    let mut bodies = Vec::new();
    for path in [
        "/api/products",
        "/api/products?available=true",
        "/api/products?available=false",
        "/api/products?type=INVITE",
        "/api/products?featured=true&sort=newest",
        "/api/products?q=diamond&sort=price_desc",
        "/api/products/ml-diamond",
        "/api/products/ff-diamond",
        "/api/products/chatgpt-team",
        "/api/categories",
        "/api/products?sort=bogus",
        "/api/products/unknown",
    ] {
        let (status, body) = app.get(path).await;
        assert!(status != StatusCode::INTERNAL_SERVER_ERROR, "{path}: {body}");
        bodies.push((path, body.to_string()));
    }

    assert_eq!(
        (base64(b"Man"), base64(b"Ma"), hex(&[0, 255])),
        ("TWFu".to_owned(), "TWE".to_owned(), "00ff".to_owned())
    );
    // The listings did show the products, so there was something to leak.
    assert!(bodies[0].1.contains("chatgpt-team") && bodies[0].1.contains("ml-diamond"), "{}", bodies[0].1);
    let mut forbidden: Vec<String> = [
        "reseller_price",
        "provider_id",
        "provider_plan",
        "search_text",
        "secret_ciphertext",
        "credentials",
        "fingerprint",
        "plan-kept-private",
        "openai-secret-provider",
        "77731",
        "66617",
        "51239",
        "hunter2-very-secret",
        "owner@team.example",
    ]
    .map(str::to_owned)
    .to_vec();
    forbidden.push(openai.id.to_string());
    forbidden.push(owner.id.to_string());
    forbidden.push(owner.credentials.clone());
    forbidden.push(base64(&owner.ciphertext));
    forbidden.push(hex(&owner.ciphertext));
    for item in &secrets {
        forbidden.push(item.secret.clone());
        forbidden.push(item.id.to_string());
        forbidden.push(base64(&item.ciphertext));
        forbidden.push(hex(&item.ciphertext));
        forbidden.push(number_array(&item.ciphertext));
        forbidden.push(base64(&item.fingerprint));
        forbidden.push(hex(&item.fingerprint));
    }
    for (path, body) in &bodies {
        for needle in &forbidden {
            assert!(!body.contains(needle.as_str()), "{path} reveals {needle}: {body}");
        }
    }
}
