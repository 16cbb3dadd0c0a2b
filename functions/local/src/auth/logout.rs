//! `POST /logout?scope=global|local|others` (`internal/api/logout.go`): 204. `global`
//! (the default) ends every session of the user, `local` the token's own, `others` all
//! but the token's own. Ended sessions take their refresh tokens with them, and their
//! access tokens stop working here (`session_not_found`).

use axum::{
    extract::{Query, State},
    http::StatusCode,
};
use serde::Deserialize;

use super::{
    errors::{AuthError, AuthResult},
    extract::Authenticated,
    AuthState,
};

#[derive(Deserialize)]
pub struct LogoutQuery {
    scope: Option<String>,
}

pub async fn logout(
    State(state): State<AuthState>,
    auth: Authenticated,
    Query(query): Query<LogoutQuery>,
) -> AuthResult<StatusCode> {
    let sql = match query.scope.as_deref().unwrap_or("global") {
        "global" => "delete from auth.sessions where user_id = $1 and $2::uuid is not null",
        "local" => "delete from auth.sessions where user_id = $1 and id = $2",
        "others" => "delete from auth.sessions where user_id = $1 and id <> $2",
        other => return Err(AuthError::validation(format!("Unsupported logout scope {other:?}"))),
    };
    sqlx::query(sql).bind(auth.user.id).bind(auth.session_id).execute(&state.pool).await?;
    Ok(StatusCode::NO_CONTENT)
}
