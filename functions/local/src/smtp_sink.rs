//! A tiny SMTP receiver on a loopback port, so that `ruangpremium dev` sends the shop's
//! emails through the production code path (lettre, `SMTP_URL=smtp://127.0.0.1:<port>`)
//! and every mail lands in the local mailbox (`/mailbox`) instead of leaving the machine.
//!
//! The part of RFC 5321 a submission client uses: EHLO/HELO, MAIL FROM, RCPT TO, DATA
//! (with dot-unstuffing), RSET, NOOP, QUIT; no TLS and no AUTH (loopback only). The
//! message is parsed with `mail-parser` and stored once per recipient, kind
//! `notification`, with its text and HTML parts and the links of its text.

use std::{net::SocketAddr, time::Duration};

use serde_json::json;
use sqlx::PgPool;
use tokio::{
    io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
};

use crate::mailbox::{self, NewMessage};

/// The name the receiver gives itself in its greeting and EHLO answer.
const DOMAIN: &str = "mailbox.ruangpremium.local";
/// The largest message accepted (the shop's are a few kilobytes).
const MAX_MESSAGE_BYTES: usize = 10 * 1024 * 1024;
/// The longest command line (RFC 5321 §4.5.3.1.4 says 512; be lenient).
const MAX_LINE_BYTES: usize = 4096;
const MAX_RECIPIENTS: usize = 100;
/// A client silent this long is dropped.
const IDLE: Duration = Duration::from_secs(120);

/// A bound receiver, not yet accepting (its port is needed before the mailbox's pool
/// exists).
pub struct SmtpSink {
    listener: TcpListener,
    addr: SocketAddr,
}

impl SmtpSink {
    /// Binds a free port of 127.0.0.1.
    pub async fn bind() -> std::io::Result<SmtpSink> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        Ok(SmtpSink { listener, addr })
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// `smtp://127.0.0.1:<port>`, for `SMTP_URL`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.addr.port())
    }

    /// Accepts connections for as long as the task runs, each in a task of its own,
    /// delivering to the mailbox through `pool`.
    pub fn serve(self, pool: PgPool) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            loop {
                match self.listener.accept().await {
                    Ok((stream, _)) => {
                        let pool = pool.clone();
                        tokio::spawn(async move {
                            if let Err(err) = session(stream, &pool).await {
                                tracing::debug!(error = %err, "local SMTP session ended");
                            }
                        });
                    }
                    Err(err) => {
                        tracing::warn!(error = %err, "local SMTP receiver: accept failed");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                }
            }
        })
    }
}

/// One mail transaction's envelope.
#[derive(Default)]
struct Envelope {
    from: Option<String>,
    to: Vec<String>,
}

