//! QRIS (EMVCo merchant-presented mode) payloads: a TLV builder for the dynamic QR the
//! simulator hands out, the CRC-16/CCITT-FALSE that closes it (tag 63), and a parser that
//! checks a payload the way a wallet app would.

/// What a dynamic QRIS for one order carries.
#[derive(Debug, Clone)]
pub struct DynamicQris<'a> {
    pub merchant_name: &'a str,
    pub merchant_id: &'a str,
    /// National merchant id (tag 51, sub-tag 02), `ID` + 13 digits.
    pub nmid: &'a str,
    pub city: &'a str,
    pub postal_code: &'a str,
    pub amount: i64,
    /// Bill number (tag 62, sub-tag 01).
    pub bill_number: &'a str,
    /// Reference label (tag 62, sub-tag 05).
    pub reference: &'a str,
}

/// The payload: format 01, dynamic (12), merchant account (26), national merchant id (51),
/// MCC 5816 (digital goods), IDR, amount, ID, name, city, postal code, additional data (62),
/// and the CRC (63).
pub fn dynamic_payload(qr: &DynamicQris<'_>) -> String {
    let account = tlv_list(&[
        ("00", "ID.CO.TOKOPAY.WWW"),
        ("01", &merchant_pan(qr.merchant_id)),
        ("02", &clean(qr.merchant_id, 25)),
        ("03", "UMI"),
    ]);
    let national = tlv_list(&[("00", "ID.CO.QRIS.WWW"), ("02", &clean(qr.nmid, 15)), ("03", "UMI")]);
    let additional = tlv_list(&[("01", &clean(qr.bill_number, 25)), ("05", &clean(qr.reference, 25))]);
    let mut payload = tlv_list(&[
        ("00", "01"),
        ("01", "12"),
        ("26", &account),
        ("51", &national),
        ("52", "5816"),
        ("53", "360"),
        ("54", &qr.amount.max(0).to_string()),
        ("58", "ID"),
        ("59", &clean(qr.merchant_name, 25)),
        ("60", &clean(qr.city, 15)),
        ("61", &clean(qr.postal_code, 10)),
        ("62", &additional),
    ]);
    payload.push_str("6304");
    let crc = crc16_ccitt_false(payload.as_bytes());
    payload.push_str(&format!("{crc:04X}"));
    payload
}

/// CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR.
pub fn crc16_ccitt_false(data: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for byte in data {
        crc ^= u16::from(*byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 { (crc << 1) ^ 0x1021 } else { crc << 1 };
        }
    }
    crc
}

/// One tag-length-value element; lengths are two decimal digits, so values stop at 99.
pub fn tlv(tag: &str, value: &str) -> String {
    let value: String = value.chars().take(99).collect();
    format!("{tag}{:02}{value}", value.len())
}

fn tlv_list(items: &[(&str, &str)]) -> String {
    items.iter().map(|(tag, value)| tlv(tag, value)).collect()
}

/// Printable ASCII only (lengths count characters, which must then equal bytes), at most
/// `max` characters.
fn clean(value: &str, max: usize) -> String {
    value.chars().filter(|c| c.is_ascii_graphic() || *c == ' ').take(max).collect()
}

/// A 19-digit merchant PAN: the simulated acquirer prefix and digits derived from the id.
fn merchant_pan(merchant_id: &str) -> String {
    let hash =
        merchant_id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("93600999{:011}", hash % 100_000_000_000)
}

/// A payload read back: its top-level elements in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub elements: Vec<(String, String)>,
}

impl Parsed {
    /// The value of a top-level tag.
    pub fn get(&self, tag: &str) -> Option<&str> {
        self.elements.iter().find(|(t, _)| t == tag).map(|(_, v)| v.as_str())
    }

    /// The sub-elements of a template tag (26–51, 62).
    pub fn template(&self, tag: &str) -> Result<Vec<(String, String)>, String> {
        split(self.get(tag).ok_or_else(|| format!("no tag {tag}"))?)
    }

