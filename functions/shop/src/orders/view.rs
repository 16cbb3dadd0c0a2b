//! An order as its buyer sees it (the invoice, tracking and account pages), read in one
//! query. Callers decide who may see it before loading it.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{catalog::types::ProductType, db::Db};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize, ToSchema, sqlx::Type)]
#[sqlx(type_name = "order_status", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    AwaitingPayment,
    Paid,
    Processing,
    Delivered,
    Expired,
    Cancelled,
    NeedsAttention,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema, sqlx::Type)]
#[sqlx(type_name = "payment_status", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    Creating,
    Pending,
    Paid,
    Expired,
    Failed,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrderProduct {
    pub id: Uuid,
    pub slug: String,
    /// The name when it was bought.
    pub name: String,
    #[serde(rename = "type")]
    #[schema(rename = "type")]
    pub product_type: ProductType,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Buyer {
    pub name: String,
    pub email: String,
    /// `+628…`
    pub whatsapp: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentView {
    /// `QRIS` or `QRISREALTIME`.
    pub channel: String,
    pub status: PaymentStatus,
    /// What the buyer pays, the gateway's fee included (the order total until the
    /// invoice exists).
    pub amount_to_pay: i64,
    /// The QRIS payload to render as a QR code; only while the order awaits payment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qr_string: Option<String>,
    /// Tokopay's own payment page, an alternative to scanning; only while the order awaits payment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pay_url: Option<String>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryEntry {
    pub status: OrderStatus,
    pub at: DateTime<Utc>,
}

/// Where the delivery stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Paid; its job is waiting for a worker.
    Queued,
    InProgress,
    /// A person on the team sends it (manual invitations).
    AwaitingTeam,
    Delivered,
    /// It could not be delivered automatically; the team has the order.
    Failed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InviteStatus {
    Queued,
    Sending,
    AwaitingTeam,
    Sent,
    Failed,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InviteView {
    /// The address being invited.
    pub email: Option<String>,
    pub status: InviteStatus,
    pub sent_at: Option<DateTime<Utc>>,
    /// While the team sends it by hand: when they expect to have sent it.
    pub expected_by: Option<DateTime<Utc>>,
    /// For the buyer, from the provider or the team ("accept the invitation from …").
    pub note: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryView {
    /// `stock` or `invite`.
    pub kind: String,
    pub status: DeliveryStatus,
    pub delivered_at: Option<DateTime<Utc>>,
    /// STOCK: how many codes or accounts were delivered (0 until then). Their secrets are
    /// only shown by `POST /orders/{id}/reveal`.
    pub item_count: i32,
    /// How many times the secrets were revealed so far.
    pub revealed_count: i64,
    pub invite: Option<InviteView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrderView {
    pub id: Uuid,
    /// For people: `RP-yymmdd-XXXXXX`.
    #[schema(example = "RP-261126-7K3M9Q")]
    pub number: String,
    pub status: OrderStatus,
    pub product: OrderProduct,
    pub quantity: i32,
    pub unit_price: i64,
    pub total: i64,
    pub buyer: Buyer,
    /// INVITE: the buyer's answers to the product's input fields.
    #[schema(value_type = Object)]
    pub target: Value,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
    pub payment: Option<PaymentView>,
    /// Once paid: how the delivery stands (null before payment, after expiry or cancel).
    pub delivery: Option<DeliveryView>,
    pub history: Vec<HistoryEntry>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    number: String,
    status: OrderStatus,
    product_id: Uuid,
    product_slug: String,
    product_name: String,
    product_type: ProductType,
    quantity: i32,
    unit_price: i64,
    total: i64,
    buyer_name: String,
    buyer_email: String,
    buyer_whatsapp: String,
    target: Value,
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    paid_at: Option<DateTime<Utc>>,
    channel: Option<String>,
    payment_status: Option<PaymentStatus>,
    total_bayar: Option<i64>,
    qr_string: Option<String>,
    pay_url: Option<String>,
    payment_expires_at: Option<DateTime<Utc>>,
    history: sqlx::types::Json<Vec<HistoryRow>>,
    delivered_at: Option<DateTime<Utc>>,
    item_count: Option<i32>,
    revealed_count: i64,
    invitation_status: Option<String>,
    invitation_email: Option<String>,
    invitation_finished_at: Option<DateTime<Utc>>,
    invitation_expected_by: Option<DateTime<Utc>>,
    invitation_note: Option<String>,
}

#[derive(serde::Deserialize)]
struct HistoryRow {
    status: OrderStatus,
    at: DateTime<Utc>,
}

const VIEW_SQL: &str = "select o.id, o.number, o.status, o.product_id, p.slug as product_slug, o.product_name,
        o.product_type, o.quantity, o.unit_price, o.total, o.buyer_name, o.buyer_email, o.buyer_whatsapp,
        o.target, o.created_at, o.expires_at, o.paid_at,
        pay.channel, pay.status as payment_status, pay.total_bayar, pay.qr_string, pay.pay_url,
        pay.expires_at as payment_expires_at,
        coalesce((select json_agg(json_build_object('status', h.status, 'at', h.created_at) order by h.id)
                  from public.order_status_history h where h.order_id = o.id), '[]') as history,
        d.delivered_at, d.item_count,
        (select count(*) from public.delivery_reveals r where r.order_id = o.id) as revealed_count,
        inv.status as invitation_status, inv.target_email as invitation_email,
        inv.finished_at as invitation_finished_at, inv.expected_by as invitation_expected_by, inv.note as invitation_note
    from public.orders o
    join public.products p on p.id = o.product_id
    left join lateral (
        select * from public.payments where order_id = o.id order by attempt desc limit 1
    ) pay on true
    left join public.order_deliveries d on d.order_id = o.id
    left join lateral (
        select * from public.invitations where order_id = o.id order by attempt desc limit 1
    ) inv on true
    where o.id = $1";

/// The order with this id, on a server connection (the caller has checked access).
pub async fn load(db: &Db, conn: &mut PgConnection, id: Uuid) -> Result<Option<OrderView>, sqlx::Error> {
    let Some(row) = db.query_as::<Row>(VIEW_SQL).bind(id).fetch_optional(conn).await? else { return Ok(None) };
    let awaiting = row.status == OrderStatus::AwaitingPayment;
    let delivery = delivery(&row);
    let payment = match (row.channel, row.payment_status, row.payment_expires_at) {
        (Some(channel), Some(status), Some(expires_at)) => Some(PaymentView {
            channel,
            status,
            amount_to_pay: row.total_bayar.unwrap_or(row.total),
            qr_string: row.qr_string.filter(|_| awaiting),
            pay_url: row.pay_url.filter(|_| awaiting),
            expires_at,
        }),
        _ => None,
    };
    let history = row.history.0.into_iter().map(|h| HistoryEntry { status: h.status, at: h.at }).collect();
    Ok(Some(OrderView {
        id: row.id,
        number: row.number,
        status: row.status,
        product: OrderProduct {
            id: row.product_id,
            slug: row.product_slug,
            name: row.product_name,
            product_type: row.product_type,
        },
        quantity: row.quantity,
        unit_price: row.unit_price,
        total: row.total,
        buyer: Buyer { name: row.buyer_name, email: row.buyer_email, whatsapp: row.buyer_whatsapp },
        target: row.target,
        created_at: row.created_at,
        expires_at: row.expires_at,
        paid_at: row.paid_at,
        payment,
        delivery,
        history,
    }))
}

fn delivery(row: &Row) -> Option<DeliveryView> {
    let status = match row.status {
        OrderStatus::AwaitingPayment | OrderStatus::Expired | OrderStatus::Cancelled => return None,
        OrderStatus::Paid => DeliveryStatus::Queued,
        OrderStatus::Processing if row.invitation_status.as_deref() == Some("awaiting_team") => {
            DeliveryStatus::AwaitingTeam
        }
        OrderStatus::Processing => DeliveryStatus::InProgress,
        OrderStatus::Delivered => DeliveryStatus::Delivered,
        OrderStatus::NeedsAttention => DeliveryStatus::Failed,
    };
    let invite = (row.product_type == ProductType::Invite).then(|| {
        let failed = status == DeliveryStatus::Failed;
        let invite_status = match row.invitation_status.as_deref() {
            _ if failed => InviteStatus::Failed,
            Some("sent" | "accepted") => InviteStatus::Sent,
            Some("awaiting_team") => InviteStatus::AwaitingTeam,
            Some("sending") => InviteStatus::Sending,
            // A failed attempt that will be tried again, or none yet.
            _ => InviteStatus::Queued,
        };
        InviteView {
            email: row
                .invitation_email
                .clone()
                .or_else(|| row.target.get("email").and_then(Value::as_str).map(str::to_owned)),
            status: invite_status,
            sent_at: row.invitation_finished_at.filter(|_| invite_status == InviteStatus::Sent),
            expected_by: row.invitation_expected_by.filter(|_| invite_status == InviteStatus::AwaitingTeam),
            note: row.invitation_note.clone().filter(|_| invite_status == InviteStatus::Sent),
        }
    });
    Some(DeliveryView {
        kind: if row.product_type == ProductType::Invite { "invite" } else { "stock" }.to_owned(),
        status,
        delivered_at: row.delivered_at,
        item_count: row.item_count.unwrap_or(0),
        revealed_count: row.revealed_count,
        invite,
    })
}

/// The tracking token's stored form.
pub fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// The order a tracking token opens, if any (`Some` only for a well-formed token that
/// matches an order).
pub async fn order_id_for_token(db: &Db, conn: &mut PgConnection, token: &str) -> Result<Option<Uuid>, sqlx::Error> {
    if token.len() != 43 || !token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Ok(None);
    }
    db.query_scalar("select id from public.orders where tracking_token_hash = $1")
        .bind(token_hash(token).as_slice())
        .fetch_optional(conn)
        .await
}
