//! `POST /api/orders`: place an order and open its QRIS invoice.
//!
//! One transaction checks the buyer's unpaid-order cap, inserts the order, reserves what
//! it needs and inserts the payment attempt; after it commits, Tokopay is asked for the
//! invoice. No lock or connection is held across that call. If Tokopay cannot create it,
//! the attempt fails, the order is cancelled and its reservation released, in one
//! statement, and the buyer is asked to try again.

use axum::{
    extract::State,
    http::{HeaderMap, StatusCode},
    Json,
};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use chrono::{DateTime, Utc};
use rand::{Rng, RngCore};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{
    checkout_product,
    request::{OrderRequest, ProductRules},
    ClientIp,
};
use crate::{
    auth::Caller,
    catalog::types::ProductType,
    crypto::SecretSlot,
    error::{ApiError, ApiResult, ErrorEnvelope, FieldErrors, Text},
    orders::{
        view::{self, OrderView},
        OrderStatus,
    },
    tokopay::{CreateOrder, OrderItem},
    AppState,
};

/// The body of `POST /api/orders` (see docs/checkout.md).
#[derive(Debug, ToSchema)]
#[allow(dead_code)] // documents the body; the handler reads it field by field for precise errors
pub struct PlaceOrder {
    product_id: Uuid,
    /// 1 to the product's limit per order; INVITE products: 1. Default 1.
    quantity: Option<i32>,
    buyer: BuyerInput,
    /// INVITE: an answer for each of the product's input fields, by key.
    #[schema(value_type = Object)]
    target: Option<Value>,
    /// Must be `true` when the product has a must-read notice.
    must_read_acknowledged: Option<bool>,
}

#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct BuyerInput {
    name: String,
    email: String,
    /// An Indonesian mobile number in any usual form; stored as `+628…`.
    whatsapp: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlacedOrder {
    pub order: OrderView,
    /// Opens the order without signing in (`/track/<token>`, or the `X-Tracking-Token`
    /// header). Shown only here; keep it.
    pub tracking_token: String,
}

