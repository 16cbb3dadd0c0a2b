//! `/api/openapi.json`: an OpenAPI 3.1 document that describes what the router serves,
//! checked against the answers of the endpoints themselves.

use std::collections::BTreeSet;

use ruangpremium_tests::{StatusCode, TestApp};
use serde_json::{json, Value};

use crate::{
    fixtures::{account, add_stock, category, invite_product, provider, stock_product, StockStatus},
    responses::keys,
};

/// Every endpoint the API serves under `/api`, besides the document itself. A new
/// endpoint belongs here and in the document.
/// Every documented operation, and what it answers to a bare request (no token, no body):
/// a status and, for refusals, the code that shows the route itself answered (an unknown
/// path would say `not_found`).
const SERVED: [(&str, &str, u16, Option<&str>); 12] = [
    ("get", "/account", 401, Some("unauthorized")),
    ("get", "/account/orders", 401, Some("unauthorized")),
    ("get", "/admin/invitations/waiting", 401, Some("unauthorized")),
    ("post", "/admin/invitations/{id}/confirm", 401, Some("unauthorized")),
    ("get", "/categories", 200, None),
    ("get", "/checkout/{product_id}", 404, Some("product_unavailable")),
    ("post", "/orders", 400, Some("invalid_body")),
    ("get", "/orders/{id}", 404, Some("order_not_found")),
    ("post", "/orders/{id}/reveal", 404, Some("order_not_found")),
    ("get", "/products", 200, None),
    ("get", "/products/{slug}", 200, None),
    ("get", "/track", 404, Some("order_not_found")),
];
/// Documented as needing `Authorization: Bearer`; without a token they answer 401.
const SIGNED_IN: [&str; 4] =
    ["/account", "/account/orders", "/admin/invitations/waiting", "/admin/invitations/{id}/confirm"];

async fn served_document(app: &TestApp) -> Value {
    let (status, doc) = app.get("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    doc
}

/// Follows a `$ref` such as `#/components/schemas/ProductPage`, if it resolves.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> Option<&'a Value> {
    match schema["$ref"].as_str() {
        Some(reference) => doc.pointer(reference.strip_prefix('#')?),
        None => Some(schema),
    }
}

/// The property names of a component schema, its `allOf` parts included.
fn properties(doc: &Value, name: &str) -> BTreeSet<String> {
    let schema = &doc["components"]["schemas"][name];
    let mut names = BTreeSet::new();
    let parts: Vec<&Value> = match schema["allOf"].as_array() {
        Some(parts) => parts.iter().filter_map(|part| resolve(doc, part)).collect(),
        None => vec![schema],
    };
    for part in parts {
        if let Some(part) = part["allOf"].as_array() {
            for inner in part.iter().filter_map(|p| resolve(doc, p)) {
                names.extend(inner["properties"].as_object().into_iter().flatten().map(|(k, _)| k.clone()));
            }
        }
        names.extend(part["properties"].as_object().into_iter().flatten().map(|(k, _)| k.clone()));
    }
    assert!(!names.is_empty(), "{name} has no properties in the document");
    names
}

fn key_set(object: &Value) -> BTreeSet<String> {
    keys(object).into_iter().map(str::to_owned).collect()
}

/// One product of each type, so that every endpoint has something to answer with.
async fn small_shop(app: &TestApp) {
    let games = category("games").insert(app).await;
    let ai = category("ai").insert(app).await;
    let voucher = stock_product("ml-diamond", &games).insert(app).await;
    add_stock(app, &voucher, StockStatus::Available, 1).await;
    let openai = provider("openai").insert(app).await;
    account(&openai, "team").insert(app).await;
    invite_product("chatgpt-team", &ai, &openai, "team").must_read_notice("Baca dulu").insert(app).await;
}

#[tokio::test]
async fn the_document_is_openapi_3_1_and_is_the_one_the_library_builds() {
    let app = TestApp::spawn().await;

    let doc = served_document(&app).await;

    let version = doc["openapi"].as_str().unwrap_or_default();
    assert!(version.starts_with("3.1."), "openapi is {version:?}");
    assert_eq!(doc["info"]["title"], "RuangPremium API");
    assert_eq!(doc["servers"], json!([{"url": "/api"}]));
    assert_eq!(doc, serde_json::to_value(shop::openapi()).expect("the document serialises"));
}

