use ruangpremium::tokopay_sim::qris;
use ruangpremium_tests::tokopay::{TokopaySim, MERCHANT_ID};

use crate::{order_15min, reff_id};

#[tokio::test]
async fn the_qr_string_is_a_valid_dynamic_qris_for_the_amount_to_pay() {
    let sim = TokopaySim::spawn().await;
    let reff = reff_id();
    let created = sim.client().create_order(&order_15min(&reff, 150_000)).await.expect("created");

    let parsed = qris::parse(&created.qr_string).expect("valid TLVs and CRC");
    assert_eq!(parsed.get("00"), Some("01"));
    assert_eq!(parsed.get("01"), Some("12"), "dynamic");
    assert_eq!(parsed.amount(), Some(created.total_bayar));
    assert_eq!(parsed.amount(), Some(151_150));
    assert_eq!(parsed.get("52"), Some("5816"));
    assert_eq!(parsed.get("53"), Some("360"));
    assert_eq!(parsed.get("58"), Some("ID"));
    assert_eq!(parsed.get("59"), Some("RuangPremium"));
    assert_eq!(parsed.get("60"), Some("JAKARTA"));
    let account = parsed.template("26").expect("merchant account");
    assert_eq!(account.iter().find(|(t, _)| t == "02").map(|(_, v)| v.as_str()), Some(MERCHANT_ID));
    let national = parsed.template("51").expect("national merchant id");
    assert_eq!(national[0].1, "ID.CO.QRIS.WWW");
    assert!(national[1].1.starts_with("ID") && national[1].1.len() == 15, "{national:?}");
    let additional = parsed.template("62").expect("additional data");
    assert_eq!(additional[0], ("01".to_owned(), created.trx_id.clone()));
    assert_eq!(additional[1], ("05".to_owned(), reff.clone()));
    let body = &created.qr_string[..created.qr_string.len() - 4];
    assert!(body.ends_with("6304"));
    assert_eq!(parsed.get("63"), Some(format!("{:04X}", qris::crc16_ccitt_false(body.as_bytes())).as_str()));
}

#[tokio::test]
async fn the_qr_link_serves_the_qr_as_svg() {
    let sim = TokopaySim::spawn().await;
    let created = sim.client().create_order(&order_15min(&reff_id(), 150_000)).await.expect("created");
    let link = created.qr_link.expect("a qr_link");
    let response = reqwest::get(&link).await.expect("the QR answers");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/svg+xml");
    let svg = response.text().await.expect("a body");
    assert!(svg.contains("<svg") && svg.ends_with("</svg>"), "{svg}");
    assert!(svg.contains("<path"), "modules are drawn");
    let missing =
        reqwest::get(format!("{}/tokopay-sim/qr/TP000000XXXX000000.svg", sim.base_url)).await.expect("answers");
    assert_eq!(missing.status(), 404);
}
