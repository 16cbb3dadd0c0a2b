//! Where a mailed link may send the browser after `/verify`: the site URL's origin, or a
//! loopback origin on any port (`http://localhost:*`, `http://127.0.0.1:*`, `http://[::1]:*`),
//! any path. Anything else falls back to the site URL, as GoTrue does for a `redirect_to`
//! outside its allow list.

use url::{Host, Url};

pub fn resolve(site_url: &str, requested: Option<&str>) -> String {
    requested
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .and_then(|r| Url::parse(r).ok())
        .filter(|url| is_allowed(site_url, url))
        .map(String::from)
        .unwrap_or_else(|| site_url.to_owned())
}

fn is_allowed(site_url: &str, url: &Url) -> bool {
    if !url.username().is_empty() || url.password().is_some() {
        return false;
    }
    let same_origin_as_site = Url::parse(site_url).is_ok_and(|site| site.origin() == url.origin());
    let loopback = url.scheme() == "http"
        && match url.host() {
            Some(Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
            Some(Host::Ipv4(ip)) => ip.is_loopback(),
            Some(Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        };
    same_origin_as_site || loopback
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = "https://ruangpremium.example";

    #[test]
    fn the_site_and_loopback_origins_are_allowed() {
        for ok in [
            "https://ruangpremium.example/akun/sandi-baru",
            "http://localhost:5173/reset?x=1",
            "http://127.0.0.1:8080/",
            "http://[::1]:3000/a",
        ] {
            assert_eq!(resolve(SITE, Some(ok)), Url::parse(ok).map(String::from).expect("url"), "{ok}");
        }
    }

    #[test]
    fn everything_else_falls_back_to_the_site() {
        for bad in [
            "https://evil.example/",
            "http://ruangpremium.example/",
            "https://localhost:8080/",
            "http://localhost.evil.example/",
            "http://localhost@evil.example/",
            "http://user:pw@localhost:1/",
            "javascript:alert(1)",
            "/relative",
            "",
        ] {
            assert_eq!(resolve(SITE, Some(bad)), SITE, "{bad}");
        }
        assert_eq!(resolve(SITE, None), SITE);
    }
}
