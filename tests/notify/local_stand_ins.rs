//! `ruangpremium dev`'s stand-ins, fed by the production code path: the local SMTP
//! receiver and the WhatsApp gateway simulator put every message in the local mailbox.

use ruangpremium::{mailbox, smtp_sink::SmtpSink, whatsapp_sim};
use serde_json::Value;

use crate::support::{text, Outbox, Settings, ADMIN_EMAIL, GATEWAY_TOKEN};

async fn serve(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    base
}

#[tokio::test]
async fn the_dev_stand_ins_put_both_channels_in_the_mailbox() {
    // The receivers store into the outbox's own database, so the shop is pointed at the
    // WhatsApp simulator once it is served.
    let sink = SmtpSink::bind().await.expect("bind the SMTP receiver");
    let smtp_port = sink.port();
    let base_settings = Settings::all(Some(smtp_port), Some("http://127.0.0.1:9/whatsapp-sim/send"));
    let outbox = Outbox::open(&base_settings).await;
    let pool = outbox.db.pool.clone();
    sink.serve(pool.clone());
    let base =
        serve(whatsapp_sim::router(pool.clone(), GATEWAY_TOKEN.to_owned()).merge(mailbox::router(pool.clone()))).await;
    let mut config = (*outbox.state.config).clone();
    config.notify = base_settings.with("WHATSAPP_GATEWAY_URL", &format!("{base}{}", whatsapp_sim::SEND_PATH)).config();
    let state = shop::AppState::new(outbox.state.db.clone(), config);

    let order = outbox.order("budi@example.com", "needs_attention", Some("Quota habis")).await;
    outbox.enqueue(&order, "needs_attention").await;
    assert_eq!(shop::notify::send_due(&state, "dev", 20).await.expect("send_due"), 4);
    for row in outbox.rows().await {
        assert_eq!(text(&row, "status"), "sent", "{row}");
    }

    let http = reqwest::Client::new();
    let messages = |to: &'static str| {
        let http = http.clone();
        let url = format!("{base}/mailbox/messages");
        async move {
            let body: Value =
                http.get(url).query(&[("to", to)]).send().await.expect("mailbox").json().await.expect("JSON");
            body["messages"].as_array().cloned().unwrap_or_default()
        }
    };
    let emails = messages("budi@example.com").await;
    assert_eq!(emails.len(), 1, "{emails:#?}");
    let email = &emails[0];
    assert_eq!((text(email, "kind"), text(email, "channel")), ("notification", "email"));
    assert!(text(email, "subject").contains(&order.number), "{email}");
    assert!(
        text(email, "text").contains("Ada kendala") && text(email, "html").contains("<div lang=\"en\">"),
        "{email}"
    );
    assert!(email["links"].as_array().expect("links").iter().any(|l| l == order.tracking_url().as_str()), "{email}");
    assert_eq!(messages(ADMIN_EMAIL).await.len(), 1);

    let whatsapps = messages("+6281234567890").await;
    assert_eq!(whatsapps.len(), 1, "{whatsapps:#?}");
    let whatsapp = &whatsapps[0];
    assert_eq!((text(whatsapp, "kind"), text(whatsapp, "channel")), ("whatsapp", "whatsapp"));
    assert_eq!(text(whatsapp, "subject"), "RuangPremium");
    assert!(text(whatsapp, "text").contains(&order.tracking_url()), "{whatsapp}");
    assert_eq!(messages("+6281100000001").await.len(), 1, "the admin's WhatsApp");

    let page = http.get(format!("{base}/mailbox")).send().await.expect("page").text().await.expect("html");
    assert!(page.contains("WhatsApp ke nomor") && page.contains("Email untuk"), "both kinds on the page");
}

#[tokio::test]
async fn the_whatsapp_simulator_refuses_a_wrong_token_as_the_gateway_does() {
    let outbox = Outbox::open(&Settings::default()).await;
    let base = serve(whatsapp_sim::router(outbox.db.pool.clone(), GATEWAY_TOKEN.to_owned())).await;
    let http = reqwest::Client::new();
    let send = |token: &'static str, form: &'static [(&'static str, &'static str)]| {
        http.post(format!("{base}{}", whatsapp_sim::SEND_PATH)).header("authorization", token).form(form).send()
    };
    let answer: Value = send("wrong", &[("target", "6281234567890"), ("message", "hai")])
        .await
        .expect("send")
        .json()
        .await
        .expect("JSON");
    assert_eq!(answer, serde_json::json!({"status": false, "reason": "token invalid"}));
    let answer: Value = send(GATEWAY_TOKEN, &[("target", "+62 812"), ("message", "hai")])
        .await
        .expect("send")
        .json()
        .await
        .expect("JSON");
    assert_eq!(answer["reason"], "invalid target");
    let answer: Value = send(GATEWAY_TOKEN, &[("target", "081234567890"), ("message", "hai")])
        .await
        .expect("send")
        .json()
        .await
        .expect("JSON");
    assert_eq!(answer["status"], true, "{answer}");
    let stored: Vec<(String, String)> =
        sqlx::query_as("select to_address, kind from mailbox.messages").fetch_all(&outbox.db.pool).await.expect("rows");
    assert_eq!(stored, vec![("+6281234567890".to_owned(), "whatsapp".to_owned())], "the trunk 0 becomes +62");
}