#[tokio::test]
async fn the_document_describes_the_catalog_endpoints_and_their_responses() {
    let app = TestApp::spawn().await;

    let doc = served_document(&app).await;

    let expected = [
        ("/products", vec![("200", "ProductPage"), ("400", "ErrorEnvelope")]),
        ("/products/{slug}", vec![("200", "ProductDetail"), ("404", "ErrorEnvelope")]),
        ("/categories", vec![("200", "CategoryList"), ("400", "ErrorEnvelope")]),
    ];
    for (path, responses) in expected {
        let operation = &doc["paths"][path]["get"];
        assert!(operation.is_object(), "GET {path} is not documented");
        let documented: Vec<&str> = keys(&operation["responses"]);
        let statuses: Vec<&str> = responses.iter().map(|(status, _)| *status).collect();
        assert_eq!(documented, statuses, "GET {path}");
        for (status, schema) in responses {
            assert_eq!(
                operation["responses"][status]["content"]["application/json"]["schema"]["$ref"],
                format!("#/components/schemas/{schema}"),
                "GET {path} {status}"
            );
        }
    }
    let slug = &doc["paths"]["/products/{slug}"]["get"]["parameters"][0];
    assert_eq!((&slug["name"], &slug["in"], &slug["required"]), (&json!("slug"), &json!("path"), &json!(true)));
}

#[tokio::test]
async fn the_document_lists_exactly_the_endpoints_the_router_serves() {
    let app = TestApp::spawn().await;
    small_shop(&app).await;

    let documented: BTreeSet<String> = shop::openapi().paths.paths.keys().cloned().collect();

    assert_eq!(documented, SERVED.iter().map(|(_, p, _, _)| (*p).to_owned()).collect());
    let doc = shop::openapi();
    for (method, path, expected, code) in SERVED {
        let operations = serde_json::to_value(&doc.paths.paths[path]).expect("path item");
        assert!(operations[method].is_object(), "{method} {path} is documented");
        let concrete = path
            .replace("{slug}", "chatgpt-team")
            .replace("{product_id}", &uuid::Uuid::new_v4().to_string())
            .replace("{id}", &uuid::Uuid::new_v4().to_string());
        let request = axum::http::Request::builder()
            .method(method.to_uppercase().as_str())
            .uri(format!("/api{concrete}"))
            .body(axum::body::Body::empty())
            .expect("request");
        let (status, _, body) = app.send(request).await;
        assert_eq!(status.as_u16(), expected, "{method} /api{concrete} answered {body}");
        assert_eq!(body["error"]["code"].as_str(), code, "{method} /api{concrete} answered {body}");
    }
}

#[tokio::test]
async fn every_schema_reference_in_the_document_resolves() {
    let app = TestApp::spawn().await;
    let doc = served_document(&app).await;

    fn references<'a>(value: &'a Value, found: &mut Vec<&'a str>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    found.push(reference);
                }
                map.values().for_each(|v| references(v, found));
            }
            Value::Array(items) => items.iter().for_each(|v| references(v, found)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    references(&doc, &mut found);

    assert!(found.len() > 10, "too few references to be the real document: {found:?}");
    let dangling: BTreeSet<&str> =
        found.into_iter().filter(|r| r.strip_prefix('#').and_then(|pointer| doc.pointer(pointer)).is_none()).collect();
    assert!(dangling.is_empty(), "references to nothing: {dangling:?}");
}

