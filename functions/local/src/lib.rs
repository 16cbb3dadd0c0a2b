//! `ruangpremium`: the whole shop on one machine. A private Postgres set up like a Supabase
//! project, the migrations, demo data, and the API and the site on one port.

pub mod admin;
pub mod auth;
pub mod bench;
pub mod cluster;
pub mod dev;
pub mod mailbox;
pub mod migrate;
pub mod pg_url;
pub mod secrets;
pub mod seed;
pub mod site;
pub mod smtp_sink;
pub mod tokopay_sim;
pub mod whatsapp_sim;
