//! The API driven in process against a real Postgres, each test in a database of its own
//! cloned from the migrated template.

mod account;
mod availability;
mod catalog_detail;
mod catalog_list;
mod categories;
mod checkout;
mod errors;
mod filters;
mod fixtures;
mod fulfillment;
mod openapi;
mod responses;
mod secrets;
mod signing;
mod tokens;
