//! `newslint serve`: an HTTP service with a LanguageTool-compatible API
//! ([`lt`]), newslint's own API ([`native`]) and a page for the desk
//! ([`page`]). See `docs/serve.md`.
//!
//! HTTP/1.1 on hyper and axum over tokio; the linting itself runs on a
//! bounded pool of plain worker threads ([`pool`]), never on the async
//! executor. The server is stateless: settings are loaded once at start,
//! and no request can make it read or write a file.

pub mod lt;
pub mod native;
mod page;
pub mod pool;
pub mod text;

use crate::base::Settings;
use crate::lint::BuildError;
use crate::registry::RulesError;
use crate::text::document::Document;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use pool::{linter_for, Pool, PoolError};
use std::io::Write;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The default address: this machine only. Serving the network is a
/// choice made with `--listen`.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8081";

/// A connection that sends no complete request head for this long
/// (a slow client, or an idle keep-alive connection) is closed.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(30);

/// The server's own options (`newslint serve` takes `check`'s settings
/// flags too: see `cli`).
#[derive(clap::Args, Debug, Clone)]
pub struct ServeOptions {
    /// Address to listen on; the default serves this machine only (use
    /// 0.0.0.0:8081 to serve the network).
    #[arg(long, value_name = "ADDR", default_value = DEFAULT_LISTEN)]
    pub listen: String,
    /// Worker threads that lint (default: one per core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub workers: Option<u16>,
    /// Checks that may wait for a worker; past that, requests get 503.
    #[arg(long, value_name = "N", default_value_t = 64)]
    pub queue: usize,
    /// Largest request body (e.g. 1MB, 512KB, 2000000); larger gets 413.
    #[arg(long, value_name = "SIZE", default_value = "1MB", value_parser = parse_size)]
    pub max_body: usize,
    /// Longest text in characters; longer gets 413.
    #[arg(long, value_name = "CHARS", default_value_t = 250_000)]
    pub max_text: usize,
    /// Longest a request may take (e.g. 10s, 500ms); past that it gets 503.
    #[arg(long, value_name = "TIME", default_value = "10s", value_parser = parse_duration)]
    pub timeout: Duration,
    /// Require `Authorization: Bearer TOKEN` on every API route (or set
    /// NEWSLINT_TOKEN, which keeps it out of the process list).
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
    /// Allow browser pages from this origin to call the API (CORS), e.g.
    /// https://cms.example.com, or `*` for any. May be repeated. Off by default.
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    pub cors_origins: Vec<String>,
    /// Log no request (start and stop are still logged).
    #[arg(long)]
    pub quiet: bool,
}

/// Why the server cannot start: one line, exit 2.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: String,
        source: std::io::Error,
    },
    #[error("cannot start the server: {0}")]
    Start(std::io::Error),
    #[error(transparent)]
    Build(#[from] BuildError),
    #[error(transparent)]
    Rules(#[from] RulesError),
}

/// Why a request cannot be done as sent: the reason for a 400.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct BadRequest(pub String);

impl From<String> for BadRequest {
    fn from(reason: String) -> Self {
        BadRequest(reason)
    }
}

impl From<&str> for BadRequest {
    fn from(reason: &str) -> Self {
        BadRequest(reason.to_string())
    }
}

/// `1MB`, `512KB`, `20MiB`, `1000`: bytes.
fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: usize = num
        .parse()
        .map_err(|_| format!("`{s}` is not a size (e.g. 1MB, 512KB, 2000000)"))?;
    let mult = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1024,
        "m" | "mb" | "mib" => 1024 * 1024,
        _ => return Err(format!("`{s}`: unknown unit (use KB or MB)")),
    };
    n.checked_mul(mult)
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("`{s}`: must be at least one byte"))
}

