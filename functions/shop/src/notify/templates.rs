//! What each message says: for every event × audience an email (subject, text and HTML,
//! Bahasa Indonesia first and English below) and a short WhatsApp text. The text and the
//! HTML are rendered from one list of blocks, so they always say the same thing, and every
//! value put into the HTML is escaped.
//!
//! No message carries a delivered secret: the buyer's messages carry the tracking link,
//! where the code or account is revealed (and each reveal recorded); the admin's carry the
//! order number and the reason, never the buyer's link.

use std::fmt::Write as _;

/// What happened to the order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    Delivered,
    AwaitingTeam,
    NeedsAttention,
}

/// Who the message is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    Buyer,
    Admin,
}

/// How it travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    Email,
    WhatsApp,
}

impl Event {
    pub fn parse(value: &str) -> Option<Event> {
        match value {
            "delivered" => Some(Event::Delivered),
            "awaiting_team" => Some(Event::AwaitingTeam),
            "needs_attention" => Some(Event::NeedsAttention),
            _ => None,
        }
    }
}

impl Audience {
    pub fn parse(value: &str) -> Option<Audience> {
        match value {
            "buyer" => Some(Audience::Buyer),
            "admin" => Some(Audience::Admin),
            _ => None,
        }
    }
}

impl Channel {
    pub fn parse(value: &str) -> Option<Channel> {
        match value {
            "email" => Some(Channel::Email),
            "whatsapp" => Some(Channel::WhatsApp),
            _ => None,
        }
    }
}

/// What the messages of one order say about it.
#[derive(Clone, Debug)]
pub struct OrderFacts<'a> {
    pub number: &'a str,
    pub product_name: &'a str,
    pub buyer_name: &'a str,
    pub buyer_email: &'a str,
    pub buyer_whatsapp: &'a str,
    pub attention_reason: Option<&'a str>,
    /// `<SHOP_PUBLIC_URL>/track/<token>`: in the buyer's messages only.
    pub tracking_url: &'a str,
}

/// The shop's addresses the messages mention.
#[derive(Clone, Debug, Default)]
pub struct Contacts<'a> {
    pub support_email: Option<&'a str>,
    pub support_whatsapp: Option<&'a str>,
    /// `SHOP_PUBLIC_URL`, for the admin panel's address.
    pub shop_url: Option<&'a str>,
}

/// An email, ready for the SMTP client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    pub subject: String,
    pub text: String,
    pub html: String,
}

