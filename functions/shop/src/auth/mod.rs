//! Who is calling: Supabase access tokens verified against the Auth server's keys
//! ([`verify`]), the [`Caller`] and [`AuthUser`] extractors handlers take, and roles read
//! from `public.user_roles` ([`roles`]). User-scoped database work runs as the user
//! ([`AuthUser::begin`]), so RLS guards the API exactly as it guards PostgREST.

mod caller;
pub mod roles;
pub mod verify;

pub use caller::{AuthUser, Caller};
pub use roles::Role;
pub use verify::{JwksPolicy, TokenError, TokenVerifier, VerifiedToken};
