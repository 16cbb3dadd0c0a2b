//! Several senders at once, senders that die, and senders that come back too late.

use std::collections::HashMap;

use crate::support::{text, Answer, Gateway, Outbox, Settings, Smtpd};

#[tokio::test]
async fn a_message_whose_sender_died_is_sent_once_by_the_next_sender() {
    let gateway = Gateway::start().await;
    let outbox = Outbox::open(&Settings::all(None, Some(&gateway.url))).await;
    let order = outbox.order("budi@example.com", "delivered", None).await;
    outbox.enqueue(&order, "delivered").await;
    // The WhatsApp message was claimed by a sender that died a minute ago; the email is
    // held by one that is still within its lease.
    sqlx::query(
        "update public.notifications
         set status = 'sending', locked_by = 'died', locked_until = now() - interval '1 second'
         where channel = 'whatsapp'",
    )
    .execute(&outbox.db.pool)
    .await
    .expect("a dead sender's lease");
    sqlx::query(
        "update public.notifications
         set status = 'sending', locked_by = 'alive', locked_until = now() + interval '1 hour'
         where channel = 'email'",
    )
    .execute(&outbox.db.pool)
    .await
    .expect("a live sender's lease");

    assert_eq!(outbox.send_due("next").await, 1, "only the message whose lease ran out");
    assert_eq!(gateway.calls().len(), 1);
    let row = outbox.row("buyer", "whatsapp").await;
    assert_eq!(text(&row, "status"), "sent");
    assert_eq!(row["attempts"], 2, "the dead sender's try counts");
    assert!(row["locked_by"].is_null() && row["last_error"].is_null(), "{row}");

    assert_eq!(outbox.send_due("next").await, 0);
    assert_eq!(outbox.send_due("another").await, 0);
    assert_eq!(gateway.calls().len(), 1, "sent exactly once");
    let email = outbox.row("buyer", "email").await;
    assert_eq!((text(&email, "status"), text(&email, "locked_by")), ("sending", "alive"), "a live lease is left alone");
}