/// Place an order
///
/// Validates the order, prices it on the server, reserves the stock or seat until the
/// invoice expires and opens a Tokopay QRIS invoice. Open to guests; a signed-in buyer's
/// order is linked to their account.
#[utoipa::path(
    post,
    path = "/orders",
    tag = "checkout",
    params(("Idempotency-Key" = Option<String>, Header, description = "8–100 letters, digits, `-` or `_` (a UUID), \
        one per order the buyer means to place; a retry with the same key and request returns the first order")),
    request_body = PlaceOrder,
    responses(
        (status = 201, description = "The order and its invoice", body = PlacedOrder),
        (status = 200, description = "A retry with the same `Idempotency-Key` and request: the order placed the first time", body = PlacedOrder),
        (status = 400, description = "Invalid fields (`invalid_body`), each named", body = ErrorEnvelope),
        (status = 404, description = "Unknown or inactive product (`product_unavailable`)", body = ErrorEnvelope),
        (status = 409, description = "Not enough stock or no seat left (`sold_out`)", body = ErrorEnvelope),
        (status = 422, description = "The `Idempotency-Key` was used with another request (`idempotency_key_reused`)", body = ErrorEnvelope),
        (status = 429, description = "Too many unpaid orders (`too_many_unpaid_orders`)", body = ErrorEnvelope),
        (status = 503, description = "The invoice could not be created; nothing is held (`payment_unavailable`)", body = ErrorEnvelope),
    )
)]
pub async fn place_order(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(client_ip): ClientIp,
    headers: HeaderMap,
    body: Result<Json<Value>, axum::extract::rejection::JsonRejection>,
) -> ApiResult<(StatusCode, Json<PlacedOrder>)> {
    let idempotency_key = idempotency_key(&headers)?;
    let Json(body) = body?;
    let mut errors = FieldErrors::new();
    let request = OrderRequest::parse(&body, &mut errors);
    let Some(product_id) = request.product_id else { return Err(ApiError::InvalidBody(errors)) };
    let product = checkout_product(&state, &caller, product_id).await?;
    let target = request.check_against(
        &ProductRules {
            invite: product.product_type == ProductType::Invite,
            max_per_order: product.max_per_order,
            must_read: product.must_read,
            fields: &product.input_schema,
        },
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(ApiError::InvalidBody(errors));
    }
    let quantity = request.quantity.unwrap_or(1);
    let total = product.unit_price * i64::from(quantity);
    let user_id = match &caller {
        Caller::User(user) => Some(user.id),
        Caller::Guest => None,
    };
    let expires_at = Utc::now()
        + chrono::Duration::from_std(state.config.checkout.invoice_ttl).map_err(|e| ApiError::Internal(e.into()))?;
    let token = new_tracking_token();
    let target = Value::Object(target);
    let fingerprint =
        request_fingerprint(&RequestParts { product_id, quantity, user_id, request: &request, target: &target });

    // 1. The order, its reservation and its payment attempt, all or nothing.
    let db = &state.db;
    let mut tx = db.pool().begin().await?;
    let limits = &state.config.checkout;
    let (by_buyer, by_ip): (i32, i32) = db
        .query_as("select by_buyer, by_ip from private.lock_buyer_and_count_unpaid($1, $2, $3::inet)")
        .bind(&request.buyer_email)
        .bind(user_id)
        // No per-address cap: no per-address lock either.
        .bind(client_ip.filter(|_| limits.max_unpaid_orders_per_ip > 0).map(|ip| ip.to_string()))
        .fetch_one(&mut *tx)
        .await?;
    // A retry of an order placed before gets that order back (the buyer's locks are held,
    // so a twin still in flight has committed by now), whatever the caps say.
    if let Some(key) = idempotency_key {
        if let Some(earlier) = earlier_order(&state, &mut tx, key, &fingerprint).await? {
            tx.rollback().await?;
            return replay(&state, earlier).await;
        }
    }
    if i64::from(by_buyer) >= limits.max_unpaid_orders
        || (limits.max_unpaid_orders_per_ip > 0 && i64::from(by_ip) >= limits.max_unpaid_orders_per_ip)
    {
        return Err(too_many_unpaid_orders());
    }
    let order_id = Uuid::new_v4();
    let number = insert_order(
        &state,
        &mut tx,
        NewOrder {
            id: order_id,
            user_id,
            request: &request,
            product_id,
            product_type: product.product_type,
            product_name: &product.name,
            quantity,
            unit_price: product.unit_price,
            total,
            price_tier: product.tier.as_str(),
            target,
            token: &token,
            idempotency: idempotency_key.map(|key| (key, fingerprint.as_slice())),
            client_ip,
            expires_at,
        },
    )
    .await?;
    let reserved: bool = db
        .query_scalar("select private.reserve_for_order($1, $2)")
        .bind(order_id)
        .bind(expires_at)
        .fetch_one(&mut *tx)
        .await?;
    if !reserved {
        return Err(sold_out());
    }
    let reff_id = format!("{}-1", number.replace('-', ""));
    let channel = state.tokopay.config().channel.clone();
    let payment_id: Uuid = db
        .query_scalar(
            "insert into public.payments (order_id, attempt, reff_id, channel, amount, expires_at)
             values ($1, 1, $2, $3, $4, $5) returning id",
        )
        .bind(order_id)
        .bind(&reff_id)
        .bind(&channel)
        .bind(total)
        .bind(expires_at)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;

    // 2. The invoice, outside any transaction.
    let invoice = state
        .tokopay
        .create_order(&CreateOrder {
            reff_id: &reff_id,
            amount: total,
            customer_name: &request.buyer_name,
            customer_email: &request.buyer_email,
            customer_phone: &request.buyer_whatsapp,
            expires_at,
            redirect_url: None,
            items: vec![OrderItem {
                product_code: product.slug.clone(),
                name: product.name.clone(),
                price: product.unit_price,
            }],
        })
        .await;
    let invoice = match invoice {
        Ok(invoice) => invoice,
        Err(err) => {
            tracing::warn!(%reff_id, error = %err, "the QRIS invoice could not be created; cancelling the order");
            db.query("select private.cancel_unpaid_order($1, $2)")
                .bind(payment_id)
                .bind(err.to_string())
                .execute(db.pool())
                .await?;
            return Err(payment_unavailable());
        }
    };
    db.query(
        "update public.payments
         set status = 'pending', trx_id = $2, total_bayar = $3, total_diterima = $4, qr_string = $5,
             pay_url = $6, create_response = $7
         where id = $1 and status = 'creating'",
    )
    .bind(payment_id)
    .bind(&invoice.trx_id)
    .bind(invoice.total_bayar)
    .bind(invoice.total_diterima)
    .bind(&invoice.qr_string)
    .bind(&invoice.pay_url)
    .bind(&invoice.raw)
    .execute(db.pool())
    .await?;

    let mut conn = db.pool().acquire().await?;
    let order = view::load(db, &mut conn, order_id)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("order {order_id} vanished after checkout")))?;
    Ok((StatusCode::CREATED, Json(PlacedOrder { order, tracking_token: token })))
}

