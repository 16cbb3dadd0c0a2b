//! Small helpers shared by the Auth tests.

use std::collections::HashMap;

use jsonwebtoken::{jwk::JwkSet, Algorithm, DecodingKey, Validation};
use reqwest::Method;
use ruangpremium_tests::TestStack;
use serde_json::Value;

/// A fresh address for one test.
pub fn email(tag: &str) -> String {
    format!("{tag}-{}@example.com", uuid::Uuid::new_v4().simple())
}

/// The fragment parameters of a `Location` (`…#a=1&b=2`).
pub fn fragment(location: &str) -> HashMap<String, String> {
    let (_, fragment) = location.split_once('#').unwrap_or_default();
    url::form_urlencoded::parse(fragment.as_bytes()).into_owned().collect()
}

/// Follows a mailed link (without redirects): the status and `Location`.
pub async fn open_link(stack: &TestStack, link: &str) -> (u16, String) {
    let response = stack.http().get(link).send().await.expect("the link answers");
    let location =
        response.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_owned).unwrap_or_default();
    (response.status().as_u16(), location)
}

/// The claims of an access token, verified the way the shop API does it: with the key
/// from the stack's JWKS endpoint, ES256, audience and issuer checked.
pub async fn verified_claims(stack: &TestStack, token: &str) -> Value {
    let jwks: JwkSet = stack
        .http()
        .get(format!("{}/.well-known/jwks.json", stack.auth_url()))
        .send()
        .await
        .expect("jwks")
        .json()
        .await
        .expect("a JWKS");
    let header = jsonwebtoken::decode_header(token).expect("a JWT header");
    let kid = header.kid.expect("a kid");
    let jwk = jwks.find(&kid).expect("the kid is published");
    let mut validation = Validation::new(Algorithm::ES256);
    validation.set_audience(&["authenticated"]);
    validation.set_issuer(&[stack.auth_url()]);
    let key = DecodingKey::from_jwk(jwk).expect("a usable JWK");
    jsonwebtoken::decode::<Value>(token, &key, &validation).expect("a valid token").claims
}

/// The link of the newest mail to `to` (waiting for it), and its code.
pub async fn newest_mail(stack: &TestStack, to: &str, count: usize) -> (String, String, Value) {
    let messages = stack.wait_for_mail(to, count).await;
    let mail = messages[0].clone();
    let link = mail["links"][0].as_str().expect("a link").to_owned();
    let otp = mail["otp"].as_str().expect("a code").to_owned();
    (link, otp, mail)
}

/// `PUT /auth/v1/user`.
pub async fn update_user(stack: &TestStack, token: &str, body: Value) -> (u16, Value) {
    let (status, body) = stack.send(stack.request(Method::PUT, "/auth/v1/user").bearer_auth(token).json(&body)).await;
    (status.as_u16(), body)
}

/// `POST /auth/v1/verify`.
pub async fn verify_otp(stack: &TestStack, body: Value) -> (u16, Value) {
    let (status, body) = stack.send(stack.request(Method::POST, "/auth/v1/verify").json(&body)).await;
    (status.as_u16(), body)
}

/// `POST /auth/v1/recover`.
pub async fn recover(stack: &TestStack, email: &str, redirect_to: Option<&str>) -> (u16, Value) {
    let mut request = stack.request(Method::POST, "/auth/v1/recover").json(&serde_json::json!({"email": email}));
    if let Some(redirect_to) = redirect_to {
        request = request.query(&[("redirect_to", redirect_to)]);
    }
    let (status, body) = stack.send(request).await;
    (status.as_u16(), body)
}