    /// Tag 54 as an integer amount.
    pub fn amount(&self) -> Option<i64> {
        self.get("54")?.parse().ok()
    }
}

/// Walks every TLV of `payload`, checking each length, that tag 63 comes last with 4
/// uppercase hex digits, and that they are the CRC of everything before them (`…6304`
/// included); also walks the templates (26–51, 62) inside.
pub fn parse(payload: &str) -> Result<Parsed, String> {
    if !payload.is_ascii() {
        return Err("a QRIS payload is ASCII".to_owned());
    }
    let elements = split(payload)?;
    match elements.first() {
        Some((tag, value)) if tag == "00" && value == "01" => {}
        _ => return Err("the payload must start with 000201".to_owned()),
    }
    let Some((tag, crc)) = elements.last() else { return Err("empty payload".to_owned()) };
    if tag != "63" || crc.len() != 4 || !crc.chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()) {
        return Err("the payload must end with tag 63 and 4 uppercase hex digits".to_owned());
    }
    let expected = format!("{:04X}", crc16_ccitt_false(&payload.as_bytes()[..payload.len() - 4]));
    if *crc != expected {
        return Err(format!("CRC {crc} does not match the computed {expected}"));
    }
    for (tag, value) in &elements {
        let number: u8 = tag.parse().map_err(|_| format!("tag {tag:?} is not numeric"))?;
        if (26..=51).contains(&number) || number == 62 {
            split(value).map_err(|err| format!("in template {tag}: {err}"))?;
        }
    }
    Ok(Parsed { elements })
}