struct NewOrder<'a> {
    id: Uuid,
    user_id: Option<Uuid>,
    request: &'a OrderRequest,
    product_id: Uuid,
    product_type: ProductType,
    product_name: &'a str,
    quantity: i32,
    unit_price: i64,
    total: i64,
    price_tier: &'a str,
    target: Value,
    token: &'a str,
    idempotency: Option<(&'a str, &'a [u8])>,
    client_ip: Option<std::net::IpAddr>,
    expires_at: DateTime<Utc>,
}

/// Inserts the order under a fresh number (another on the rare collision) and returns the
/// number.
async fn insert_order(state: &AppState, tx: &mut sqlx::PgConnection, order: NewOrder<'_>) -> Result<String, ApiError> {
    let token_ciphertext = state.config.keyring.encrypt(
        order.token.as_bytes(),
        SecretSlot { table: "orders", column: "tracking_token_ciphertext", row_id: order.id },
    );
    for _ in 0..5 {
        let number = new_order_number();
        let inserted = state
            .db
            .query(
                "insert into public.orders (id, number, user_id, buyer_name, buyer_email, buyer_whatsapp, product_id,
                     product_type, product_name, quantity, unit_price, total, price_tier, target,
                     tracking_token_hash, tracking_token_ciphertext, client_ip, expires_at,
                     idempotency_key, request_fingerprint)
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::inet, $18,
                     $19, $20)
                 on conflict (number) do nothing",
            )
            .bind(order.id)
            .bind(&number)
            .bind(order.user_id)
            .bind(&order.request.buyer_name)
            .bind(&order.request.buyer_email)
            .bind(&order.request.buyer_whatsapp)
            .bind(order.product_id)
            .bind(order.product_type)
            .bind(order.product_name)
            .bind(order.quantity)
            .bind(order.unit_price)
            .bind(order.total)
            .bind(order.price_tier)
            .bind(&order.target)
            .bind(view::token_hash(order.token).as_slice())
            .bind(&token_ciphertext)
            .bind(order.client_ip.map(|ip| ip.to_string()))
            .bind(order.expires_at)
            .bind(order.idempotency.map(|(key, _)| key))
            .bind(order.idempotency.map(|(_, fingerprint)| fingerprint))
            .execute(&mut *tx)
            .await
            .map_err(|err| match &err {
                // The same key, at the same moment, for another buyer's request.
                sqlx::Error::Database(db) if db.constraint() == Some("orders_idempotency_key_key") => {
                    idempotency_key_reused()
                }
                _ => ApiError::Database(err),
            })?
            .rows_affected();
        if inserted == 1 {
            return Ok(number);
        }
    }
    Err(ApiError::Internal(anyhow::anyhow!("no free order number after 5 tries")))
}

/// `RP-yymmdd-XXXXXX`: the WIB date and six characters from an alphabet without the
/// look-alikes 0/O and 1/I.
fn new_order_number() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let wib = Utc::now() + chrono::Duration::hours(7);
    let mut rng = rand::thread_rng();
    let suffix: String = (0..6).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect();
    format!("RP-{}-{suffix}", wib.format("%y%m%d"))
}

/// 256 random bits, URL-safe: 43 characters.
fn new_tracking_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The `Idempotency-Key` header: absent, or 8–100 letters, digits, `-` and `_` (a UUID
/// fits).
fn idempotency_key(headers: &HeaderMap) -> Result<Option<&str>, ApiError> {
    let Some(value) = headers.get("idempotency-key") else { return Ok(None) };
    match value.to_str().map(str::trim) {
        Ok(key)
            if (8..=100).contains(&key.len())
                && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') =>
        {
            Ok(Some(key))
        }
        _ => Err(ApiError::InvalidBody(vec![(
            "Idempotency-Key".into(),
            Text::new(
                "Idempotency-Key harus 8–100 huruf, angka, - atau _ (misalnya sebuah UUID).",
                "Idempotency-Key must be 8–100 letters, digits, - or _ (a UUID, for example).",
            ),
        )])),
    }
}

struct RequestParts<'a> {
    product_id: Uuid,
    quantity: i32,
    user_id: Option<Uuid>,
    request: &'a OrderRequest,
    target: &'a Value,
}

