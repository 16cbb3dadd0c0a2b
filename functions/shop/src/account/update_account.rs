//! `PATCH /api/account`: change the display name and the WhatsApp number. Only those two;
//! any other field (roles, email, id…) is refused by name, so nothing server-owned can be
//! set through here.

use axum::{extract::State, Json};
use serde_json::Value;
use utoipa::ToSchema;

use super::{get_account::read_account, types::Account, whatsapp};
use crate::{
    auth::AuthUser,
    error::{ApiError, ApiResult, ErrorEnvelope, FieldErrors, Text},
    AppState,
};

/// The fields that may change; absent fields stay as they are.
#[derive(Debug, ToSchema)]
#[allow(dead_code)] // documents the body; the handler reads it field by field for precise errors
pub struct AccountUpdate {
    /// 1–80 characters.
    display_name: Option<String>,
    /// An Indonesian mobile number in any usual form (`0812…`, `62812…`, `+62 812…`), stored
    /// as `+628…`; `null` removes it.
    #[schema(example = "0812-3456-7890")]
    whatsapp: Option<String>,
}

/// Update my account
///
/// Changes the display name and/or the WhatsApp number and returns the account.
#[utoipa::path(
    patch,
    path = "/account",
    tag = "account",
    security(("bearer" = [])),
    request_body = AccountUpdate,
    responses(
        (status = 200, description = "The updated account", body = Account),
        (status = 400, description = "A field is invalid or not allowed", body = ErrorEnvelope),
        (status = 401, description = "Not signed in, or the token is invalid or expired", body = ErrorEnvelope),
    )
)]
pub async fn update_account(
    State(state): State<AppState>,
    user: AuthUser,
    body: Result<Json<Value>, axum::extract::rejection::JsonRejection>,
) -> ApiResult<Json<Account>> {
    let Json(body) = body?;
    let change = parse(&body)?;
    let mut tx = user.begin(&state.db).await?;
    let updated = state
        .db
        .query(
            "update public.profiles
             set display_name = case when $1 then $2 else display_name end,
                 whatsapp = case when $3 then $4 else whatsapp end
             where id = (select auth.uid())",
        )
        .bind(change.display_name.is_some())
        .bind(change.display_name.as_deref())
        .bind(change.whatsapp.is_some())
        .bind(change.whatsapp.clone().flatten())
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if updated == 0 {
        return Err(ApiError::NotFound(Text::new(
            "Profil akun Anda belum ada. Hubungi admin untuk bantuan.",
            "Your account has no profile yet. Contact the admin for help.",
        )));
    }
    let account = read_account(&state.db, &mut tx, &user).await?;
    tx.commit().await?;
    Ok(Json(account))
}

#[derive(Debug, Default)]
struct Change {
    display_name: Option<String>,
    /// `Some(None)` removes the number.
    whatsapp: Option<Option<String>>,
}

fn parse(body: &Value) -> Result<Change, ApiError> {
    let Some(object) = body.as_object() else {
        return Err(ApiError::InvalidBody(vec![(
            "body".into(),
            Text::new("Kirim sebuah objek JSON.", "Send a JSON object."),
        )]));
    };
    let mut change = Change::default();
    let mut errors: FieldErrors = Vec::new();
    for (field, value) in object {
        match field.as_str() {
            "display_name" => match value.as_str().map(str::trim) {
                Some(name) if (1..=80).contains(&name.chars().count()) && !name.chars().any(char::is_control) => {
                    change.display_name = Some(name.to_owned());
                }
                _ => errors
                    .push((field.clone(), Text::new("Nama harus 1–80 karakter.", "The name must be 1–80 characters."))),
            },
            "whatsapp" => match value {
                Value::Null => change.whatsapp = Some(None),
                Value::String(typed) if typed.trim().is_empty() => change.whatsapp = Some(None),
                Value::String(typed) => match whatsapp::normalize(typed) {
                    Some(number) => change.whatsapp = Some(Some(number)),
                    None => errors.push((
                        field.clone(),
                        Text::new(
                            "Nomor WhatsApp tidak valid. Gunakan nomor Indonesia, misalnya 0812 3456 7890.",
                            "Invalid WhatsApp number. Use an Indonesian number, for example 0812 3456 7890.",
                        ),
                    )),
                },
                _ => errors.push((
                    field.clone(),
                    Text::new("Nomor WhatsApp harus berupa teks.", "The WhatsApp number must be text."),
                )),
            },
            _ => errors.push((
                field.clone(),
                Text::new("Isian ini tidak dapat diubah di sini.", "This field cannot be changed here."),
            )),
        }
    }
    if errors.is_empty() {
        Ok(change)
    } else {
        Err(ApiError::InvalidBody(errors))
    }
}
