//! The notifications outbox (shop::notify) against real peers: a real SMTP server
//! (aiosmtpd, from PyPI; `RP_TEST_PYTHON` names the Python that has it, scripts/test
//! installs it), a Fonnte-style WhatsApp gateway on a loopback port, and the local stack's
//! stand-ins; one database per test.

mod email;
mod lease;
mod local_stand_ins;
mod skipped;
mod support;
mod whatsapp;
