//! The member's own account: profile and roles. Everything runs as the user, so the RLS
//! policies on `profiles` and `user_roles` decide what they may read and change.

pub mod email;
mod get_account;
pub mod types;
mod update_account;
pub mod whatsapp;

use utoipa_axum::{router::OpenApiRouter, routes};

use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_account::get_account, update_account::update_account))
}