enum Block {
    Para(String),
    /// A call to action: a button in HTML, the label and the address in text.
    Link {
        label: String,
        url: String,
    },
    Fields(Vec<(&'static str, String)>),
    /// Fine print.
    Note(String),
}

struct Section {
    lang: &'static str,
    heading: String,
    blocks: Vec<Block>,
}

/// The email of an event for an audience.
pub fn email(event: Event, audience: Audience, order: &OrderFacts<'_>, contacts: &Contacts<'_>) -> Email {
    let (subject, sections) = match audience {
        Audience::Buyer => buyer_email(event, order, contacts),
        Audience::Admin => admin_email(event, order, contacts),
    };
    Email { text: render_text(&sections), html: render_html(&subject, &sections), subject }
}

/// The WhatsApp message of an event for an audience: Indonesian, then one English line.
pub fn whatsapp(event: Event, audience: Audience, order: &OrderFacts<'_>, contacts: &Contacts<'_>) -> String {
    let n = order.number;
    let product = order.product_name;
    let url = order.tracking_url;
    match (audience, event) {
        (Audience::Buyer, Event::Delivered) => format!(
            "*RuangPremium*\nPesanan {n} untuk {product} sudah siap. Buka halaman pelacakan untuk melihatnya:\n{url}\n\
             Kode dan data akun hanya tampil di halaman itu; jangan bagikan tautannya.\n\n\
             EN: Your order {n} is ready. Open the tracking page to see it: {url}"
        ),
        (Audience::Buyer, Event::AwaitingTeam) => format!(
            "*RuangPremium*\nPembayaran pesanan {n} untuk {product} sudah kami terima. Tim kami sedang mengirim undangan \
             secara manual, biasanya dalam satu jam. Status: {url}\n\n\
             EN: Payment received for order {n}. Our team is sending your invitation by hand, usually within the hour. \
             Status: {url}"
        ),
        (Audience::Buyer, Event::NeedsAttention) => {
            let (help_id, help_en) = match (contacts.support_whatsapp, contacts.support_email) {
                (Some(wa), _) => (format!("Bantuan: {}", wa_link(wa)), format!("Help: {}", wa_link(wa))),
                (None, Some(email)) => (format!("Bantuan: {email}"), format!("Help: {email}")),
                (None, None) => {
                    ("Balas pesan ini jika ada pertanyaan.".to_owned(), "Reply here with any questions.".to_owned())
                }
            };
            format!(
                "*RuangPremium*\nAda kendala saat memproses pesanan {n} untuk {product}. Pembayaran Anda tercatat dan tim \
                 kami sedang menanganinya. {help_id}\nStatus: {url}\n\n\
                 EN: Something went wrong with order {n}; your payment is recorded and our team is on it. {help_en} \
                 Status: {url}"
            )
        }
        (Audience::Admin, Event::NeedsAttention) => format!(
            "*[RuangPremium] Perlu tindakan*\nPesanan {n}: {product}\nAlasan: {reason}\nPembeli: {buyer}, {wa}\n\
             Periksa di panel admin, selesaikan atau kembalikan dananya, lalu kabari pembeli.\n\n\
             EN: Order {n} needs attention: {reason_en}. Check it in the admin panel.",
            reason = reason_or_dash(order),
            reason_en = reason_or_dash(order).trim_end_matches('.'),
            buyer = order.buyer_name,
            wa = order.buyer_whatsapp,
        ),
        (Audience::Admin, Event::AwaitingTeam) => format!(
            "*[RuangPremium] Undangan manual*\nPesanan {n} untuk {product} menunggu undangan dari tim (janji ke pembeli: \
             dalam satu jam).{reason}\nKirim undangannya, lalu tandai terkirim di panel admin.\n\n\
             EN: Order {n} is waiting for the team to send its invitation by hand (promised within the hour).",
            reason = order.attention_reason.map(|r| format!("\nKeterangan: {r}")).unwrap_or_default(),
        ),
        (Audience::Admin, Event::Delivered) => format!(
            "*[RuangPremium]* Pesanan {n} untuk {product} sudah terkirim ke pembeli.\n\nEN: Order {n} has been delivered."
        ),
    }
}

fn buyer_email(event: Event, order: &OrderFacts<'_>, contacts: &Contacts<'_>) -> (String, Vec<Section>) {
    let n = order.number;
    let product = order.product_name;
    let name = order.buyer_name;
    let url = order.tracking_url.to_owned();
    match event {
        Event::Delivered => (
            format!("Pesanan {n} sudah siap · Your order {n} is ready"),
            vec![
                Section {
                    lang: "id",
                    heading: "Pesanan Anda sudah siap".into(),
                    blocks: vec![
                        Block::Para(format!("Halo {name},")),
                        Block::Para(format!(
                            "Pesanan {n} untuk {product} sudah selesai kami proses. Buka halaman pelacakan untuk melihat hasilnya:"
                        )),
                        Block::Link { label: "Lihat pesanan".into(), url: url.clone() },
                        Block::Note(
                            "Demi keamanan, kode dan data akun tidak pernah kami kirim lewat email atau WhatsApp. \
                             Semuanya hanya tampil di halaman pelacakan, dan setiap kali dibuka akan tercatat. \
                             Jangan bagikan tautan ini kepada siapa pun."
                                .into(),
                        ),
                        Block::Para("Terima kasih sudah berbelanja di RuangPremium.".into()),
                    ],
                },
                Section {
                    lang: "en",
                    heading: "Your order is ready".into(),
                    blocks: vec![
                        Block::Para(format!("Hello {name},")),
                        Block::Para(format!(
                            "We have finished processing order {n} for {product}. Open the tracking page to see it:"
                        )),
                        Block::Link { label: "View order".into(), url },
                        Block::Note(
                            "For your safety, codes and account details are never sent by email or WhatsApp. They are \
                             shown only on the tracking page, and every time it is opened is recorded. Do not share \
                             this link with anyone."
                                .into(),
                        ),
                        Block::Para("Thank you for shopping at RuangPremium.".into()),
                    ],
                },
            ],
        ),
        Event::AwaitingTeam => (
            format!("Pesanan {n} sedang diproses tim kami · Our team is processing order {n}"),
            vec![
                Section {
                    lang: "id",
                    heading: "Undangan sedang dikirim".into(),
                    blocks: vec![
                        Block::Para(format!("Halo {name},")),
                        Block::Para(format!(
                            "Pembayaran pesanan {n} untuk {product} sudah kami terima. Tim kami sedang mengirim undangan \
                             ke akun Anda secara manual; biasanya selesai dalam satu jam."
                        )),
                        Block::Para(
                            "Kami akan mengabari Anda lagi begitu undangannya terkirim. Status terbaru selalu ada di \
                             halaman pelacakan:"
                                .into(),
                        ),
                        Block::Link { label: "Lacak pesanan".into(), url: url.clone() },
                    ],
                },
                Section {
                    lang: "en",
                    heading: "Your invitation is on its way".into(),
                    blocks: vec![
                        Block::Para(format!("Hello {name},")),
                        Block::Para(format!(
                            "We have received your payment for {product}, order {n}. Our team is sending the \
                             invitation to your account by hand; this usually takes less than an hour."
                        )),
                        Block::Para(
                            "We will let you know as soon as it has been sent. The latest status is always on the \
                             tracking page:"
                                .into(),
                        ),
                        Block::Link { label: "Track order".into(), url },
                    ],
                },
            ],
        ),
        Event::NeedsAttention => {
            let (help_id, help_en) = match (contacts.support_whatsapp, contacts.support_email) {
                (Some(wa), Some(email)) => (
                    format!("Ada pertanyaan? Hubungi kami lewat WhatsApp {} atau email {email}.", wa_link(wa)),
                    format!("Questions? Contact us on WhatsApp {} or by email at {email}.", wa_link(wa)),
                ),
                (Some(wa), None) => (
                    format!("Ada pertanyaan? Hubungi kami lewat WhatsApp {}.", wa_link(wa)),
                    format!("Questions? Contact us on WhatsApp {}.", wa_link(wa)),
                ),
                (None, Some(email)) => (
                    format!("Ada pertanyaan? Hubungi kami lewat email {email}."),
                    format!("Questions? Contact us by email at {email}."),
                ),
                (None, None) => (
                    "Ada pertanyaan? Balas saja email ini.".to_owned(),
                    "Questions? Just reply to this email.".to_owned(),
                ),
            };
            (
                format!("Pesanan {n}: tim kami sedang menanganinya · Order {n}: our team is on it"),
                vec![
                    Section {
                        lang: "id",
                        heading: "Ada kendala, kami sedang menanganinya".into(),
                        blocks: vec![
                            Block::Para(format!("Halo {name},")),
                            Block::Para(format!(
                                "Ada kendala saat memproses pesanan {n} untuk {product}. Pembayaran Anda sudah tercatat, \
                                 dan tim kami sedang menanganinya: kami akan menyelesaikan pesanan ini atau \
                                 menghubungi Anda soal pengembalian dana, secepatnya."
                            )),
                            Block::Para(help_id),
                            Block::Link { label: "Lacak pesanan".into(), url: url.clone() },
                        ],
                    },
                    Section {
                        lang: "en",
                        heading: "Something went wrong, and we are on it".into(),
                        blocks: vec![
                            Block::Para(format!("Hello {name},")),
                            Block::Para(format!(
                                "Something went wrong while processing order {n} for {product}. Your payment is \
                                 recorded and our team is on it: we will complete the order or contact you about a \
                                 refund, as soon as possible."
                            )),
                            Block::Para(help_en),
                            Block::Link { label: "Track order".into(), url },
                        ],
                    },
                ],
            )
        }
    }
}

fn admin_email(event: Event, order: &OrderFacts<'_>, contacts: &Contacts<'_>) -> (String, Vec<Section>) {
    let n = order.number;
    let fields = |labels: [&'static str; 6]| {
        let mut fields = vec![
            (labels[0], n.to_owned()),
            (labels[1], order.product_name.to_owned()),
            (labels[2], order.buyer_name.to_owned()),
            (labels[3], order.buyer_email.to_owned()),
            (labels[4], order.buyer_whatsapp.to_owned()),
        ];
        if let Some(reason) = order.attention_reason {
            fields.push((labels[5], reason.to_owned()));
        }
        fields
    };
    let id_fields = fields(["Pesanan", "Produk", "Pembeli", "Email", "WhatsApp", "Alasan"]);
    let en_fields = fields(["Order", "Product", "Buyer", "Email", "WhatsApp", "Reason"]);
    let panel = |label: &str| {
        contacts.shop_url.map(|shop| Block::Link { label: label.to_owned(), url: format!("{shop}/admin") })
    };
    let (subject, heading_id, todo_id, heading_en, todo_en) = match event {
        Event::NeedsAttention => (
            format!("[Perlu tindakan] Pesanan {n} · Order needs attention"),
            "Pesanan perlu ditangani",
            "Yang perlu dilakukan: periksa pesanan ini di panel admin, selesaikan pengirimannya atau kembalikan \
             dananya, lalu kabari pembeli. Pembeli sudah diberi tahu bahwa tim sedang menanganinya.",
            "Order needs attention",
            "What to do: check this order in the admin panel, deliver it or refund it, and let the buyer know. The \
             buyer has been told that the team is on it.",
        ),
        Event::AwaitingTeam => (
            format!("[Undangan manual] Pesanan {n} · Send the invitation by hand"),
            "Kirim undangan secara manual",
            "Yang perlu dilakukan: kirim undangan untuk pesanan ini (tujuannya ada di panel admin), lalu tandai sudah \
             terkirim. Pembeli sudah diberi tahu bahwa undangannya biasanya datang dalam satu jam.",
            "Send the invitation by hand",
            "What to do: send the invitation for this order (its target is in the admin panel), then mark it as sent. \
             The buyer has been told to expect it within the hour.",
        ),
        Event::Delivered => (
            format!("Pesanan {n} terkirim · Order delivered"),
            "Pesanan terkirim",
            "Tidak ada yang perlu dilakukan.",
            "Order delivered",
            "Nothing to do.",
        ),
    };
    let section = |lang, heading: &str, fields: Vec<(&'static str, String)>, todo: &str, link: Option<Block>| Section {
        lang,
        heading: heading.to_owned(),
        blocks: [Some(Block::Fields(fields)), Some(Block::Para(todo.to_owned())), link].into_iter().flatten().collect(),
    };
    (
        subject,
        vec![
            section("id", heading_id, id_fields, todo_id, panel("Buka panel admin")),
            section("en", heading_en, en_fields, todo_en, panel("Open the admin panel")),
        ],
    )
}

fn reason_or_dash(order: &OrderFacts<'_>) -> String {
    order.attention_reason.unwrap_or("-").to_owned()
}

/// `+6281…` as a click-to-chat link.
fn wa_link(number: &str) -> String {
    format!("https://wa.me/{}", number.trim_start_matches('+'))
}

fn render_text(sections: &[Section]) -> String {
    let mut out = String::new();
    for (i, section) in sections.iter().enumerate() {
        if i > 0 {
            out.push_str("----------------------------------------\n\n");
        }
        let _ = writeln!(out, "{}\n", section.heading);
        for block in &section.blocks {
            match block {
                Block::Para(text) | Block::Note(text) => {
                    let _ = writeln!(out, "{text}\n");
                }
                Block::Link { label, url } => {
                    let _ = writeln!(out, "{label}:\n{url}\n");
                }
                Block::Fields(fields) => {
                    for (key, value) in fields {
                        let _ = writeln!(out, "{key}: {value}");
                    }
                    out.push('\n');
                }
            }
        }
    }
    out.push_str("-- \nRuangPremium\n");
    out
}

const FONT: &str = "font-family:Arial,Helvetica,sans-serif;";

fn render_html(subject: &str, sections: &[Section]) -> String {
    let mut body = String::new();
    for (i, section) in sections.iter().enumerate() {
        if i > 0 {
            body.push_str(r#"<hr style="border:none;border-top:1px solid #2e2e35;margin:28px 0;">"#);
        }
        let _ = write!(
            body,
            r#"<div lang="{lang}"><h1 style="{FONT}margin:0 0 16px;font-size:20px;line-height:1.3;color:#d4af37;">{heading}</h1>"#,
            lang = section.lang,
            heading = escape_html(&section.heading),
        );
        for block in &section.blocks {
            match block {
                Block::Para(text) => {
                    let _ = write!(
                        body,
                        r#"<p style="{FONT}margin:0 0 14px;font-size:15px;line-height:1.6;color:#e7e5e4;">{}</p>"#,
                        escape_html(text)
                    );
                }
                Block::Note(text) => {
                    let _ = write!(
                        body,
                        r#"<p style="{FONT}margin:0 0 14px;font-size:13px;line-height:1.5;color:#a8a29e;">{}</p>"#,
                        escape_html(text)
                    );
                }
                Block::Link { label, url } => {
                    let url = escape_html(url);
                    let _ = write!(
                        body,
                        r#"<p style="margin:8px 0 6px;"><a href="{url}" style="{FONT}display:inline-block;background:#d4af37;color:#0a0a0b;text-decoration:none;font-weight:bold;font-size:15px;padding:12px 22px;border-radius:8px;">{label}</a></p><p style="{FONT}margin:0 0 16px;font-size:12px;line-height:1.5;color:#a8a29e;word-break:break-all;"><a href="{url}" style="color:#d4af37;">{url}</a></p>"#,
                        label = escape_html(label),
                    );
                }
                Block::Fields(fields) => {
                    body.push_str(r#"<table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 16px;border-collapse:collapse;">"#);
                    for (key, value) in fields {
                        let _ = write!(
                            body,
                            r#"<tr><td style="{FONT}padding:3px 16px 3px 0;font-size:14px;color:#a8a29e;vertical-align:top;">{}</td><td style="{FONT}padding:3px 0;font-size:14px;color:#fafaf9;">{}</td></tr>"#,
                            escape_html(key),
                            escape_html(value),
                        );
                    }
                    body.push_str("</table>");
                }
            }
        }
        body.push_str("</div>");
    }
    format!(
        r#"<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="dark">
<title>{title}</title>
</head>
<body style="margin:0;padding:0;background:#0a0a0b;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#0a0a0b;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#141416;border:1px solid #2e2e35;border-top:3px solid #d4af37;border-radius:12px;">
<tr><td style="{FONT}padding:22px 28px 0;font-size:13px;letter-spacing:2px;font-weight:bold;color:#d4af37;">RUANGPREMIUM</td></tr>
<tr><td style="padding:18px 28px 26px;">{body}</td></tr>
</table>
<p style="{FONT}margin:16px 0 0;font-size:12px;color:#78716c;">RuangPremium</p>
</td></tr>
</table>
</body>
</html>
"#,
        title = escape_html(subject),
    )
}

/// Text made safe for HTML content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVENTS: [Event; 3] = [Event::Delivered, Event::AwaitingTeam, Event::NeedsAttention];

    fn order<'a>(url: &'a str) -> OrderFacts<'a> {
        OrderFacts {
            number: "RP-261127-ABCDEF",
            product_name: "Netflix <Premium> & \"4K\"",
            buyer_name: "Budi <script>alert(1)</script>",
            buyer_email: "budi@example.com",
            buyer_whatsapp: "+6281234567890",
            attention_reason: Some("Provider refused: <b>quota</b>"),
            tracking_url: url,
        }
    }

    #[test]
    fn every_buyer_message_carries_the_tracking_link_in_both_languages() {
        let url = "https://shop.example/track/tok_EN-123";
        for event in EVENTS {
            let mail = email(event, Audience::Buyer, &order(url), &Contacts::default());
            assert!(mail.subject.contains("RP-261127-ABCDEF"), "{event:?}");
            assert!(mail.text.contains(url) && mail.html.contains(url), "{event:?}");
            assert!(mail.text.contains("Halo ") && mail.text.contains("Hello "), "{event:?}: both languages");
            assert!(mail.text.find("Halo ") < mail.text.find("Hello "), "{event:?}: Indonesian first");
            assert!(mail.html.contains(r#"lang="id""#) && mail.html.contains(r#"lang="en""#));
            let wa = whatsapp(event, Audience::Buyer, &order(url), &Contacts::default());
            assert!(wa.contains(url) && wa.contains("\nEN: "), "{event:?}: {wa}");
        }
    }

    #[test]
    fn admin_messages_carry_the_reason_and_never_the_buyers_link() {
        let url = "https://shop.example/track/secret-token-of-the-buyer";
        let contacts = Contacts { shop_url: Some("https://shop.example"), ..Contacts::default() };
        for event in [Event::NeedsAttention, Event::AwaitingTeam] {
            let mail = email(event, Audience::Admin, &order(url), &contacts);
            assert!(mail.text.contains("Provider refused: <b>quota</b>"), "{event:?}");
            assert!(mail.text.contains("https://shop.example/admin"), "{event:?}");
            assert!(mail.text.contains("Yang perlu dilakukan") && mail.text.contains("What to do"), "{event:?}");
            let wa = whatsapp(event, Audience::Admin, &order(url), &contacts);
            for text in [&mail.text, &mail.html, &wa] {
                assert!(!text.contains("secret-token-of-the-buyer"), "{event:?}: {text}");
            }
        }
    }

    #[test]
    fn every_value_in_the_html_is_escaped() {
        let url = "https://shop.example/track/a\"onmouseover=\"x";
        for event in EVENTS {
            for audience in [Audience::Buyer, Audience::Admin] {
                let html = email(event, audience, &order(url), &Contacts::default()).html;
                assert!(
                    !html.contains("<script>") && !html.contains("<b>quota") && !html.contains("<Premium>"),
                    "{html}"
                );
                assert!(!html.contains("a\"onmouseover"), "an attribute could be broken out of: {html}");
            }
        }
        let html = email(Event::Delivered, Audience::Buyer, &order("https://x.example/t"), &Contacts::default()).html;
        assert!(html.contains("Budi &lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
        assert!(html.contains("Netflix &lt;Premium&gt; &amp; &quot;4K&quot;"), "{html}");
    }

    #[test]
    fn needs_attention_names_the_support_contacts_or_asks_for_a_reply() {
        let url = "https://shop.example/track/t";
        let with = Contacts {
            support_email: Some("cs@shop.example"),
            support_whatsapp: Some("+6281111111111"),
            shop_url: None,
        };
        let mail = email(Event::NeedsAttention, Audience::Buyer, &order(url), &with);
        assert!(mail.text.contains("https://wa.me/6281111111111") && mail.text.contains("cs@shop.example"));
        let without = email(Event::NeedsAttention, Audience::Buyer, &order(url), &Contacts::default());
        assert!(without.text.contains("Balas saja email ini") && without.text.contains("reply to this email"));
    }
}
