//! The Auth mails: Bahasa Indonesia first, English below; text and HTML; each with the
//! link to `/auth/v1/verify` and the 6-digit code, and the code in `data.otp` for tests.

use serde_json::json;

use crate::mailbox::{escape_html, NewMessage};

const SHOP: &str = "RuangPremium";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Signup,
    Recovery,
    EmailChange,
}

impl Kind {
    /// The `type` of the verify link, and the mailbox `kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Signup => "signup",
            Kind::Recovery => "recovery",
            Kind::EmailChange => "email_change",
        }
    }
}

struct Texts {
    subject: &'static str,
    id_intro: &'static str,
    id_action: &'static str,
    id_ignore: &'static str,
    en_intro: &'static str,
    en_action: &'static str,
    en_ignore: &'static str,
}

fn texts(kind: Kind) -> Texts {
    match kind {
        Kind::Signup => Texts {
            subject: "Konfirmasi email Anda · Confirm your email",
            id_intro: "Terima kasih sudah mendaftar di RuangPremium. Konfirmasi alamat email ini untuk mengaktifkan akun Anda.",
            id_action: "Konfirmasi email",
            id_ignore: "Jika Anda tidak mendaftar, abaikan email ini.",
            en_intro: "Thanks for signing up to RuangPremium. Confirm this address to activate your account.",
            en_action: "Confirm email",
            en_ignore: "If you did not sign up, ignore this email.",
        },
        Kind::Recovery => Texts {
            subject: "Atur ulang kata sandi · Reset your password",
            id_intro: "Kami menerima permintaan untuk mengatur ulang kata sandi akun RuangPremium Anda.",
            id_action: "Atur ulang kata sandi",
            id_ignore: "Jika Anda tidak memintanya, abaikan email ini; kata sandi Anda tidak berubah.",
            en_intro: "We received a request to reset the password of your RuangPremium account.",
            en_action: "Reset password",
            en_ignore: "If you did not ask for this, ignore this email; your password stays the same.",
        },
        Kind::EmailChange => Texts {
            subject: "Konfirmasi email baru · Confirm your new email",
            id_intro: "Anda meminta untuk mengganti email akun RuangPremium ke alamat ini. Konfirmasi untuk menyelesaikannya.",
            id_action: "Konfirmasi email baru",
            id_ignore: "Jika Anda tidak memintanya, abaikan email ini; email akun Anda tidak berubah.",
            en_intro: "You asked to change the email of your RuangPremium account to this address. Confirm to finish.",
            en_action: "Confirm new email",
            en_ignore: "If you did not ask for this, ignore this email; your account's email stays the same.",
        },
    }
}

/// The mail of `kind` to `to`, with its verify `link` and `otp`, valid `minutes`.
pub fn compose(kind: Kind, to: &str, link: &str, otp: &str, minutes: u64) -> NewMessage {
    let t = texts(kind);
    let text = format!(
        "{id_intro}\n\n{id_action}: {link}\n\nAtau masukkan kode ini: {otp}\nTautan dan kode berlaku {minutes} menit dan hanya bisa dipakai sekali.\n{id_ignore}\n\n\
         ---\n\n{en_intro}\n\n{en_action}: {link}\n\nOr enter this code: {otp}\nThe link and code are valid for {minutes} minutes and work once.\n{en_ignore}\n\n— {SHOP}\n",
        id_intro = t.id_intro,
        id_action = t.id_action,
        id_ignore = t.id_ignore,
        en_intro = t.en_intro,
        en_action = t.en_action,
        en_ignore = t.en_ignore,
    );
    let href = escape_html(link);
    let html = format!(
        r#"<!doctype html><html lang="id"><body style="margin:0;background:#0a0a0b;color:#e7e5e4;font-family:system-ui,sans-serif">
<div style="max-width:560px;margin:0 auto;padding:24px">
<h1 style="color:#d4af37;font-size:22px;margin:0 0 16px">{SHOP}</h1>
<p>{id_intro}</p>
<p><a href="{href}" style="display:inline-block;background:#7c3aed;color:#fff;padding:10px 18px;border-radius:8px;text-decoration:none">{id_action}</a></p>
<p>Atau masukkan kode ini: <strong style="color:#d4af37;font-size:20px;letter-spacing:3px">{otp}</strong><br>
Tautan dan kode berlaku {minutes} menit dan hanya bisa dipakai sekali.</p>
<p style="color:#a8a29e">{id_ignore}</p>
<hr style="border:0;border-top:1px solid #26262b;margin:24px 0">
<div lang="en">
<p>{en_intro}</p>
<p><a href="{href}" style="color:#d4af37">{en_action}</a></p>
<p>Or enter this code: <strong>{otp}</strong><br>The link and code are valid for {minutes} minutes and work once.</p>
<p style="color:#a8a29e">{en_ignore}</p>
</div>
</div></body></html>"#,
        id_intro = escape_html(t.id_intro),
        id_action = escape_html(t.id_action),
        id_ignore = escape_html(t.id_ignore),
        en_intro = escape_html(t.en_intro),
        en_action = escape_html(t.en_action),
        en_ignore = escape_html(t.en_ignore),
    );
    NewMessage {
        to: to.to_owned(),
        subject: format!("{SHOP}: {}", t.subject),
        text,
        html,
        kind: kind.as_str().to_owned(),
        data: json!({"otp": otp, "link": link}),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mail_has_both_languages_the_link_and_the_code() {
        let mail =
            compose(Kind::Recovery, "a@b.co", "http://localhost:1/auth/v1/verify?token=x&type=recovery", "123456", 60);
        assert!(mail.subject.starts_with("RuangPremium: Atur ulang kata sandi"));
        let id = mail.text.find("Atur ulang kata sandi:").expect("Indonesian");
        let en = mail.text.find("Reset password:").expect("English");
        assert!(id < en, "Indonesian first");
        assert_eq!(crate::mailbox::links(&mail.text).len(), 2);
        assert!(mail.html.contains("token=x&amp;type=recovery"));
        assert_eq!(mail.data["otp"], "123456");
    }
}
