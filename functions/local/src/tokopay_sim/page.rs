//! The hosted payment page (`pay_url`) and the QR image (`qr_link`), for people trying the
//! shop locally: Bahasa Indonesia, dark, one column, no external assets. "Bayar sekarang
//! (simulasi)" pays the order as a wallet app would, with a normal webhook.

use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::{Html, IntoResponse, Redirect, Response},
};
use chrono::Utc;
use qrcode::{render::svg, EcLevel, QrCode};

use super::{
    store::{wib, Order, WebhookMode},
    webhook::Refusal,
    Simulator,
};

/// `GET /tokopay-sim/pay/{trx_id}`.
pub(super) async fn show(State(sim): State<Simulator>, Path(trx_id): Path<String>) -> Response {
    let order = sim.state().by_trx(&trx_id).cloned();
    match order {
        Some(order) => Html(render(&sim, &order)).into_response(),
        None => not_found(),
    }
}

/// `POST /tokopay-sim/pay/{trx_id}`: the button. Back to the page (303); an expired order
/// is refused (409) with the page saying so.
pub(super) async fn pay(State(sim): State<Simulator>, Path(trx_id): Path<String>) -> Response {
    match sim.pay(&trx_id, WebhookMode::Normal) {
        Ok(_) | Err(Refusal::AlreadyPaid) => Redirect::to(&format!("/tokopay-sim/pay/{trx_id}")).into_response(),
        Err(Refusal::Expired) => {
            let order = sim.state().by_trx(&trx_id).cloned();
            match order {
                Some(order) => (StatusCode::CONFLICT, Html(render(&sim, &order))).into_response(),
                None => not_found(),
            }
        }
        Err(Refusal::NotFound | Refusal::NotPaid) => not_found(),
    }
}

/// `GET /tokopay-sim/qr/{trx_id}.svg`.
pub(super) async fn qr_svg(State(sim): State<Simulator>, Path(file): Path<String>) -> Response {
    let Some(trx_id) = file.strip_suffix(".svg") else { return not_found() };
    let qr_string = sim.state().by_trx(trx_id).map(|order| order.qr_string.clone());
    match qr_string.and_then(|payload| qr_svg_markup(&payload)) {
        Some(svg) => {
            ([(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "no-store")], svg).into_response()
        }
        None => not_found(),
    }
}

/// The QR of `payload` as a standalone SVG document.
fn qr_svg_markup(payload: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).ok()?;
    Some(
        code.render::<svg::Color<'_>>()
            .min_dimensions(260, 260)
            .quiet_zone(true)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .build(),
    )
}

fn not_found() -> Response {
    let body = page(
        "Tagihan tidak ditemukan",
        "<h1>Tagihan tidak ditemukan</h1><p class=\"muted\">Periksa kembali tautan pembayaran Anda.</p>",
    );
    (StatusCode::NOT_FOUND, Html(body)).into_response()
}

fn render(sim: &Simulator, order: &Order) -> String {
    let config = sim.config();
    let now = Utc::now();
    let status = order.status(now);
    let fee = order.total_bayar - order.total_diterima;
    let mut body = format!(
        "<p class=\"badge\">SIMULASI &middot; tidak ada uang sungguhan</p>\
         <p class=\"muted\">Pembayaran kepada</p><h1>{merchant}</h1>\
         <p class=\"muted\">Total bayar</p><p class=\"total\">{total}</p>\
         <dl><dt>Nominal</dt><dd>{amount}</dd><dt>Biaya layanan</dt><dd>{fee}</dd>\
         <dt>Metode</dt><dd>{channel}</dd><dt>No. transaksi</dt><dd>{trx}</dd><dt>Ref</dt><dd>{reff}</dd></dl>",
        merchant = escape(&config.merchant_name),
        total = rupiah(order.total_bayar),
        amount = rupiah(order.amount),
        fee = rupiah(fee.max(0)),
        channel = escape(&order.channel),
        trx = escape(&order.trx_id),
        reff = escape(&order.reff_id),
    );
    match status {
        "Success" => {
            body.push_str("<div class=\"done\"><h2>Pembayaran berhasil</h2><p>Terima kasih, pembayaran Anda sudah kami terima.</p></div>");
            if let Some(url) =
                order.redirect_url.as_deref().filter(|u| u.starts_with("https://") || u.starts_with("http://"))
            {
                body.push_str(&format!("<a class=\"button\" href=\"{}\">Kembali ke toko</a>", escape(url)));
            }
        }
        "Expired" => body.push_str(
            "<div class=\"expired\"><h2>Tagihan kedaluwarsa</h2>\
             <p>Kode QRIS ini sudah tidak berlaku dan tidak dapat dibayar. Silakan buat pesanan baru.</p></div>",
        ),
        _ => {
            let svg = qr_svg_markup(&order.qr_string).unwrap_or_default();
            let inline = svg.find("<svg").map(|at| &svg[at..]).unwrap_or_default();
            let deadline = order.expires_at.with_timezone(&wib()).format("%d-%m-%Y %H:%M WIB");
            body.push_str(&format!(
                "<div class=\"qr\" role=\"img\" aria-label=\"Kode QRIS\">{inline}</div>\
                 <p class=\"muted\">Pindai dengan aplikasi e-wallet atau m-banking yang mendukung QRIS.</p>\
                 <p>Berlaku sampai {deadline} &middot; sisa <strong id=\"countdown\" data-expires=\"{expires}\">&hellip;</strong></p>\
                 <form method=\"post\"><button type=\"submit\">Bayar sekarang (simulasi)</button></form>\
                 <script>{script}</script>",
                expires = order.expires_at.timestamp_millis(),
                script = COUNTDOWN.replace("TRX", &order.trx_id),
            ));
        }
    }
    page(&format!("Bayar {} - {}", rupiah(order.total_bayar), config.merchant_name), &body)
}

