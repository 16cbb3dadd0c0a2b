//! Roles come only from `public.user_roles`, read as the user (RLS lets a user read their
//! own roles and nobody write them), never from anything in the token the user controls.

use serde::Serialize;
use sqlx::{PgConnection, Postgres, Transaction};
use utoipa::ToSchema;

use super::AuthUser;
use crate::{
    db::Db,
    error::{ApiError, Text},
};

/// A role a user can hold. `guest` (not signed in) is never stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Member,
    Reseller,
    Admin,
}

impl Role {
    pub fn parse(name: &str) -> Option<Role> {
        match name {
            "member" => Some(Role::Member),
            "reseller" => Some(Role::Reseller),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

impl AuthUser {
    /// The user's roles, in a transaction opened with [`AuthUser::begin`].
    pub async fn roles(&self, db: &Db, tx: &mut Transaction<'static, Postgres>) -> Result<Vec<Role>, sqlx::Error> {
        roles_in(db, tx).await
    }

    /// Refuses with 403 unless the user holds `role` right now (a role granted or revoked
    /// takes effect on the next request, not when the token is refreshed).
    pub async fn require_role(
        &self,
        db: &Db,
        tx: &mut Transaction<'static, Postgres>,
        role: Role,
    ) -> Result<(), ApiError> {
        if roles_in(db, tx).await?.contains(&role) {
            Ok(())
        } else {
            Err(ApiError::Forbidden(Text::new(
                "Akun Anda tidak memiliki akses ke bagian ini.",
                "Your account has no access to this area.",
            )))
        }
    }
}

async fn roles_in(db: &Db, conn: &mut PgConnection) -> Result<Vec<Role>, sqlx::Error> {
    let names: Vec<String> = db
        .query_scalar(
            "select role::text from public.user_roles where user_id = (select auth.uid()) order by user_roles.role",
        )
        .fetch_all(conn)
        .await?;
    Ok(names.iter().filter_map(|name| Role::parse(name)).collect())
}
