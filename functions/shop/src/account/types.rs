use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::Role;

/// The signed-in user's account: who they are, how the shop reaches them, what they may do.
#[derive(Debug, Serialize, ToSchema)]
pub struct Account {
    pub id: Uuid,
    /// From the access token; changed through Supabase Auth, not here.
    pub email: Option<String>,
    pub display_name: Option<String>,
    /// `+628…`
    #[schema(example = "+6281234567890")]
    pub whatsapp: Option<String>,
    /// Sorted; empty only for an account whose sign-up predates the roles.
    pub roles: Vec<Role>,
    pub created_at: Option<DateTime<Utc>>,
}