/// Counts down to the expiry and reloads when the order changes (paid elsewhere, or expired).
const COUNTDOWN: &str = r#"(function(){var el=document.getElementById('countdown');var end=+el.dataset.expires;
function tick(){var s=Math.max(0,Math.floor((end-Date.now())/1000));var m=Math.floor(s/60);
el.textContent=m+':'+String(s%60).padStart(2,'0');if(s===0){location.reload();}}
tick();setInterval(tick,1000);
setInterval(function(){fetch('/tokopay-sim/orders?trx_id=TRX').then(function(r){return r.json();})
.then(function(o){if(o.status!=='Unpaid'){location.reload();}}).catch(function(){});},3000);})();"#;

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{title}</title><style>{STYLE}</style></head>\
         <body><main>{body}<p class=\"foot\">Tokopay &middot; simulator lokal</p></main></body></html>",
        title = escape(title),
    )
}

const STYLE: &str = "*{box-sizing:border-box}body{margin:0;background:#0f0d16;color:#ece9f5;\
font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}\
main{max-width:420px;margin:0 auto;padding:24px 16px 40px;text-align:center}\
h1{margin:0 0 16px;font-size:1.4rem}h2{margin:0 0 4px;font-size:1.2rem}\
.muted{color:#a49fb8;margin:0 0 4px;font-size:.9rem}\
.total{font-size:2rem;font-weight:700;margin:0 0 16px;color:#f5c451}\
.badge{display:inline-block;background:#3a2b5c;color:#d9c8ff;border-radius:999px;padding:2px 12px;font-size:.75rem;margin:0 0 16px}\
dl{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;text-align:left;background:#1a1725;border-radius:12px;padding:12px 16px;margin:0 0 16px;font-size:.9rem}\
dt{color:#a49fb8}dd{margin:0;text-align:right;word-break:break-all}\
.qr{background:#fff;border-radius:16px;padding:12px;margin:0 auto 12px;max-width:300px}.qr svg{width:100%;height:auto;display:block}\
button,.button{display:block;width:100%;border:0;border-radius:12px;padding:14px;font:inherit;font-weight:700;cursor:pointer;\
background:linear-gradient(90deg,#f5c451,#9b5cf6);color:#15101f;text-decoration:none;margin-top:12px}\
.done{background:#12321f;border:1px solid #2f8f55;border-radius:12px;padding:16px}\
.expired{background:#3a1518;border:1px solid #b3413f;border-radius:12px;padding:16px}\
.foot{margin-top:32px;color:#6f6a83;font-size:.75rem}";

/// `Rp151.158`.
fn rupiah(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let groups: Vec<&str> =
        digits.as_bytes().rchunks(3).rev().map(|group| std::str::from_utf8(group).unwrap_or_default()).collect();
    let grouped = groups.join(".");
    format!("{}Rp{grouped}", if amount < 0 { "-" } else { "" })
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rupiah_groups_thousands_with_dots() {
        assert_eq!(rupiah(0), "Rp0");
        assert_eq!(rupiah(999), "Rp999");
        assert_eq!(rupiah(10_170), "Rp10.170");
        assert_eq!(rupiah(15_000_000), "Rp15.000.000");
        assert_eq!(rupiah(-1_500), "-Rp1.500");
    }

    #[test]
    fn escape_neutralises_markup() {
        assert_eq!(escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    #[test]
    fn the_qr_svg_is_a_standalone_svg() {
        let svg = qr_svg_markup("00020101021226").expect("an SVG");
        assert!(svg.contains("<svg") && svg.ends_with("</svg>"), "{svg}");
    }
}
