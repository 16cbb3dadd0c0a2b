//! Sending a verification mail: a fresh code, its hash stored on the user (which also
//! invalidates the previous link of that kind), the link, and delivery to the mailbox.

use sqlx::PgConnection;
use uuid::Uuid;

use super::{
    errors::AuthError,
    mail::{self, Kind},
    otp, AuthState,
};
use crate::mailbox;

/// Stores a new token of `kind` for `user_id` (hash of `email` + code) and mails the link
/// and code to `email`, which lands on `redirect_to` after verification.
pub async fn send(
    state: &AuthState,
    conn: &mut PgConnection,
    kind: Kind,
    user_id: Uuid,
    email: &str,
    redirect_to: &str,
) -> Result<(), AuthError> {
    let code = otp::generate();
    let token_hash = otp::token_hash(email, &code);
    let sql = match kind {
        Kind::Signup => "update auth.users set confirmation_token = $2, confirmation_sent_at = now() where id = $1",
        Kind::Recovery => "update auth.users set recovery_token = $2, recovery_sent_at = now() where id = $1",
        Kind::EmailChange => {
            "update auth.users set email_change_token_new = $2, email_change_sent_at = now() where id = $1"
        }
    };
    sqlx::query(sql).bind(user_id).bind(&token_hash).execute(&mut *conn).await?;
    let query: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("token", &token_hash)
        .append_pair("type", kind.as_str())
        .append_pair("redirect_to", redirect_to)
        .finish();
    let link = format!("{}/verify?{query}", state.config.issuer());
    let minutes = state.config.otp_expiry.as_secs().div_ceil(60);
    mailbox::deliver(&state.pool, mail::compose(kind, email, &link, &code, minutes))
        .await
        .map_err(|err| AuthError::internal("cannot deliver a mail", err))?;
    Ok(())
}
