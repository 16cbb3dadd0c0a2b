//! The admin's part of fulfillment: invitations the team sends by hand (the `manual`
//! adapter, or an automation that answered `pending_admin`) wait here until an admin says
//! whether it was sent. The admin panel builds on these endpoints.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    Json,
};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{
    auth::{AuthUser, Role},
    error::{ApiError, ApiResult, ErrorEnvelope, FieldErrors, Text},
    AppState,
};

#[derive(Debug, Serialize, ToSchema, sqlx::FromRow)]
pub struct WaitingInvitation {
    pub invitation_id: Uuid,
    pub order_id: Uuid,
    pub order_number: String,
    pub product_name: String,
    /// The address to invite.
    pub target_email: Option<String>,
    /// The pool account to send it from.
    pub account_label: String,
    pub expected_by: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// Invitations waiting for the team
///
/// Oldest first. Admins only.
#[utoipa::path(
    get,
    path = "/admin/invitations/waiting",
    tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Invitations to send by hand", body = [WaitingInvitation]),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "Not an admin", body = ErrorEnvelope),
    )
)]
pub async fn list_waiting(State(state): State<AppState>, user: AuthUser) -> ApiResult<Json<Vec<WaitingInvitation>>> {
    let db = &state.db;
    let mut tx = user.begin(db).await?;
    user.require_role(db, &mut tx, Role::Admin).await?;
    tx.commit().await?;
    let rows = db
        .query_as(
            "select i.id as invitation_id, o.id as order_id, o.number as order_number, o.product_name,
                    i.target_email, a.label as account_label, i.expected_by, i.created_at
             from public.invitations i
             join public.orders o on o.id = i.order_id
             join public.provider_accounts a on a.id = i.account_id
             where i.status = 'awaiting_team'
             order by i.created_at
             limit 200",
        )
        .fetch_all(db.pool())
        .await?;
    Ok(Json(rows))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Confirmed {
    /// `delivered`, or `needs_attention` when the team could not send it.
    pub order_status: String,
}

/// Confirm an invitation sent by hand
///
/// `{"sent": true, "note": "…"}` delivers the order (the note is shown to the buyer, e.g.
/// "Accept the invitation from Canva"); `{"sent": false, "note": "why"}` hands the order
/// to the admin queue as needs_attention and gives its seat back. Admins only.
#[utoipa::path(
    post,
    path = "/admin/invitations/{id}/confirm",
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The invitation's id")),
    request_body(content = Object, description = "`{\"sent\": boolean, \"note\": string (optional, ≤ 500)}`"),
    responses(
        (status = 200, description = "Recorded", body = Confirmed),
        (status = 400, description = "Invalid body (`invalid_body`)", body = ErrorEnvelope),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "Not an admin", body = ErrorEnvelope),
        (status = 409, description = "The invitation is not waiting for the team (`invitation_not_waiting`)", body = ErrorEnvelope),
    )
)]
pub async fn confirm(
    State(state): State<AppState>,
    user: AuthUser,
    id: Result<Path<Uuid>, axum::extract::rejection::PathRejection>,
    body: Result<Json<Value>, axum::extract::rejection::JsonRejection>,
) -> ApiResult<Json<Confirmed>> {
    let db = &state.db;
    let mut tx = user.begin(db).await?;
    user.require_role(db, &mut tx, Role::Admin).await?;
    tx.commit().await?;
    let Ok(Path(id)) = id else { return Err(not_waiting()) };
    let Json(body) = body?;
    let (sent, note) = parse(&body)?;
    let outcome: String = db
        .query_scalar("select private.confirm_invitation($1, $2, $3)")
        .bind(id)
        .bind(sent)
        .bind(note.as_deref())
        .fetch_one(db.pool())
        .await?;
    match outcome.as_str() {
        "delivered" | "needs_attention" => {
            tracing::info!(invitation = %id, admin = %user.id, outcome = %outcome, "invitation confirmed by the team");
            Ok(Json(Confirmed { order_status: outcome }))
        }
        _ => Err(not_waiting()),
    }
}

fn parse(body: &Value) -> Result<(bool, Option<String>), ApiError> {
    let mut errors: FieldErrors = Vec::new();
    let Some(object) = body.as_object() else {
        return Err(ApiError::InvalidBody(vec![(
            "body".into(),
            Text::new("Kirim sebuah objek JSON.", "Send a JSON object."),
        )]));
    };
    let sent = object.get("sent").and_then(Value::as_bool);
    if sent.is_none() {
        errors.push(("sent".into(), Text::new("Isi true atau false.", "Give true or false.")));
    }
    let note = match object.get("note") {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) if text.trim().chars().count() <= 500 => {
            Some(text.trim().to_owned()).filter(|t| !t.is_empty())
        }
        Some(_) => {
            errors.push((
                "note".into(),
                Text::new("Catatan maksimal 500 karakter.", "The note is at most 500 characters."),
            ));
            None
        }
    };
    for key in object.keys().filter(|k| !matches!(k.as_str(), "sent" | "note")) {
        errors.push((key.clone(), Text::new("Kolom ini tidak dikenal.", "Unknown field.")));
    }
    match sent {
        Some(sent) if errors.is_empty() => Ok((sent, note)),
        _ => Err(ApiError::InvalidBody(errors)),
    }
}

fn not_waiting() -> ApiError {
    ApiError::refused(
        StatusCode::CONFLICT,
        "invitation_not_waiting",
        Text::new(
            "Undangan ini tidak sedang menunggu tim (sudah dikonfirmasi, atau tidak ada).",
            "This invitation is not waiting for the team (already confirmed, or it does not exist).",
        ),
    )
}
