//! Notifications: an outbox of emails and WhatsApp messages (`public.notifications`,
//! supabase/migrations/20261127000100_create_notifications.sql) with retries.
//!
//! The fulfillment code queues an order's messages with
//! `select private.enqueue_order_notifications(order_id, 'delivered' | 'awaiting_team' |
//! 'needs_attention')` inside the transaction that changes the order, and [`send_due`]
//! (the sweep; the local stack's timer) sends them: email over SMTP (lettre, rustls), and
//! WhatsApp through a Fonnte-style HTTP gateway. Every setting is optional
//! ([`NotifyConfig`]); a channel without one marks its messages `skipped` with the reason.
//!
//! No message ever carries a delivered secret: the buyer's carry the order's tracking link
//! (`<SHOP_PUBLIC_URL>/track/<token>`, the token decrypted only at send time), where the
//! code or account is revealed and each reveal recorded.

mod config;
mod email;
mod send_due;
pub mod templates;
mod whatsapp;

pub use config::{NotifyConfig, SmtpSettings, WhatsAppSettings};
pub use send_due::{send_due, BASE_BACKOFF, MAX_BACKOFF};
