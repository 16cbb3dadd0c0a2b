//! What every endpoint shares: the API key, CORS, both error shapes, the JWKS, health and
//! settings.

use reqwest::Method;
use ruangpremium_tests::TestStack;
use serde_json::json;

use crate::support::email;

#[tokio::test]
async fn requests_without_the_publishable_key_are_refused_like_the_gateway_does() {
    let stack = TestStack::spawn().await;
    let url = format!("{}/signup", stack.auth_url());
    let body = json!({"email": email("k"), "password": "rahasia-123"});
    let response = stack.http().post(&url).json(&body).send().await.expect("answer");
    assert_eq!(response.status(), 401);
    let answer: serde_json::Value = response.json().await.expect("json");
    assert_eq!(answer["message"], "No API key found in request");
    let response =
        stack.http().post(&url).header("apikey", "sb_publishable_wrong").json(&body).send().await.expect("answer");
    assert_eq!(response.status(), 401);
    assert_eq!(response.json::<serde_json::Value>().await.expect("json")["message"], "Invalid API key");
    // supabase-js before sign-in: the key as the bearer token.
    let response = stack.http().post(&url).bearer_auth(stack.anon_key()).json(&body).send().await.expect("answer");
    assert_eq!(response.status(), 200);
    for path in ["/user", "/settings", "/logout", "/recover", "/token?grant_type=password"] {
        let method = if path == "/user" || path == "/settings" { Method::GET } else { Method::POST };
        let response =
            stack.http().request(method, format!("{}{path}", stack.auth_url())).send().await.expect("answer");
        assert_eq!(response.status(), 401, "{path}");
    }
    let response = stack.http().post(format!("{}/verify", stack.auth_url())).json(&json!({})).send().await.expect("a");
    assert_eq!(response.status(), 401, "POST /verify wants the key");
}

#[tokio::test]
async fn the_email_link_health_and_jwks_need_no_key() {
    let stack = TestStack::spawn().await;
    let health = stack.http().get(format!("{}/health", stack.auth_url())).send().await.expect("health");
    assert_eq!(health.status(), 200);
    assert_eq!(health.json::<serde_json::Value>().await.expect("json")["name"], "GoTrue");

    let jwks = stack.http().get(format!("{}/.well-known/jwks.json", stack.auth_url())).send().await.expect("jwks");
    assert_eq!(jwks.status(), 200);
    assert_eq!(jwks.headers()["cache-control"], "public, max-age=600");
    let body: serde_json::Value = jwks.json().await.expect("json");
    let keys = body["keys"].as_array().expect("keys");
    assert_eq!(keys.len(), 1);
    let key = &keys[0];
    assert_eq!(
        (key["kty"].as_str(), key["crv"].as_str(), key["alg"].as_str()),
        (Some("EC"), Some("P-256"), Some("ES256"))
    );
    assert_eq!(key["kid"], stack.kid());
    assert_eq!(key["key_ops"], json!(["verify"]));
    assert!(key["x"].is_string() && key["y"].is_string());
    assert!(key.get("d").is_none(), "never the private key");

    let link =
        stack.http().get(format!("{}/verify?token=abc&type=recovery", stack.auth_url())).send().await.expect("v");
    assert_eq!(link.status(), 303, "a link from a mail works without a key");
}

#[tokio::test]
async fn settings_tell_whether_sign_ups_are_confirmed_at_once() {
    let stack = TestStack::spawn().await;
    let (status, body) = stack.send(stack.request(Method::GET, "/auth/v1/settings")).await;
    assert_eq!(status, 200);
    assert_eq!(body["mailer_autoconfirm"], true);
    assert_eq!(body["external"]["email"], true);
    assert_eq!(body["external"]["google"], false);
    assert_eq!(body["disable_signup"], false);
}

#[tokio::test]
async fn errors_come_in_the_shape_the_version_header_asks_for() {
    let stack = TestStack::spawn().await;
    let body = json!({"email": email("x"), "password": "salah-salah"});
    let legacy = stack.request(Method::POST, "/auth/v1/token?grant_type=password").json(&body).send().await.expect("a");
    assert_eq!(legacy.status(), 400);
    assert_eq!(legacy.headers()["x-sb-error-code"], "invalid_credentials");
    assert!(legacy.headers().get("x-supabase-api-version").is_none());
    assert_eq!(
        legacy.json::<serde_json::Value>().await.expect("json"),
        json!({"code": 400, "error_code": "invalid_credentials", "msg": "Invalid login credentials"})
    );

    let versioned = stack
        .request(Method::POST, "/auth/v1/token?grant_type=password")
        .header("x-supabase-api-version", "2024-01-01")
        .json(&body)
        .send()
        .await
        .expect("answer");
    assert_eq!(versioned.status(), 400);
    assert_eq!(versioned.headers()["x-supabase-api-version"], "2024-01-01");
    assert_eq!(versioned.headers()["x-sb-error-code"], "invalid_credentials");
    assert_eq!(
        versioned.json::<serde_json::Value>().await.expect("json"),
        json!({"code": "invalid_credentials", "message": "Invalid login credentials"})
    );
}

#[tokio::test]
async fn browsers_get_cors_on_auth_only() {
    let stack = TestStack::spawn().await;
    let preflight = stack
        .http()
        .request(Method::OPTIONS, format!("{}/token?grant_type=password", stack.auth_url()))
        .header("origin", "http://localhost:5173")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "apikey,authorization,content-type,x-client-info,x-supabase-api-version,x-retry-count",
        )
        .send()
        .await
        .expect("preflight");
    assert!(preflight.status().is_success(), "{}", preflight.status());
    let headers = preflight.headers();
    assert_eq!(headers["access-control-allow-origin"], "*");
    let allowed = headers["access-control-allow-headers"].to_str().expect("ascii").to_lowercase();
    for header in
        ["authorization", "apikey", "x-client-info", "content-type", "x-supabase-api-version", "x-retry-count"]
    {
        assert!(allowed.contains(header), "{header} not in {allowed}");
    }
    let methods = headers["access-control-allow-methods"].to_str().expect("ascii");
    for method in ["GET", "POST", "PUT", "DELETE", "OPTIONS"] {
        assert!(methods.contains(method), "{method} not in {methods}");
    }
    let actual = stack
        .request(Method::GET, "/auth/v1/settings")
        .header("origin", "http://localhost:5173")
        .send()
        .await
        .expect("answer");
    assert_eq!(actual.headers()["access-control-allow-origin"], "*");
    let exposed = actual.headers()["access-control-expose-headers"].to_str().expect("ascii").to_lowercase();
    assert!(exposed.contains("x-supabase-api-version"), "{exposed}");

    let elsewhere = stack
        .http()
        .get(format!("{}/mailbox/messages", stack.base_url()))
        .header("origin", "http://evil.example")
        .send()
        .await
        .expect("a");
    assert!(elsewhere.headers().get("access-control-allow-origin").is_none(), "CORS only on /auth/v1");
}

#[tokio::test]
async fn unknown_auth_paths_are_404_in_the_error_shape() {
    let stack = TestStack::spawn().await;
    let (status, body) = stack.send(stack.request(Method::GET, "/auth/v1/tidak-ada")).await;
    assert_eq!((status.as_u16(), body["error_code"].as_str()), (404, Some("not_found")));
}