/// Splits a run of TLVs, refusing a length that runs past the end.
fn split(mut rest: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    while !rest.is_empty() {
        if rest.len() < 4 {
            return Err(format!("trailing bytes {rest:?}"));
        }
        let (tag, len) = (&rest[..2], &rest[2..4]);
        if !tag.bytes().all(|b| b.is_ascii_digit()) || !len.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("bad tag or length at {:?}", &rest[..4]));
        }
        let len: usize = len.parse().map_err(|_| "bad length".to_owned())?;
        if rest.len() < 4 + len {
            return Err(format!("tag {tag} says {len} characters but only {} remain", rest.len() - 4));
        }
        out.push((tag.to_owned(), rest[4..4 + len].to_owned()));
        rest = &rest[4 + len..];
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> String {
        dynamic_payload(&DynamicQris {
            merchant_name: "RuangPremium",
            merchant_id: "M230906ABCD1234",
            nmid: "ID1023123456789",
            city: "JAKARTA",
            postal_code: "12190",
            amount: 151_158,
            bill_number: "TP261126QWER000001",
            reference: "RP2611267K3M9Q-1",
        })
    }

    #[test]
    fn crc_of_the_check_string_is_29b1() {
        assert_eq!(crc16_ccitt_false(b"123456789"), 0x29B1);
        assert_eq!(crc16_ccitt_false(b""), 0xFFFF);
    }

    #[test]
    fn a_generated_payload_parses_with_every_length_right() {
        let payload = sample();
        assert!(payload.starts_with("000201010212"), "{payload}");
        let parsed = parse(&payload).expect("a valid payload");
        let tags: Vec<&str> = parsed.elements.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(tags, ["00", "01", "26", "51", "52", "53", "54", "58", "59", "60", "61", "62", "63"]);
        assert_eq!(parsed.amount(), Some(151_158));
        assert_eq!(parsed.get("52"), Some("5816"));
        assert_eq!(parsed.get("53"), Some("360"));
        assert_eq!(parsed.get("58"), Some("ID"));
        assert_eq!(parsed.get("59"), Some("RuangPremium"));
        assert_eq!(parsed.get("60"), Some("JAKARTA"));
        assert_eq!(parsed.get("61"), Some("12190"));
        let account = parsed.template("26").expect("template 26");
        assert_eq!(account[0], ("00".to_owned(), "ID.CO.TOKOPAY.WWW".to_owned()));
        assert_eq!(account[1].1.len(), 19);
        assert_eq!(account[2].1, "M230906ABCD1234");
        assert_eq!(account[3].1, "UMI");
        let national = parsed.template("51").expect("template 51");
        assert_eq!(national[0].1, "ID.CO.QRIS.WWW");
        assert_eq!(national[1].1, "ID1023123456789");
        let additional = parsed.template("62").expect("template 62");
        assert_eq!(
            additional,
            vec![("01".to_owned(), "TP261126QWER000001".to_owned()), ("05".to_owned(), "RP2611267K3M9Q-1".to_owned())]
        );
        let crc = format!("{:04X}", crc16_ccitt_false(&payload.as_bytes()[..payload.len() - 4]));
        assert!(payload.ends_with(&format!("6304{crc}")));
    }

    #[test]
    fn long_or_non_ascii_names_are_cut_to_the_qris_limits() {
        let payload = dynamic_payload(&DynamicQris {
            merchant_name: "Toko Serba Ada Sejahtera Abadi Makmur",
            merchant_id: "M1",
            nmid: "ID1",
            city: "Kota Jakarta Selatan Raya",
            postal_code: "12190",
            amount: 100,
            bill_number: "TP1",
            reference: "RÉF-1",
        });
        let parsed = parse(&payload).expect("valid");
        assert_eq!(parsed.get("59"), Some("Toko Serba Ada Sejahtera "));
        assert_eq!(parsed.get("60"), Some("Kota Jakarta Se"));
        assert_eq!(parsed.template("62").expect("62")[1].1, "RF-1");
    }

    #[test]
    fn a_damaged_payload_is_refused() {
        let payload = sample();
        let flipped = payload.replacen("5816", "5817", 1);
        assert!(parse(&flipped).expect_err("bad CRC").contains("CRC"));
        let short = payload.replacen("5303360", "5304360", 1);
        assert!(parse(&short).is_err());
        assert!(parse(&payload[..payload.len() - 8]).is_err());
        let lower = format!("{}{}", &payload[..payload.len() - 4], payload[payload.len() - 4..].to_lowercase());
        if lower != payload {
            assert!(parse(&lower).is_err());
        }
    }

    #[test]
    fn real_world_qris_payloads_verify() {
        // A dynamic QRIS from a public payment integration (Xendit acquirer, amount 10071).
        let dynamic = "00020101021226650013CO.XENDIT.WWW01189360084800000000020215WNtXtb6qmr4ZJBw0303UME51370014ID.CO.QRIS.WWW0215ID20253781998505204509953033605405100715802ID5922PT Harta Tahta Sukaria6013JAKARTA PUSAT61051034062290525jnKoyvoo7dqcUcM86B9hvu6bC6304F1E5";
        let parsed = parse(dynamic).expect("valid");
        assert_eq!(parsed.get("01"), Some("12"));
        assert_eq!(parsed.amount(), Some(10071));
        assert_eq!(parsed.get("63"), Some("F1E5"));
        assert_eq!(crc16_ccitt_false(&dynamic.as_bytes()[..dynamic.len() - 4]), 0xF1E5);
        // A static donation QRIS (Shopee acquirer), no amount.
        let stat = "00020101021126550016ID.CO.SHOPEE.WWW01189360091800000000180202180303UBE51440014ID.CO.QRIS.WWW0215ID20190022915550303UBE5204839853033605802ID5906Baznas6013Jakarta Pusat61051034062070703A016304A402";
        let parsed = parse(stat).expect("valid");
        assert_eq!(parsed.get("01"), Some("11"));
        assert_eq!(parsed.amount(), None);
        assert_eq!(parsed.get("59"), Some("Baznas"));
        assert_eq!(crc16_ccitt_false(&stat.as_bytes()[..stat.len() - 4]), 0xA402);
    }
}
