//! The language a response speaks: Bahasa Indonesia by default, English when the request's
//! `Accept-Language` prefers it. Set per request by [`middleware`], read by the error envelope.

use axum::{extract::Request, http::header::ACCEPT_LANGUAGE, middleware::Next, response::Response};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    /// Picks the first of `id` or `en` in an `Accept-Language` header, by quality; `id` when
    /// neither appears.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = pieces.find_map(|p| p.trim().strip_prefix("q=").and_then(|v| v.parse::<f32>().ok())).unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            let lang = match primary {
                "id" | "in" => Lang::Id,
                "en" => Lang::En,
                _ => continue,
            };
            if best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }

    /// The language of the request being handled.
    pub fn current() -> Lang {
        CURRENT.try_with(|l| *l).unwrap_or_default()
    }

    /// Chooses between the two texts of a message.
    pub fn pick(self, id: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Id => id,
            Lang::En => en,
        }
    }
}

tokio::task_local! {
    static CURRENT: Lang;
}

/// Makes the request's language available to everything that runs while handling it.
pub async fn middleware(req: Request, next: Next) -> Response {
    let lang = req
        .headers()
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default();
    CURRENT.scope(lang, next.run(req)).await
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn indonesian_is_the_default() {
        assert_eq!(Lang::from_accept_language(""), Lang::Id);
        assert_eq!(Lang::from_accept_language("fr-FR, de"), Lang::Id);
    }

    #[test]
    fn english_wins_when_preferred() {
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9"), Lang::En);
        assert_eq!(Lang::from_accept_language("id;q=0.5, en;q=0.8"), Lang::En);
        assert_eq!(Lang::from_accept_language("id-ID,id;q=0.9,en;q=0.8"), Lang::Id);
    }
}
