//! Email over SMTP with lettre (rustls, no OpenSSL): one connection per message, which is
//! all a shop's notification volume needs and keeps a Lambda free of pooled sockets.

use lettre::{
    message::{Mailbox, MultiPart},
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};

use super::{config::SmtpSettings, templates::Email};

/// Sends `mail` to `to` (with the display name `name`, if any). The error is lettre's,
/// as text; the caller scrubs secrets from it.
pub(super) async fn send(
    settings: &SmtpSettings,
    timeout: std::time::Duration,
    to: &str,
    name: Option<&str>,
    mail: &Email,
) -> Result<(), String> {
    let address = to.parse().map_err(|e| format!("the address {to:?} is not valid: {e}"))?;
    let recipient = Mailbox::new(name.map(str::to_owned), address);
    let domain = settings.from.email.domain().to_owned();
    let message = Message::builder()
        .from(settings.from.clone())
        .to(recipient)
        .subject(mail.subject.clone())
        .message_id(Some(format!("<{}@{domain}>", uuid::Uuid::new_v4().simple())))
        .multipart(MultiPart::alternative_plain_html(mail.text.clone(), mail.html.clone()))
        .map_err(|e| format!("the message could not be built: {e}"))?;
    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(settings.url.expose())
        .map_err(|_| "SMTP_URL is not usable".to_owned())?
        .timeout(Some(timeout))
        .build();
    transport.send(message).await.map(|_| ()).map_err(|e| format!("SMTP ({}): {e}", settings.server))
}
