//! The local Supabase Auth server, driven over HTTP on a real port against a fresh
//! database per test: GoTrue's wire format, rows, tokens, mail, limits, and the
//! `supabase-auth` crate as a second client.

mod client_crate;
mod errors_and_gateway;
mod into_the_api;
mod logout;
mod mailbox;
mod passwords;
mod rate_limits;
mod recovery;
mod refresh;
mod rows;
mod sign_in;
mod sign_up;
mod support;
mod user;
mod verify;
