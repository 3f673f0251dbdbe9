//! The real binary on its own port, and requests to it over TCP: for tests that kill
//! the server or run several instances.

use std::process::{Child, Command};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Status, `Location` and the session cookie of an answer.
pub struct Answer {
    pub status: u16,
    pub location: Option<String>,
    pub cookie: Option<String>,
}

/// One HTTP/1.1 request on its own connection; an error once the server is gone.
pub async fn request(
    addr: &str,
    path: &str,
    body: Option<&str>,
    cookie: Option<&str>,
) -> std::io::Result<Answer> {
    let mut stream = TcpStream::connect(addr).await?;
    let mut head = match body {
        Some(b) => format!(
            "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n",
            b.len()
        ),
        None => format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n"),
    };
    if let Some(c) = cookie {
        head.push_str(&format!("Cookie: {c}\r\n"));
    }
    head.push_str("\r\n");
    head.push_str(body.unwrap_or(""));
    stream.write_all(head.as_bytes()).await?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await?;
    let text = String::from_utf8_lossy(&raw);
    let mut lines = text.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other("no status line"))?;
    let mut answer = Answer {
        status,
        location: None,
        cookie: None,
    };
    for line in lines.take_while(|l| !l.is_empty()) {
        let Some((name, value)) = line.split_once(": ") else {
            continue;
        };
        match name.to_ascii_lowercase().as_str() {
            "location" => answer.location = Some(value.to_owned()),
            "set-cookie" if value.starts_with("gn_session=") => {
                answer.cookie = value.split(';').next().map(str::to_owned);
            }
            _ => {}
        }
    }
    Ok(answer)
}

pub fn free_address() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    listener.local_addr().expect("address").to_string()
}

pub async fn start(url: &str, addr: &str) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nachbarschaft"))
        .arg("serve")
        .env("DATABASE_URL", url)
        .env("LEPTOS_SITE_ADDR", addr)
        .env("RUST_LOG", "error")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start server");
    for _ in 0..200 {
        if request(addr, "/readyz", None, None)
            .await
            .is_ok_and(|a| a.status == 200)
        {
            return child;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("server did not become ready");
}

pub async fn sign_in(addr: &str, email: &str, password: &str) -> String {
    let body = format!("email={}&password={password}", email.replace('@', "%40"));
    let answer = request(addr, "/login", Some(&body), None)
        .await
        .expect("sign in");
    assert_eq!(answer.location.as_deref(), Some("/me"), "{email}");
    answer.cookie.expect("session cookie")
}