async fn session(stream: TcpStream, pool: &PgPool) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    reply(&mut write, &format!("220 {DOMAIN} ESMTP RuangPremium local mailbox")).await?;
    let mut envelope = Envelope::default();
    loop {
        let Some(line) = read_line(&mut read, MAX_LINE_BYTES).await? else { return Ok(()) };
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        let (verb, rest) = line.split_once(' ').unwrap_or((line, ""));
        match verb.to_ascii_uppercase().as_str() {
            "EHLO" => {
                envelope = Envelope::default();
                let size = format!("250-SIZE {MAX_MESSAGE_BYTES}");
                reply_lines(&mut write, &[&format!("250-{DOMAIN}"), "250-8BITMIME", "250-SMTPUTF8", &size, "250 HELP"])
                    .await?;
            }
            "HELO" => {
                envelope = Envelope::default();
                reply(&mut write, &format!("250 {DOMAIN}")).await?;
            }
            "MAIL" => match path_argument(rest, "FROM:") {
                Some(from) => {
                    envelope = Envelope { from: Some(from), to: Vec::new() };
                    reply(&mut write, "250 2.1.0 OK").await?;
                }
                None => reply(&mut write, "501 5.5.4 Syntax: MAIL FROM:<address>").await?,
            },
            "RCPT" => match (&envelope.from, path_argument(rest, "TO:")) {
                (None, _) => reply(&mut write, "503 5.5.1 MAIL first").await?,
                (Some(_), None) => reply(&mut write, "501 5.5.4 Syntax: RCPT TO:<address>").await?,
                (Some(_), Some(to)) if to.is_empty() => reply(&mut write, "501 5.1.3 An empty recipient").await?,
                (Some(_), Some(_)) if envelope.to.len() >= MAX_RECIPIENTS => {
                    reply(&mut write, "452 4.5.3 Too many recipients").await?
                }
                (Some(_), Some(to)) => {
                    envelope.to.push(to);
                    reply(&mut write, "250 2.1.5 OK").await?;
                }
            },
            "DATA" => {
                if envelope.to.is_empty() {
                    reply(&mut write, "503 5.5.1 RCPT first").await?;
                    continue;
                }
                reply(&mut write, "354 End data with <CR><LF>.<CR><LF>").await?;
                let Some(data) = read_data(&mut read).await? else { return Ok(()) };
                let answer = match data {
                    None => "552 5.3.4 Message too big".to_owned(),
                    Some(bytes) => match store(pool, &envelope, &bytes).await {
                        Ok(ids) => format!("250 2.0.0 OK: stored as {ids}"),
                        Err(err) => {
                            tracing::error!(error = %err, "local SMTP receiver: the mailbox refused a message");
                            "451 4.3.0 The local mailbox is unavailable".to_owned()
                        }
                    },
                };
                envelope = Envelope::default();
                reply(&mut write, &answer).await?;
            }
            "RSET" => {
                envelope = Envelope::default();
                reply(&mut write, "250 2.0.0 OK").await?;
            }
            "NOOP" => reply(&mut write, "250 2.0.0 OK").await?,
            "QUIT" => {
                reply(&mut write, &format!("221 2.0.0 {DOMAIN} closing")).await?;
                return Ok(());
            }
            "VRFY" => reply(&mut write, "252 2.1.5 Cannot verify, will accept").await?,
            "" => reply(&mut write, "500 5.5.2 Empty command").await?,
            _ => reply(&mut write, "502 5.5.1 Command not implemented").await?,
        }
    }
}

/// The address of `FROM:<a@b> [params]` / `TO:<a@b>`, without its angle brackets; `Some("")`
/// for the null path `<>`.
fn path_argument(rest: &str, keyword: &str) -> Option<String> {
    let rest = rest.trim_start();
    if rest.len() < keyword.len() || !rest[..keyword.len()].eq_ignore_ascii_case(keyword) {
        return None;
    }
    let path = rest[keyword.len()..].trim_start();
    let path = path.split(' ').next().unwrap_or_default();
    let address = path.strip_prefix('<')?.strip_suffix('>')?;
    // A source route (`<@a,@b:user@host>`) is to be ignored (RFC 5321 §4.1.2).
    let address = address.rsplit(':').next().unwrap_or(address);
    Some(address.to_owned())
}

/// One line, with its ending; `None` at the end of the stream or after `IDLE` of silence.
/// A longer line is cut at `limit` (the rest comes as the next "line").
async fn read_line<R: AsyncRead + Unpin>(read: &mut BufReader<R>, limit: usize) -> std::io::Result<Option<Vec<u8>>> {
    let mut line = Vec::new();
    loop {
        let buf = match tokio::time::timeout(IDLE, read.fill_buf()).await {
            Ok(buf) => buf?,
            Err(_) => return Ok(None),
        };
        if buf.is_empty() {
            return Ok(if line.is_empty() { None } else { Some(line) });
        }
        let room = limit.saturating_sub(line.len()).max(1);
        let take = buf.iter().take(room).position(|b| *b == b'\n').map(|i| i + 1);
        match take {
            Some(n) => {
                line.extend_from_slice(&buf[..n]);
                read.consume(n);
                return Ok(Some(line));
            }
            None => {
                let n = buf.len().min(room);
                line.extend_from_slice(&buf[..n]);
                read.consume(n);
                if line.len() >= limit {
                    return Ok(Some(line));
                }
            }
        }
    }
}