/// `10s`, `500ms`, `2m`, `30`: a duration (a bare number is seconds).
fn parse_duration(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a duration (e.g. 10s, 500ms)"))?;
    let secs = match unit.trim() {
        "" | "s" => n,
        "ms" => n / 1000.0,
        "m" | "min" => n * 60.0,
        _ => return Err(format!("`{s}`: unknown unit (use ms, s or m)")),
    };
    if !(secs > 0.0 && secs <= 3600.0) {
        return Err(format!("`{s}`: must be more than 0 and at most an hour"));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// What the server was started with.
#[derive(Debug, Clone)]
pub struct Config {
    pub settings: Settings,
    pub workers: usize,
    pub queue: usize,
    pub max_body: usize,
    pub max_text: usize,
    pub timeout: Duration,
    pub token: Option<String>,
    pub cors_origins: Vec<String>,
    pub log_requests: bool,
}

impl Config {
    /// `newslint serve`'s defaults around these settings (for tests and
    /// embedding).
    pub fn new(settings: Settings) -> Config {
        Config {
            settings,
            workers: crate::lint::pool::default_jobs(),
            queue: 64,
            max_body: 1024 * 1024,
            max_text: 250_000,
            timeout: Duration::from_secs(10),
            token: None,
            cors_origins: Vec::new(),
            log_requests: false,
        }
    }

    /// The server's settings with the limits and switches of `options`
    /// (the token from `NEWSLINT_TOKEN` when `--token` is not given).
    pub fn with_options(settings: Settings, options: &ServeOptions) -> Config {
        let token = options
            .token
            .clone()
            .or_else(|| std::env::var("NEWSLINT_TOKEN").ok())
            .filter(|t| !t.is_empty());
        Config {
            settings,
            workers: options
                .workers
                .map_or_else(crate::lint::pool::default_jobs, usize::from),
            queue: options.queue,
            max_body: options.max_body,
            max_text: options.max_text,
            timeout: options.timeout,
            token,
            cors_origins: options.cors_origins.clone(),
            log_requests: !options.quiet,
        }
    }
}

struct Shared {
    config: Config,
    pool: Pool,
    /// `GET /api/rules`, made once.
    rules: String,
    next_id: AtomicU64,
}

#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl AppState {
    /// Starts the worker pool (each worker builds the server's linter
    /// first: a word file that cannot be read stops the start here).
    pub fn new(config: Config) -> Result<AppState, ServeError> {
        let pool = Pool::new(config.workers, config.queue, &config.settings)?;
        let rules = native::rules(&config.settings)?.to_string();
        Ok(AppState(Arc::new(Shared {
            config,
            pool,
            rules,
            next_id: AtomicU64::new(1),
        })))
    }

    pub fn pool(&self) -> &Pool {
        &self.0.pool
    }
}

/// The peer of a connection, put on each of its requests for the log.
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub SocketAddr);

/// Who an error is for: LanguageTool clients read plain text (as
/// LanguageTool sends), everything else JSON.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavor {
    Lt,
    Native,
}

fn flavor(path: &str) -> Flavor {
    if path.starts_with("/v2/") {
        Flavor::Lt
    } else {
        Flavor::Native
    }
}

fn is_api(path: &str) -> bool {
    path.starts_with("/v2/") || path.starts_with("/api/")
}

struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
        }
    }

    fn respond(self, flavor: Flavor) -> Response {
        let mut r = match flavor {
            Flavor::Lt => (self.status, format!("Error: {}\n", self.message)).into_response(),
            Flavor::Native => (
                self.status,
                [(header::CONTENT_TYPE, "application/json")],
                serde_json::json!({"error": self.message, "status": self.status.as_u16()})
                    .to_string(),
            )
                .into_response(),
        };
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        if self.status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"newslint\""),
            );
        }
        r
    }
}

fn json_response(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// The whole application: routes and middleware, without a listener (the
/// tests call it directly).
pub fn app(state: AppState) -> Router {
    let mut router = Router::new()
        .route("/", get(page::index))
        .route("/assets/page.js", get(page::script))
        .route("/assets/page.css", get(page::style))
        .route("/favicon.svg", get(page::icon))
        .route("/healthz", get(healthz))
        .route("/v2/languages", get(v2_languages))
        .route("/v2/check", get(v2_check).post(v2_check))
        .route("/api/check", post(api_check))
        .route("/api/rules", get(api_rules))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            limits_and_timeout,
        ))
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth));
    if !state.0.config.cors_origins.is_empty() {
        router = router.layer(cors(&state.0.config.cors_origins));
    }
    router
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            request_log,
        ))
        .with_state(state)
}

