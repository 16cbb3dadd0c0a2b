//! Reading `POST /api/orders`: every problem of the body is found and reported at once,
//! each under its field (`buyer.email`, `target.invite_email`…), and nothing the server
//! owns (a price, a status, a user id) can be sent.

use serde_json::{Map, Value};
use uuid::Uuid;

use crate::{
    account::{email, whatsapp},
    catalog::types::{InputField, InputFieldType},
    error::{FieldErrors, Text},
};

/// What the buyer asked for, every field checked on its own (the product-dependent rules
/// are checked by [`OrderRequest::check_against`]).
#[derive(Debug, Default)]
pub struct OrderRequest {
    pub product_id: Option<Uuid>,
    pub quantity: Option<i32>,
    pub buyer_name: String,
    pub buyer_email: String,
    pub buyer_whatsapp: String,
    /// The raw `target` answers; checked against the product's input schema.
    pub target: Map<String, Value>,
    pub must_read_acknowledged: bool,
}

const NOT_ALLOWED: Text = Text::new("Isian ini tidak dikenal.", "This field is not recognised.");

impl OrderRequest {
    pub fn parse(body: &Value, errors: &mut FieldErrors) -> OrderRequest {
        let mut request = OrderRequest::default();
        let Some(object) = body.as_object() else {
            errors.push(("body".into(), Text::new("Kirim sebuah objek JSON.", "Send a JSON object.")));
            return request;
        };
        let mut buyer_seen = false;
        for (field, value) in object {
            match field.as_str() {
                "product_id" => match value.as_str().and_then(|s| Uuid::parse_str(s.trim()).ok()) {
                    Some(id) => request.product_id = Some(id),
                    None => errors.push((field.clone(), Text::new("Produk tidak valid.", "The product is not valid."))),
                },
                "quantity" => match value.as_i64() {
                    Some(n) if (1..=100).contains(&n) => request.quantity = Some(n as i32),
                    _ => errors.push((field.clone(), QUANTITY_RANGE)),
                },
                "buyer" => {
                    buyer_seen = true;
                    request.parse_buyer(value, errors);
                }
                "target" => match value {
                    Value::Object(answers) => request.target = answers.clone(),
                    Value::Null => {}
                    _ => errors.push((
                        field.clone(),
                        Text::new("Data tujuan harus berupa objek.", "The target must be an object."),
                    )),
                },
                "must_read_acknowledged" => match value {
                    Value::Bool(b) => request.must_read_acknowledged = *b,
                    _ => errors.push((field.clone(), Text::new("Gunakan true atau false.", "Use true or false."))),
                },
                _ => errors.push((field.clone(), NOT_ALLOWED)),
            }
        }
        if request.product_id.is_none() && !object.contains_key("product_id") {
            errors.push(("product_id".into(), Text::new("Pilih produk.", "Choose a product.")));
        }
        if !buyer_seen {
            for (field, text) in
                [("buyer.name", NAME_RULE), ("buyer.email", EMAIL_RULE), ("buyer.whatsapp", WHATSAPP_RULE)]
            {
                errors.push((field.into(), text));
            }
        }
        request
    }

    fn parse_buyer(&mut self, value: &Value, errors: &mut FieldErrors) {
        let Some(buyer) = value.as_object() else {
            errors
                .push(("buyer".into(), Text::new("Data pembeli harus berupa objek.", "The buyer must be an object.")));
            return;
        };
        for key in buyer.keys().filter(|k| !["name", "email", "whatsapp"].contains(&k.as_str())) {
            errors.push((format!("buyer.{key}"), NOT_ALLOWED));
        }
        match buyer.get("name").and_then(Value::as_str).and_then(clean_name) {
            Some(name) => self.buyer_name = name,
            None => errors.push(("buyer.name".into(), NAME_RULE)),
        }
        match buyer.get("email").and_then(Value::as_str).and_then(email::normalize) {
            Some(email) => self.buyer_email = email,
            None => errors.push(("buyer.email".into(), EMAIL_RULE)),
        }
        match buyer.get("whatsapp").and_then(Value::as_str).and_then(whatsapp::normalize) {
            Some(number) => self.buyer_whatsapp = number,
            None => errors.push(("buyer.whatsapp".into(), WHATSAPP_RULE)),
        }
    }