/// The message of a DATA command, up to the line holding a lone dot, dot-unstuffed and
/// with CRLF line endings. `Ok(None)`: the client went away; `Ok(Some(None))`: too big
/// (read to its end all the same, so the session can go on).
async fn read_data<R: AsyncRead + Unpin>(read: &mut BufReader<R>) -> std::io::Result<Option<Option<Vec<u8>>>> {
    let mut data = Vec::new();
    let mut too_big = false;
    loop {
        let Some(line) = read_line(read, MAX_LINE_BYTES * 4).await? else { return Ok(None) };
        let content = line.strip_suffix(b"\n").map(|l| l.strip_suffix(b"\r").unwrap_or(l)).unwrap_or(&line);
        let ended = line.ends_with(b"\n");
        if ended && content == b"." {
            return Ok(Some((!too_big).then_some(data)));
        }
        if too_big {
            continue;
        }
        let content = content.strip_prefix(b".").unwrap_or(content);
        data.extend_from_slice(content);
        if ended {
            data.extend_from_slice(b"\r\n");
        }
        if data.len() > MAX_MESSAGE_BYTES {
            too_big = true;
            data = Vec::new();
        }
    }
}

/// Puts the message in the mailbox once per recipient; returns the mailbox ids.
async fn store(pool: &PgPool, envelope: &Envelope, raw: &[u8]) -> Result<String, sqlx::Error> {
    let parsed = mail_parser::MessageParser::default().parse(raw);
    let (subject, text, html, from, message_id) = match &parsed {
        Some(message) => (
            message.subject().unwrap_or("(tanpa subjek)").to_owned(),
            message.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
            message.body_html(0).map(|h| h.into_owned()).unwrap_or_default(),
            message
                .from()
                .and_then(|from| from.first())
                .and_then(|addr| addr.address())
                .map(str::to_owned)
                .or_else(|| envelope.from.clone()),
            message.message_id().map(str::to_owned),
        ),
        None => ("(tidak terbaca)".to_owned(), String::from_utf8_lossy(raw).into_owned(), String::new(), None, None),
    };
    let links = mailbox::links(&text);
    let mut ids = Vec::new();
    for to in &envelope.to {
        let id = mailbox::deliver(
            pool,
            NewMessage {
                to: to.clone(),
                subject: subject.clone(),
                text: text.clone(),
                html: html.clone(),
                kind: "notification".to_owned(),
                data: json!({
                    "channel": "email",
                    "from": from,
                    "envelope_from": envelope.from,
                    "message_id": message_id,
                    "links": links,
                }),
            },
        )
        .await?;
        ids.push(id.to_string());
    }
    Ok(ids.join(","))
}

async fn reply<W: AsyncWrite + Unpin>(write: &mut W, line: &str) -> std::io::Result<()> {
    write.write_all(line.as_bytes()).await?;
    write.write_all(b"\r\n").await?;
    write.flush().await
}

async fn reply_lines<W: AsyncWrite + Unpin>(write: &mut W, lines: &[&str]) -> std::io::Result<()> {
    let mut out = String::new();
    for line in lines {
        out.push_str(line);
        out.push_str("\r\n");
    }
    write.write_all(out.as_bytes()).await?;
    write.flush().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_read_with_or_without_parameters() {
        assert_eq!(path_argument("FROM:<a@b.c>", "FROM:").as_deref(), Some("a@b.c"));
        assert_eq!(path_argument("from: <a@b.c> BODY=8BITMIME SIZE=10", "FROM:").as_deref(), Some("a@b.c"));
        assert_eq!(path_argument("TO:<@relay.example:x@y.z>", "TO:").as_deref(), Some("x@y.z"));
        assert_eq!(path_argument("FROM:<>", "FROM:").as_deref(), Some(""));
        assert_eq!(path_argument("FROM:a@b.c", "FROM:"), None);
        assert_eq!(path_argument("TO:<a@b.c>", "FROM:"), None);
    }

    #[tokio::test]
    async fn data_is_dot_unstuffed_and_ends_at_the_lone_dot() {
        let input: &[u8] = b"Subject: x\r\n\r\n..leading dot\r\n.\r\nNOOP\r\n";
        let mut read = BufReader::new(input);
        let data = read_data(&mut read).await.expect("io").expect("not closed").expect("not too big");
        assert_eq!(data, b"Subject: x\r\n\r\n.leading dot\r\n");
        let next = read_line(&mut read, MAX_LINE_BYTES).await.expect("io").expect("a line");
        assert_eq!(next, b"NOOP\r\n", "the session goes on after the message");
    }

    #[tokio::test]
    async fn long_lines_are_cut_not_buffered_without_end() {
        let input = vec![b'a'; 10_000];
        let mut read = BufReader::new(input.as_slice());
        let first = read_line(&mut read, 4096).await.expect("io").expect("a line");
        assert_eq!(first.len(), 4096);
    }
}
