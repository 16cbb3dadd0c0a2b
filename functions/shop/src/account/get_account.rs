//! `GET /api/account`: the signed-in user's profile and roles.

use axum::{extract::State, Json};
use chrono::{DateTime, Utc};
use sqlx::{Postgres, Transaction};

use super::types::Account;
use crate::{
    auth::AuthUser,
    db::Db,
    error::{ApiResult, ErrorEnvelope},
    AppState,
};

/// My account
///
/// The profile and roles of the user whose access token is sent as `Authorization: Bearer`.
#[utoipa::path(
    get,
    path = "/account",
    tag = "account",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The account", body = Account),
        (status = 401, description = "Not signed in, or the token is invalid or expired", body = ErrorEnvelope),
    )
)]
pub async fn get_account(State(state): State<AppState>, user: AuthUser) -> ApiResult<Json<Account>> {
    let mut tx = user.begin(&state.db).await?;
    let account = read_account(&state.db, &mut tx, &user).await?;
    tx.commit().await?;
    Ok(Json(account))
}

/// The account as the user may see it, read as the user.
pub(super) async fn read_account(
    db: &Db,
    tx: &mut Transaction<'static, Postgres>,
    user: &AuthUser,
) -> Result<Account, sqlx::Error> {
    let profile: Option<(Option<String>, Option<String>, DateTime<Utc>)> = db
        .query_as("select display_name, whatsapp, created_at from public.profiles where id = (select auth.uid())")
        .fetch_optional(&mut **tx)
        .await?;
    let roles = user.roles(db, tx).await?;
    let (display_name, whatsapp, created_at) = match profile {
        Some((name, whatsapp, created_at)) => (name, whatsapp, Some(created_at)),
        None => (None, None, None),
    };
    Ok(Account { id: user.id, email: user.email.clone(), display_name, whatsapp, roles, created_at })
}