fn cors(origins: &[String]) -> tower_http::cors::CorsLayer {
    use tower_http::cors::{AllowOrigin, CorsLayer};
    let allow = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(
            origins
                .iter()
                .filter_map(|o| HeaderValue::from_str(o.trim_end_matches('/')).ok()),
        )
    };
    CorsLayer::new()
        .allow_origin(allow)
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
        .max_age(Duration::from_secs(3600))
}

/// One JSON line on standard error per request: never the text, nor the
/// query string (a GET check carries the text there).
async fn request_log(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !state.0.config.log_requests {
        return next.run(req).await;
    }
    let started = Instant::now();
    let id = state.0.next_id.fetch_add(1, Ordering::Relaxed);
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    let peer = req.extensions().get::<Peer>().map(|p| p.0.to_string());
    let bytes_in = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let response = next.run(req).await;
    let bytes_out = axum::body::HttpBody::size_hint(response.body()).exact();
    log_line(serde_json::json!({
        "event": "request",
        "id": id,
        "peer": peer,
        "method": method,
        "path": path,
        "status": response.status().as_u16(),
        "ms": (started.elapsed().as_secs_f64() * 1000.0 * 100.0).round() / 100.0,
        "bytes_in": bytes_in,
        "bytes_out": bytes_out,
    }));
    response
}

/// Writes one structured log line (a JSON object with a timestamp) to
/// standard error.
pub fn log_line(mut value: serde_json::Value) {
    let ts = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64());
    if let Some(obj) = value.as_object_mut() {
        obj.insert(
            "ts".into(),
            serde_json::json!((ts * 1000.0).round() / 1000.0),
        );
    }
    // A closed standard error must not take a request down with it.
    let _ = writeln!(std::io::stderr().lock(), "{value}");
}

/// The bearer token, when the server has one, on every API route.
async fn auth(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(token) = &state.0.config.token else {
        return next.run(req).await;
    };
    let path = req.uri().path();
    if !is_api(path) {
        return next.run(req).await;
    }
    let given = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim);
    match given {
        Some(g) if same(g.as_bytes(), token.as_bytes()) => next.run(req).await,
        Some(_) => {
            ApiError::new(StatusCode::UNAUTHORIZED, "wrong bearer token").respond(flavor(path))
        }
        None => ApiError::new(
            StatusCode::UNAUTHORIZED,
            "this server needs a token: send `Authorization: Bearer TOKEN`",
        )
        .respond(flavor(path)),
    }
}

/// Compares without stopping at the first difference.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A declared body over the limit is refused before it is read; every
/// request gets the server's time limit.
async fn limits_and_timeout(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let config = &state.0.config;
    let fl = flavor(req.uri().path());
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > config.max_body as u64) {
        return too_large(config.max_body).respond(fl);
    }
    match tokio::time::timeout(config.timeout, next.run(req)).await {
        Ok(response) => response,
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the request took longer than the server's limit of {} ms: try again, or send a shorter text",
                config.timeout.as_millis()
            ),
        )
        .respond(fl),
    }
}

fn too_large(limit: usize) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("the request body is larger than this server's limit of {limit} bytes"),
    )
}

async fn read_body(body: Body, limit: usize) -> Result<Bytes, ApiError> {
    use http_body_util::BodyExt;
    match http_body_util::Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => Err(too_large(limit)),
        Err(e) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("cannot read the request body: {e}"),
        )),
    }
}

fn check_length(text: &str, max: usize) -> Result<(), ApiError> {
    // Cheap first: a text with no more bytes than the limit is within it.
    if text.len() > max {
        let chars = text.chars().count();
        if chars > max {
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the text is {chars} characters; this server checks at most {max}"),
            ));
        }
    }
    Ok(())
}

fn bad_request(e: BadRequest) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, e.0)
}

fn pool_error(e: PoolError) -> ApiError {
    match e {
        PoolError::Busy => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "every worker is busy and the queue is full: try again in a moment",
        ),
        PoolError::Failed => ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error while checking this text",
        ),
    }
}

async fn healthz(State(state): State<AppState>) -> Response {
    let pool = state.pool();
    json_response(
        serde_json::json!({
            "status": "ok",
            "version": env!("CARGO_PKG_VERSION"),
            "workers": pool.workers(),
            "pending": pool.pending(),
            "queue": pool.queue_capacity(),
        })
        .to_string(),
    )
}