    /// The rules that depend on the product: the quantity within its limit (INVITE: one
    /// seat), the answers to its input schema, and the must-read notice acknowledged.
    /// Returns the cleaned target answers.
    pub fn check_against(&self, product: &ProductRules<'_>, errors: &mut FieldErrors) -> Map<String, Value> {
        let quantity = self.quantity.unwrap_or(1);
        if product.invite && quantity != 1 {
            errors.push((
                "quantity".into(),
                Text::new("Produk undangan dibeli satu per pesanan.", "Invite products are bought one per order."),
            ));
        } else if quantity > product.max_per_order {
            errors.push((
                "quantity".into(),
                Text::new(
                    "Jumlah melebihi batas per pesanan untuk produk ini.",
                    "The quantity is over this product's limit per order.",
                ),
            ));
        }
        if product.must_read && !self.must_read_acknowledged {
            errors.push((
                "must_read_acknowledged".into(),
                Text::new(
                    "Baca dan setujui catatan wajib baca produk ini sebelum membayar.",
                    "Read and acknowledge this product's must-read notice before paying.",
                ),
            ));
        }
        let mut cleaned = Map::new();
        for key in self.target.keys().filter(|k| !product.fields.iter().any(|f| &f.key == *k)) {
            errors.push((format!("target.{key}"), NOT_ALLOWED));
        }
        for field in product.fields {
            let name = format!("target.{}", field.key);
            match self.target.get(&field.key) {
                None | Some(Value::Null) => {
                    if field.required {
                        errors.push((name, Text::new("Wajib diisi.", "Required.")));
                    }
                }
                Some(Value::String(typed)) if typed.trim().is_empty() => {
                    if field.required {
                        errors.push((name, Text::new("Wajib diisi.", "Required.")));
                    }
                }
                Some(Value::String(typed)) => match clean_answer(field, typed) {
                    Ok(value) => {
                        cleaned.insert(field.key.clone(), Value::String(value));
                    }
                    Err(problem) => errors.push((name, problem)),
                },
                Some(_) => errors.push((name, Text::new("Isian ini harus berupa teks.", "This field must be text."))),
            }
        }
        cleaned
    }
}

/// What [`OrderRequest::check_against`] needs to know of the product.
pub struct ProductRules<'a> {
    pub invite: bool,
    pub max_per_order: i32,
    pub must_read: bool,
    pub fields: &'a [InputField],
}

const QUANTITY_RANGE: Text =
    Text::new("Jumlah harus bilangan bulat 1–100.", "The quantity must be a whole number from 1 to 100.");
const NAME_RULE: Text = Text::new("Isi nama Anda (1–80 karakter).", "Enter your name (1–80 characters).");
const EMAIL_RULE: Text = Text::new(
    "Alamat email tidak valid, misalnya nama@contoh.com.",
    "Invalid email address, for example name@example.com.",
);
const WHATSAPP_RULE: Text = Text::new(
    "Nomor WhatsApp tidak valid. Gunakan nomor Indonesia, misalnya 0812 3456 7890.",
    "Invalid WhatsApp number. Use an Indonesian number, for example 0812 3456 7890.",
);

fn clean_name(typed: &str) -> Option<String> {
    let name = typed.trim();
    ((1..=80).contains(&name.chars().count()) && !name.chars().any(char::is_control)).then(|| name.to_owned())
}

fn clean_answer(field: &InputField, typed: &str) -> Result<String, Text> {
    let value = typed.trim();
    if value.chars().count() > field.max_length as usize {
        return Err(Text::new("Isian ini terlalu panjang.", "This field is too long."));
    }
    if value.chars().any(char::is_control) {
        return Err(Text::new(
            "Isian ini berisi karakter yang tidak valid.",
            "This field contains an invalid character.",
        ));
    }
    match field.field_type {
        InputFieldType::Email => email::normalize(value).ok_or(EMAIL_RULE),
        InputFieldType::Tel => {
            let digits = value.chars().filter(char::is_ascii_digit).count();
            let allowed = value.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
            if allowed && (6..=20).contains(&digits) {
                Ok(value.to_owned())
            } else {
                Err(Text::new("Nomor telepon tidak valid.", "Invalid phone number."))
            }
        }
        InputFieldType::Text => Ok(value.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_buyer_problem_is_reported_at_once() {
        let mut errors = FieldErrors::new();
        let body = serde_json::json!({"product_id": "nope", "quantity": 0, "buyer": {"name": " ", "email": "x", "whatsapp": "123", "role": "admin"}, "price": 1});
        OrderRequest::parse(&body, &mut errors);
        let mut fields: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
        fields.sort_unstable();
        assert_eq!(
            fields,
            ["buyer.email", "buyer.name", "buyer.role", "buyer.whatsapp", "price", "product_id", "quantity"]
        );
    }
}