#[tokio::test]
async fn the_documented_listing_parameters_are_exactly_those_accepted() {
    let app = TestApp::spawn().await;
    small_shop(&app).await;
    let doc = served_document(&app).await;
    let parameters = doc["paths"]["/products"]["get"]["parameters"].as_array().cloned().unwrap_or_default();
    let valid = |name: &str| match name {
        "q" => "diamond",
        "category" => "games",
        "type" => "STOCK",
        "available" | "featured" => "false",
        "sort" => "newest",
        "page" | "page_size" => "1",
        _ => "x",
    };

    let names: Vec<&str> = parameters.iter().filter_map(|p| p["name"].as_str()).collect();

    assert_eq!(names, ["q", "category", "type", "available", "featured", "sort", "page", "page_size"]);
    for parameter in &parameters {
        let name = parameter["name"].as_str().unwrap_or_default();
        assert_eq!(parameter["in"], "query", "{name}");
        assert_eq!(parameter["required"], false, "{name}");
        let (status, body) = app.get(&format!("/api/products?{name}={}", valid(name))).await;
        assert_eq!(status, StatusCode::OK, "{name} is documented but refused: {body}");
        // Every value of a documented enum is accepted (a reference that does not resolve
        // is reported by every_schema_reference_in_the_document_resolves).
        let schema = resolve(&doc, &parameter["schema"]).cloned().unwrap_or_default();
        for value in schema["enum"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            let (status, body) = app.get(&format!("/api/products?{name}={value}")).await;
            assert_eq!(status, StatusCode::OK, "{name}={value} is documented but refused: {body}");
        }
        for bound in ["minimum", "maximum"] {
            if let Some(limit) = schema[bound].as_i64() {
                let (status, body) = app.get(&format!("/api/products?{name}={limit}")).await;
                assert_eq!(status, StatusCode::OK, "{name}={limit} is the documented {bound} but refused: {body}");
                let outside = if bound == "minimum" { limit - 1 } else { limit + 1 };
                let (status, _) = app.get(&format!("/api/products?{name}={outside}")).await;
                assert_eq!(status, StatusCode::BAD_REQUEST, "{name}={outside} is outside the documented {bound}");
            }
        }
    }
}

#[tokio::test]
async fn answers_carry_exactly_the_documented_properties() {
    let app = TestApp::spawn().await;
    small_shop(&app).await;
    let doc = served_document(&app).await;

    let (_, page) = app.get("/api/products").await;
    let (_, invite) = app.get("/api/products/chatgpt-team").await;
    let (_, stock) = app.get("/api/products/ml-diamond").await;
    let (_, categories) = app.get("/api/categories").await;
    let (_, error) = app.get("/api/products?sort=bogus").await;

    assert_eq!(key_set(&page), properties(&doc, "ProductPage"));
    assert_eq!(page["items"].as_array().map(Vec::len), Some(2));
    for item in page["items"].as_array().into_iter().flatten() {
        assert_eq!(key_set(item), properties(&doc, "ProductSummary"), "{item}");
        assert_eq!(key_set(&item["availability"]), properties(&doc, "Availability"));
        assert_eq!(key_set(&item["category"]), properties(&doc, "CategoryRef"));
    }
    for detail in [&invite, &stock] {
        assert_eq!(key_set(detail), properties(&doc, "ProductDetail"), "{detail}");
    }
    for field in invite["input_schema"].as_array().into_iter().flatten() {
        assert_eq!(key_set(field), properties(&doc, "InputField"));
    }
    assert_eq!(key_set(&categories), properties(&doc, "CategoryList"));
    for category in categories["items"].as_array().into_iter().flatten() {
        assert_eq!(key_set(category), properties(&doc, "Category"));
    }
    assert_eq!(key_set(&error), properties(&doc, "ErrorEnvelope"));
    assert_eq!(key_set(&error["error"]), properties(&doc, "ErrorBody"));
}

#[tokio::test]
async fn signed_in_endpoints_declare_the_bearer_scheme() {
    let app = TestApp::spawn().await;
    let doc = served_document(&app).await;
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"],
        json!({"type": "http", "scheme": "bearer", "bearerFormat": "JWT"})
    );
    for path in SIGNED_IN {
        for (method, operation) in doc["paths"][path].as_object().expect("operations") {
            assert_eq!(operation["security"], json!([{"bearer": []}]), "{method} {path}");
            assert!(operation["responses"]["401"].is_object(), "{method} {path} documents its 401");
        }
    }
}