#[tokio::test]
async fn a_lease_that_runs_out_on_the_last_attempt_leaves_the_message_dead() {
    let gateway = Gateway::start().await;
    let outbox = Outbox::open(&Settings::all(None, Some(&gateway.url))).await;
    let order = outbox.order("budi@example.com", "delivered", None).await;
    outbox.enqueue(&order, "delivered").await;
    sqlx::query(
        "update public.notifications
         set status = 'sending', locked_by = 'crashing', locked_until = now() - interval '1 second',
             attempts = 7, max_attempts = 8
         where channel = 'whatsapp'",
    )
    .execute(&outbox.db.pool)
    .await
    .expect("a crashing sender's last lease");
    outbox.send_due("next").await;
    let row = outbox.row("buyer", "whatsapp").await;
    assert_eq!((text(&row, "status"), &row["attempts"]), ("dead", &serde_json::json!(8)));
    assert!(text(&row, "last_error").contains("(crashing) stopped before recording the outcome"), "{row}");
    assert!(gateway.calls().is_empty(), "a message that keeps killing its sender is not sent forever");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn four_senders_over_fifty_messages_send_each_exactly_once() {
    let smtpd = Smtpd::start().await;
    let gateway = Gateway::start().await;
    let outbox = Outbox::open(&Settings::all(Some(smtpd.port), Some(&gateway.url))).await;
    let mut orders = Vec::new();
    for i in 0..25 {
        let order = outbox.order(&format!("buyer{i}@example.com"), "delivered", None).await;
        assert_eq!(outbox.enqueue(&order, "delivered").await, 2);
        orders.push(order);
    }

    let senders: Vec<_> = (0..4)
        .map(|i| {
            let state = outbox.state.clone();
            tokio::spawn(async move {
                let mut handled = 0;
                loop {
                    let n = shop::notify::send_due(&state, &format!("sender-{i}"), 4).await.expect("send_due");
                    if n == 0 {
                        return handled;
                    }
                    handled += n;
                }
            })
        })
        .collect();
    let mut handled = Vec::new();
    for sender in senders {
        handled.push(sender.await.expect("sender"));
    }
    assert_eq!(handled.iter().sum::<usize>(), 50, "every message handled once: {handled:?}");

    let mails = smtpd.received();
    let calls = gateway.calls();
    assert_eq!(mails.len(), 25, "one email per order");
    assert_eq!(calls.len(), 25, "one WhatsApp message per order");
    let mut per_order: HashMap<&str, (usize, usize)> = HashMap::new();
    for order in &orders {
        let emails = mails.iter().filter(|m| text(m, "subject").contains(&order.number)).count();
        let whatsapps =
            calls.iter().filter(|c| c.message.as_deref().unwrap_or_default().contains(&order.number)).count();
        per_order.insert(&order.number, (emails, whatsapps));
        let mail = mails.iter().find(|m| m["rcpt_tos"][0] == order.email.as_str()).expect("the order's email");
        assert!(text(mail, "text").contains(&order.tracking_url()), "each buyer gets their own link");
    }
    assert!(per_order.values().all(|counts| *counts == (1, 1)), "{per_order:#?}");
    for row in outbox.rows().await {
        assert_eq!((text(&row, "status"), &row["attempts"]), ("sent", &serde_json::json!(1)), "{row}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sender_that_outlived_its_lease_cannot_overwrite_what_the_next_one_recorded() {
    let gateway = Gateway::start().await;
    // Time enough for the held call not to time out while the test plays the rescuer.
    let outbox = Outbox::open(&Settings::all(None, Some(&gateway.url)).with("NOTIFY_TIMEOUT_MS", "30000")).await;
    let order = outbox.order("budi@example.com", "delivered", None).await;
    outbox.enqueue(&order, "delivered").await;
    sqlx::query("delete from public.notifications where channel = 'email'")
        .execute(&outbox.db.pool)
        .await
        .expect("WhatsApp only");

    // The first sender's call hangs at the gateway…
    let (arrived, release) = gateway.hold_next();
    let state = outbox.state.clone();
    let zombie = tokio::spawn(async move { shop::notify::send_due(&state, "zombie", 20).await });
    arrived.await.expect("the zombie's call reached the gateway");
    // …past its lease, so the next sender takes the message over and sends it.
    sqlx::query(
        "update public.notifications set locked_until = now() - interval '1 second' where locked_by = 'zombie'",
    )
    .execute(&outbox.db.pool)
    .await
    .expect("the lease runs out");
    assert_eq!(outbox.send_due("rescuer").await, 1);
    let row = outbox.row("buyer", "whatsapp").await;
    assert_eq!((text(&row, "status"), &row["attempts"]), ("sent", &serde_json::json!(2)));

    // The zombie's call comes back refused; it must not turn the sent message into a failure.
    gateway.answer(Answer::Refuse("too late".into()));
    release.send(()).expect("release the zombie's call");
    assert_eq!(zombie.await.expect("zombie task").expect("zombie send_due"), 1);
    let after = outbox.row("buyer", "whatsapp").await;
    assert_eq!(text(&after, "status"), "sent");
    assert_eq!(after["attempts"], 2);
    assert!(after["last_error"].is_null(), "{after}");
    assert_eq!(after["sent_at"], row["sent_at"]);
    assert_eq!(gateway.calls().len(), 2, "at least once: the zombie's call did reach the gateway");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_sender_gives_back_at_once_what_it_had_not_started() {
    let gateway = Gateway::start().await;
    let outbox = Outbox::open(&Settings::all(None, Some(&gateway.url)).with("NOTIFY_TIMEOUT_MS", "3000")).await;
    for i in 0..3 {
        let order = outbox.order(&format!("buyer{i}@example.com"), "delivered", None).await;
        outbox.enqueue(&order, "delivered").await;
    }
    sqlx::query("delete from public.notifications where channel = 'email'")
        .execute(&outbox.db.pool)
        .await
        .expect("WhatsApp only");

    let (arrived, release) = gateway.hold_next();
    let state = outbox.state.clone();
    let impatient = tokio::spawn(async move { shop::notify::send_due(&state, "impatient", 20).await });
    arrived.await.expect("the first call reached the gateway");
    let leases: Vec<f64> =
        outbox.rows().await.iter().map(|r| r["lease_left"].as_f64().expect("leased")).collect::<Vec<_>>();
    // One send may take 2 × 3 s + 5 s = 11 s: the leases end 11 s apart, after a 30 s margin.
    for (position, lease) in leases.iter().enumerate() {
        let end = 11.0 * (position as f64 + 1.0) + 30.0;
        assert!((end - 3.0..=end + 0.5).contains(lease), "lease {position}: {lease} s, not about {end} s");
    }

    // Its caller gives up on it (a timeout around send_due drops the future).
    impatient.abort();
    let _ = impatient.await;
    let mut given_back = 0;
    for _ in 0..100 {
        given_back = outbox.rows().await.iter().filter(|r| r["status"] == "queued").count();
        if given_back == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(given_back, 2, "the two messages it had not started are queued again at once");
    let rows = outbox.rows().await;
    let in_flight: Vec<_> = rows.iter().filter(|r| r["status"] == "sending").collect();
    assert_eq!(in_flight.len(), 1, "the one in flight keeps its lease: {rows:#?}");
    assert_eq!(text(in_flight[0], "locked_by"), "impatient");
    for row in rows.iter().filter(|r| r["status"] == "queued") {
        assert_eq!(row["attempts"], 0, "a message given back was not tried: {row}");
        assert!(row["locked_by"].is_null() && row["last_error"].is_null(), "{row}");
    }

    assert_eq!(outbox.send_due("next").await, 2);
    drop(release);
    let rows = outbox.rows().await;
    assert_eq!(rows.iter().filter(|r| r["status"] == "sent").count(), 2, "{rows:#?}");
}