async fn v2_languages() -> Response {
    json_response(lt::languages().to_string())
}

async fn v2_check(State(state): State<AppState>, req: Request) -> Response {
    v2_check_inner(state, req)
        .await
        .unwrap_or_else(|e| e.respond(Flavor::Lt))
}

async fn v2_check_inner(state: AppState, req: Request) -> Result<Response, ApiError> {
    let config = &state.0.config;
    let (parts, body) = req.into_parts();
    let form = |bytes: &[u8]| -> Vec<(String, String)> {
        form_urlencoded::parse(bytes).into_owned().collect()
    };
    let mut params = parts
        .uri
        .query()
        .map_or_else(Vec::new, |q| form(q.as_bytes()));
    if parts.method == Method::POST {
        params.extend(form(&read_body(body, config.max_body).await?));
    }
    let request = lt::parse(&params, &config.settings).map_err(bad_request)?;
    check_length(&request.text.plain, config.max_text)?;
    let answer = state
        .pool()
        .run(move |linters| {
            let linter = linter_for(linters, &request.settings);
            let findings = linter.check(&Document::new("-", request.text.plain.clone()));
            lt::response(&request, &findings, linter.rules())
        })
        .await
        .map_err(pool_error)?;
    Ok(json_response(answer))
}

async fn api_check(State(state): State<AppState>, req: Request) -> Response {
    api_check_inner(state, req)
        .await
        .unwrap_or_else(|e| e.respond(Flavor::Native))
}

async fn api_check_inner(state: AppState, req: Request) -> Result<Response, ApiError> {
    let config = &state.0.config;
    let bytes = read_body(req.into_body(), config.max_body).await?;
    let body: native::CheckBody = serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("the body must be a JSON object with a `text`: {e}"),
        )
    })?;
    check_length(&body.text, config.max_text)?;
    let settings = native::settings_for(&body, &config.settings).map_err(bad_request)?;
    let doc =
        native::document_for(body.format.as_deref(), body.text, &settings).map_err(bad_request)?;
    let answer = state
        .pool()
        .run(move |linters| {
            let findings = linter_for(linters, &settings).check(&doc);
            crate::report::json(&[(doc, findings)]) + "\n"
        })
        .await
        .map_err(pool_error)?;
    Ok(json_response(answer))
}

async fn api_rules(State(state): State<AppState>) -> Response {
    json_response(state.0.rules.clone())
}

async fn not_found(req: Request) -> Response {
    let path = req.uri().path();
    ApiError::new(
        StatusCode::NOT_FOUND,
        format!("no such page or API route: {path} (see docs/serve.md)"),
    )
    .respond(flavor(path))
}

async fn method_not_allowed(req: Request) -> Response {
    let path = req.uri().path();
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{} is not allowed on {path}", req.method()),
    )
    .respond(flavor(path))
}

/// `newslint serve`: listens until SIGTERM or SIGINT, then stops taking
/// connections and lets requests in flight finish.
pub fn run(settings: Settings, options: &ServeOptions) -> Result<i32, ServeError> {
    let config = Config::with_options(settings, options);
    let listen_error = |source| ServeError::Listen {
        addr: options.listen.clone(),
        source,
    };
    let listener = std::net::TcpListener::bind(&options.listen).map_err(listen_error)?;
    listener.set_nonblocking(true).map_err(listen_error)?;
    let addr = listener.local_addr().map_err(listen_error)?;
    raise_open_files();
    let state = AppState::new(config.clone())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("newslint-serve-io")
        .build()
        .map_err(ServeError::Start)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(ServeError::Start)?;
        log_line(serde_json::json!({
            "event": "listening",
            "url": format!("http://{addr}/"),
            "workers": state.pool().workers(),
            "queue": config.queue,
            "dialect": config.settings.dialect.to_string(),
            "style": config.settings.style.map(|p| p.name()),
            "max_body": config.max_body,
            "max_text": config.max_text,
            "timeout_ms": config.timeout.as_millis() as u64,
            "token": config.token.is_some(),
            "cors": config.cors_origins,
        }));
        if !addr.ip().is_loopback() && config.token.is_none() {
            log_line(serde_json::json!({
                "event": "warning",
                "message": "listening beyond this machine without a token: anyone who can reach it can use it",
            }));
        }
        serve(listener, state, config.timeout).await;
        Ok(0)
    })
}