/// What makes two checkouts the same request, after normalisation.
fn request_fingerprint(parts: &RequestParts<'_>) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let canonical = serde_json::json!([
        parts.product_id,
        parts.quantity,
        parts.user_id,
        parts.request.buyer_name,
        parts.request.buyer_email,
        parts.request.buyer_whatsapp,
        parts.target,
        parts.request.must_read_acknowledged,
    ]);
    Sha256::digest(canonical.to_string().as_bytes()).into()
}

struct Earlier {
    id: Uuid,
    status: OrderStatus,
    token_ciphertext: Vec<u8>,
}

/// The order placed before under this key, if any; the same key with another request is
/// refused.
async fn earlier_order(
    state: &AppState,
    tx: &mut sqlx::PgConnection,
    key: &str,
    fingerprint: &[u8; 32],
) -> Result<Option<Earlier>, ApiError> {
    let row: Option<(Uuid, OrderStatus, Vec<u8>, Vec<u8>)> = state
        .db
        .query_as(
            "select id, status, tracking_token_ciphertext, request_fingerprint from public.orders
             where idempotency_key = $1",
        )
        .bind(key)
        .fetch_optional(&mut *tx)
        .await?;
    match row {
        None => Ok(None),
        Some((_, _, _, stored)) if stored.as_slice() != fingerprint.as_slice() => Err(idempotency_key_reused()),
        Some((id, status, token_ciphertext, _)) => Ok(Some(Earlier { id, status, token_ciphertext })),
    }
}

fn idempotency_key_reused() -> ApiError {
    ApiError::refused(
        StatusCode::UNPROCESSABLE_ENTITY,
        "idempotency_key_reused",
        Text::new(
            "Pesanan dengan kunci ini (Idempotency-Key) sudah dibuat dengan isian lain. Kirim lagi untuk membuat pesanan baru.",
            "An order was already placed with this key (Idempotency-Key) and other details. Send again to place a new order.",
        ),
    )
}

/// Answers a retried checkout as the first one was answered: the order (200), or, if its
/// invoice could not be created, the same refusal.
async fn replay(state: &AppState, earlier: Earlier) -> ApiResult<(StatusCode, Json<PlacedOrder>)> {
    if earlier.status == OrderStatus::Cancelled {
        return Err(payment_unavailable());
    }
    let token = state
        .config
        .keyring
        .decrypt(
            &earlier.token_ciphertext,
            SecretSlot { table: "orders", column: "tracking_token_ciphertext", row_id: earlier.id },
        )
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("tracking token of order {}: {e}", earlier.id)))?;
    let token = String::from_utf8(token.to_vec()).map_err(|e| ApiError::Internal(e.into()))?;
    let mut conn = state.db.pool().acquire().await?;
    let order = view::load(&state.db, &mut conn, earlier.id)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("order {} vanished", earlier.id)))?;
    Ok((StatusCode::OK, Json(PlacedOrder { order, tracking_token: token })))
}

fn sold_out() -> ApiError {
    ApiError::Refused {
        status: StatusCode::CONFLICT,
        code: "sold_out",
        message: Text::new(
            "Maaf, stok tidak mencukupi untuk pesanan ini. Kurangi jumlahnya atau coba lagi nanti.",
            "Sorry, there is not enough stock for this order. Lower the quantity or try again later.",
        ),
        fields: vec![("quantity".into(), Text::new("Stok tidak mencukupi.", "Not enough stock."))],
    }
}

fn too_many_unpaid_orders() -> ApiError {
    ApiError::refused(
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_unpaid_orders",
        Text::new(
            "Anda masih punya pesanan yang belum dibayar. Bayar atau tunggu hingga tagihannya kedaluwarsa, lalu pesan lagi.",
            "You still have unpaid orders. Pay them or wait until their invoices expire, then order again.",
        ),
    )
}

fn payment_unavailable() -> ApiError {
    ApiError::refused(
        StatusCode::SERVICE_UNAVAILABLE,
        "payment_unavailable",
        Text::new(
            "Tagihan QRIS belum dapat dibuat. Tidak ada yang ditagihkan; silakan coba lagi sebentar lagi.",
            "The QRIS invoice could not be created. Nothing was charged; please try again in a moment.",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_numbers_and_tokens_have_their_shape() {
        let number = new_order_number();
        assert!(number.len() == 16 && number.starts_with("RP-"), "{number}");
        assert!(number[10..].bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
        assert!(!number[10..].contains(['0', 'O', '1', 'I']));
        let token = new_tracking_token();
        assert_eq!(token.len(), 43);
        assert_ne!(token, new_tracking_token());
    }
}
