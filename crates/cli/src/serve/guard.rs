//! What every request to `junheng serve` passes before it reaches a command: the Host header
//! must name this server (a page that reached it by DNS rebinding names its own host), a
//! cross-site Origin is refused unless CORS was configured for it, and every answer carries
//! the security headers (CSP, nosniff, frame-ancestors).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use junheng_api::{ApiError, ErrorCode};
use serde_json::json;

/// Request body of a command that carries no file (edits, scenarios, reads).
pub const BODY_MAX_BYTES: usize = 1024 * 1024;
/// Request body of a command that carries a file (imports, previews): base64 of a file of up
/// to 24 MiB. Larger files are imported with the CLI (`junheng import … --db postgres://…`).
pub const FILE_BODY_MAX_BYTES: usize = 32 * 1024 * 1024;
/// Requests with a file body read at once; more wait for none, they are refused (503), so
/// that memory stays bounded (4 × 32 MiB).
pub const FILE_BODIES_AT_ONCE: usize = 4;
/// Body of a sign-in request.
pub const LOGIN_BODY_MAX_BYTES: usize = 4 * 1024;

/// The hosts this server answers to and the origins allowed to call it across sites.
pub struct Guard {
    hosts: Vec<String>,
    cors: Vec<String>,
    csp: HeaderValue,
}

/// `host:port` in lower case, IPv6 in brackets.
fn authority(host: &str, port: u16) -> String {
    if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
    .to_ascii_lowercase()
}

/// The Content-Security-Policy of the built UI: its own scripts only; inline styles (Element
/// Plus, ECharts and Leaflet set style attributes); data: and blob: images (icons, exported
/// charts, downloads); configured map-tile origins.
pub fn csp(tile_origins: &[String]) -> String {
    let tiles = tile_origins.join(" ");
    format!(
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: blob: {tiles}; font-src 'self' data:; connect-src 'self' {tiles}; \
         worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'"
    )
    .replace("  ", " ")
    .replace(" ;", ";")
}

impl Guard {
    /// Allowed hosts: the listen address, `localhost` and `127.0.0.1` (and `[::1]`) with its
    /// port, and each `--allow-host` (a name alone allows it on any port).
    pub fn new(
        listen: SocketAddr,
        extra_hosts: &[String],
        cors: &[String],
        tiles: &[String],
    ) -> Guard {
        let port = listen.port();
        let mut hosts = vec![
            authority(&listen.ip().to_string(), port),
            authority("localhost", port),
            authority("127.0.0.1", port),
            authority("::1", port),
        ];
        hosts.extend(extra_hosts.iter().map(|h| h.trim().to_ascii_lowercase()));
        Guard {
            hosts,
            cors: cors
                .iter()
                .map(|o| o.trim_end_matches('/').to_string())
                .collect(),
            csp: HeaderValue::from_str(&csp(tiles)).expect("CSP is ASCII"),
        }
    }

    pub fn host_allowed(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let name = match host.rfind(':') {
            Some(i) if !host.ends_with(']') => &host[..i],
            _ => host.as_str(),
        };
        self.hosts
            .iter()
            .any(|h| *h == host || (!h.contains(':') && h == name))
    }

    /// A browser's Origin must be this server itself (its scheme://Host) or a configured
    /// CORS origin; requests without one (CLI, scripts) pass.
    fn origin_allowed(&self, origin: &str, host: &str) -> bool {
        let o = origin.to_ascii_lowercase();
        let h = host.to_ascii_lowercase();
        o == format!("http://{h}") || o == format!("https://{h}") || self.cors_allowed(origin)
    }

    fn cors_allowed(&self, origin: &str) -> bool {
        self.cors.iter().any(|c| c == origin)
    }
}

pub fn refuse(status: StatusCode, e: ApiError) -> Response {
    (status, Json(e)).into_response()
}

/// The middleware: Host, Origin, CORS preflight, security headers.
pub async fn check(State(guard): State<Arc<Guard>>, req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("")
        .to_string();
    if !guard.host_allowed(&host) {
        return secure(
            &guard,
            refuse(
                StatusCode::MISDIRECTED_REQUEST,
                ApiError::with(ErrorCode::BadHost, json!({ "host": host })),
            ),
        );
    }
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string);
    if let Some(o) = &origin {
        if !guard.origin_allowed(o, &host) {
            return secure(
                &guard,
                refuse(
                    StatusCode::FORBIDDEN,
                    ApiError::new(
                        ErrorCode::AuthForbidden,
                        format!("requests from {o} are not allowed (no CORS configured for it)"),
                        json!({ "role": "", "cmd": o }),
                    ),
                ),
            );
        }
    }
    let cors = origin.filter(|o| guard.cors_allowed(o));
    if req.method() == Method::OPTIONS {
        let mut r = StatusCode::NO_CONTENT.into_response();
        if let Some(o) = &cors {
            cors_headers(r.headers_mut(), o);
        }
        return secure(&guard, r);
    }
    let mut r = next.run(req).await;
    if let Some(o) = &cors {
        cors_headers(r.headers_mut(), o);
    }
    secure(&guard, r)
}

fn cors_headers(h: &mut HeaderMap, origin: &str) {
    if let Ok(v) = HeaderValue::from_str(origin) {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
        h.insert(
            header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
            HeaderValue::from_static("true"),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("content-type, x-csrf-token"),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, POST"),
        );
        h.insert(header::VARY, HeaderValue::from_static("Origin"));
    }
}

fn secure(guard: &Guard, mut r: Response) -> Response {
    let h = r.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, guard.csp.clone());
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_the_listen_address_loopback_names_and_the_allowed() {
        let g = Guard::new(
            "127.0.0.1:8080".parse().unwrap(),
            &["planning.lishui.gov.cn".into(), "10.1.2.3:8443".into()],
            &[],
            &[],
        );
        for ok in [
            "127.0.0.1:8080",
            "localhost:8080",
            "LOCALHOST:8080",
            "[::1]:8080",
            "planning.lishui.gov.cn",
            "planning.lishui.gov.cn:443",
            "10.1.2.3:8443",
        ] {
            assert!(g.host_allowed(ok), "{ok}");
        }
        for bad in [
            "",
            "rebind.attacker.example",
            "rebind.attacker.example:8080",
            "localhost:9090",
            "127.0.0.1",
            "10.1.2.3:8080",
            "planning.lishui.gov.cn.attacker.example",
        ] {
            assert!(!g.host_allowed(bad), "{bad}");
        }
        assert!(g.origin_allowed("http://localhost:8080", "localhost:8080"));
        assert!(!g.origin_allowed("http://evil.example", "localhost:8080"));
    }

    #[test]
    fn the_policy_forbids_framing_and_foreign_scripts() {
        let p = csp(&[]);
        assert!(p.starts_with("default-src 'self'"));
        assert!(p.contains("frame-ancestors 'none'"));
        assert!(p.contains("script-src 'self';"));
        assert!(p.contains("img-src 'self' data: blob:;"));
        assert!(!p.contains("unsafe-eval"));
        let t = csp(&["https://t0.tianditu.gov.cn".into()]);
        assert!(t.contains("img-src 'self' data: blob: https://t0.tianditu.gov.cn;"));
    }
}