/// Requests being answered: from their head being read to their response
/// being made.
#[derive(Clone, Default)]
struct InFlight(Arc<AtomicUsize>);

struct InFlightGuard(Arc<AtomicUsize>);

impl InFlight {
    fn enter(&self) -> InFlightGuard {
        self.0.fetch_add(1, Ordering::SeqCst);
        InFlightGuard(Arc::clone(&self.0))
    }

    fn count(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }

    /// Until no request has been in flight for a moment (long enough for
    /// a response just made to be written).
    async fn settle(&self) {
        loop {
            while self.count() > 0 {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
            if self.count() == 0 {
                return;
            }
        }
    }
}

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Each connection is a file descriptor: allow as many as the system lets
/// (the soft limit up to the hard one; often 1,024 up to far more).
pub fn raise_open_files() {
    use rustix::process::{getrlimit, setrlimit, Resource, Rlimit};
    let limit = getrlimit(Resource::Nofile);
    if limit.current != limit.maximum {
        let _ = setrlimit(
            Resource::Nofile,
            Rlimit {
                current: limit.maximum,
                maximum: limit.maximum,
            },
        );
    }
}

/// Accepts connections until a signal, then drains.
async fn serve(listener: tokio::net::TcpListener, state: AppState, timeout: Duration) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::ServiceExt;
    let router = app(state);
    let inflight = InFlight::default();
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut signal = std::pin::pin!(shutdown_signal());
    let signal_name = loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(c) => c,
                    Err(e) => {
                        // Out of file descriptors, or the like: back off
                        // a little and go on.
                        log_line(serde_json::json!({"event": "accept_error", "error": e.to_string()}));
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let router = router.clone();
                let inflight = inflight.clone();
                let service = hyper::service::service_fn(move |mut req: Request<hyper::body::Incoming>| {
                    req.extensions_mut().insert(Peer(peer));
                    let guard = inflight.enter();
                    let response = router.clone().oneshot(req.map(Body::new));
                    async move {
                        let response = response.await;
                        drop(guard);
                        response
                    }
                });
                let conn = hyper::server::conn::http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(HEADER_TIMEOUT)
                    .serve_connection(TokioIo::new(stream), service);
                let conn = graceful.watch(conn);
                tokio::spawn(async move {
                    let _ = conn.await;
                });
            }
            name = &mut signal => break name,
        }
    };
    drop(listener);
    log_line(serde_json::json!({
        "event": "shutdown",
        "signal": signal_name,
        "message": "no new connections; finishing requests in flight",
    }));
    // Done when every connection has closed, or when no request is in
    // flight: a connection that is idle, or has sent only part of a request
    // head, is not waited for. At most the time limit and 5 s more.
    let grace = timeout + Duration::from_secs(5);
    let drained = tokio::time::timeout(grace, async {
        tokio::select! {
            () = graceful.shutdown() => {}
            () = inflight.settle() => {}
        }
    })
    .await
    .is_ok();
    log_line(serde_json::json!({"event": "stopped", "drained": drained}));
}

async fn shutdown_signal() -> &'static str {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => tokio::select! {
                _ = tokio::signal::ctrl_c() => "SIGINT",
                _ = term.recv() => "SIGTERM",
            },
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
                "SIGINT"
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
        "SIGINT"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_durations_parse() {
        assert_eq!(parse_size("1MB"), Ok(1024 * 1024));
        assert_eq!(parse_size("512kb"), Ok(512 * 1024));
        assert_eq!(parse_size("2000"), Ok(2000));
        assert!(parse_size("0").is_err());
        assert!(parse_size("1GB").is_err());
        assert!(parse_size("lots").is_err());
        assert_eq!(parse_duration("10s"), Ok(Duration::from_secs(10)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("2"), Ok(Duration::from_secs(2)));
        assert!(parse_duration("0s").is_err());
        assert!(parse_duration("1d").is_err());
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same(b"secret", b"secret"));
        assert!(!same(b"secret", b"secreT"));
        assert!(!same(b"secret", b"secret2"));
    }
}
