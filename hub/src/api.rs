//! The HTTP API under `/api/v1` (docs/sync-protocol.md), and the built app on the same port.

use crate::admin::{self, Auth, Caller};
use crate::db::Db;
use crate::pages::{PageError, Pages};
use crate::photos;
use crate::push::{self, PushError};
use crate::sync::MAX_PAGE;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, FromRef, Query, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use sentra::bundle::{self, BundleError, MAX_BYTES};
use sentra::i18n::Lang;
use sentra::model::rules::Today;
use serde::Deserialize;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::Arc;
use tower_http::cors::CorsLayer;
use tower_http::services::{ServeDir, ServeFile};

/// An answer other than success: `{"error": code, "message": text for the officer}`, plus
/// details for some codes (the ids outside the scope).
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub details: Option<(&'static str, Value)>,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            details: None,
        }
    }

    pub(crate) fn unavailable(e: impl std::fmt::Display) -> Self {
        // The device keeps its changes and tries again; the office's admin reads the log.
        eprintln!("sentra-hub: database: {e}");
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "Kantor tidak bisa dihubungi, coba lagi nanti",
        )
    }

    pub(crate) fn request(message: &str) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, "request", message)
    }

    fn bundle(status: StatusCode, e: &BundleError) -> Self {
        ApiError::new(status, "bundle", e.message(Lang::Id))
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        ApiError::unavailable(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({"error": self.code, "message": self.message});
        if let Some((key, value)) = self.details {
            body[key] = value;
        }
        let mut response = (self.status, Json(body)).into_response();
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
        }
        response
    }
}

/// What the handlers share: the database, and this process's built pull pages.
#[derive(Clone)]
struct Hub {
    db: Db,
    pages: Arc<Pages>,
}

impl FromRef<Hub> for Db {
    fn from_ref(hub: &Hub) -> Db {
        hub.db.clone()
    }
}

/// The API and, for every other path, the built app in `dist` (an unknown path gets
/// `index.html`: the app's router shows the page).
pub fn router(db: Db, dist: Option<PathBuf>) -> Router {
    let api = Router::new()
        .route("/api/v1/enrol", post(enrol))
        .route("/api/v1/push", post(push))
        .route("/api/v1/pull", get(pull))
        .route("/api/v1/photos/missing", post(photos::missing))
        .route(
            "/api/v1/photos/{sha256}",
            get(photos::download).put(photos::upload),
        )
        .route("/api", any(not_found))
        .route("/api/{*rest}", any(not_found))
        // The push and a photo's upload read their bodies themselves, each up to its limit.
        .layer(DefaultBodyLimit::disable())
        .layer(cors())
        .with_state(Hub {
            db,
            pages: Arc::default(),
        });
    match dist {
        Some(dist) => {
            // The build's .br and .gz copies (tools/compress.mjs) go to browsers accepting them.
            let index = ServeFile::new(dist.join("index.html"))
                .precompressed_br()
                .precompressed_gzip();
            let files = ServeDir::new(dist)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(index);
            api.fallback_service(files)
        }
        None => api.fallback(not_found),
    }
}

/// The app may be served from another address than the hub's (a public copy of the app, the
/// office's hub typed in Pengaturan): any origin may call the API. Safe because a request is
/// authorised by its bearer token, never by a cookie the browser would add by itself.
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(tower_http::cors::Any)
        .allow_methods([Method::GET, Method::POST, Method::PUT])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
        .expose_headers([
            HeaderName::from_static("x-sentra-cursor"),
            HeaderName::from_static("x-sentra-more"),
        ])
        .max_age(std::time::Duration::from_secs(86_400))
}

async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "Alamat ini tidak dikenal oleh server kantor",
    )
}

#[derive(Deserialize)]
struct EnrolRequest {
    code: String,
    device: String,
}

/// A device id as the app makes them (a UUID), or any id of letters, digits, `-` and `_`.
fn valid_device(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

async fn enrol(State(db): State<Db>, body: Bytes) -> Result<Json<Value>, ApiError> {
    let request: EnrolRequest = serde_json::from_slice(&body).map_err(|_| {
        ApiError::request("Permintaan pendaftaran tidak lengkap: perlu kode dan id perangkat")
    })?;
    if !valid_device(&request.device) {
        return Err(ApiError::request("Id perangkat tidak sah"));
    }
    match admin::enrol(&db, &request.code, &request.device).await? {
        Some(enrolled) => Ok(Json(json!(enrolled))),
        None => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "enrol_code",
            "Kode pendaftaran salah atau kedaluwarsa",
        )),
    }
}

/// The device behind the request's `Authorization: Bearer <token>`.
pub(crate) async fn caller(db: &Db, headers: &HeaderMap) -> Result<Caller, ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or("");
    let wrong = || {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "token",
            "Perangkat ini belum terdaftar di kantor; daftarkan lagi dengan kode dari kantor",
        )
    };
    if token.is_empty() {
        return Err(wrong());
    }
    match admin::authenticate(db, token).await? {
        Auth::Ok(caller) => Ok(caller),
        Auth::Unknown => Err(wrong()),
        Auth::Revoked => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "revoked",
            "Perangkat ini dicabut oleh kantor",
        )),
    }
}

/// The hub's day as the record rules need it: tomorrow (UTC), so a device in WITA or WIT whose
/// date is already a day ahead is not refused, and the hub's clock bounding stamps.
pub fn today() -> Today {
    let now = crate::db::now_ms() as u64;
    let tomorrow = now + 86_400_000;
    let (year, _, _) = sentra::format::civil(tomorrow);
    Today {
        year: year as i32,
        iso: sentra::format::iso_utc(tomorrow)[..10].to_string(),
        clock_ms: now,
    }
}

async fn push(State(db): State<Db>, headers: HeaderMap, body: Body) -> Result<Response, ApiError> {
    let who = caller(&db, &headers).await?;
    // A body over the bundle limit is refused without reading the rest of it.
    let bytes = match Limited::new(body, MAX_BYTES).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => {
            return Err(ApiError::bundle(
                StatusCode::PAYLOAD_TOO_LARGE,
                &BundleError::TooLarge,
            ))
        }
        // The device went away mid-upload: nothing was read, nothing is written.
        Err(_) => return Err(ApiError::request("Kiriman terputus sebelum selesai")),
    };
    let today = today();
    // The same reader, checks and limits as a file an officer receives (gzip by its magic).
    let bundle = tokio::task::spawn_blocking(move || bundle::read_file(bytes.into(), &today))
        .await
        .map_err(|_| internal())?
        .map_err(|e| ApiError::bundle(StatusCode::UNPROCESSABLE_ENTITY, &e))?;
    let scope = who.scope.clone();
    match push::push(&db, who, bundle).await {
        Ok(pushed) => Ok(Json(pushed).into_response()),
        Err(PushError::OutOfScope(ids)) => {
            let shown: Vec<&str> = ids.iter().take(10).map(String::as_str).collect();
            let more = if ids.len() > shown.len() {
                format!(" dan {} lainnya", ids.len() - shown.len())
            } else {
                String::new()
            };
            Err(ApiError {
                details: Some(("records", json!(ids))),
                ..ApiError::new(
                    StatusCode::FORBIDDEN,
                    "scope",
                    format!(
                        "Data di luar wilayah perangkat ini ({}): {}{more}. Tidak ada yang disimpan.",
                        scope.code(),
                        shown.join(", ")
                    ),
                )
            })
        }
        Err(PushError::Db(e)) => Err(ApiError::unavailable(e)),
        Err(PushError::Internal) => Err(internal()),
    }
}

pub(crate) fn internal() -> ApiError {
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "Terjadi kesalahan di server kantor; tidak ada yang disimpan",
    )
}

#[derive(Deserialize)]
struct PullQuery {
    since: Option<i64>,
    limit: Option<i64>,
}

async fn pull(
    State(hub): State<Hub>,
    headers: HeaderMap,
    query: Result<Query<PullQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let who = caller(&hub.db, &headers).await?;
    let Ok(Query(q)) = query else {
        return Err(ApiError::request(
            "Parameter since dan limit harus bilangan bulat",
        ));
    };
    let since = q.since.unwrap_or(0);
    if since < 0 {
        return Err(ApiError::request("Parameter since tidak boleh negatif"));
    }
    let limit = q.limit.unwrap_or(MAX_PAGE).clamp(1, MAX_PAGE);
    let page = match hub.pages.get(&hub.db, &who.scope, since, limit).await {
        Ok(page) => page,
        Err(PageError::Db(e)) => return Err(ApiError::unavailable(e)),
        Err(PageError::Internal) => return Err(internal()),
    };
    // Pages travel gzipped (a page of Usaha: 1.7 MB of JSON, about 200 KB gzipped; browsers
    // unpack it by themselves); a client that does not take gzip gets the text.
    let mut response = if takes_gzip(&headers) {
        let mut r = page.gzip.clone().into_response();
        r.headers_mut()
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        r
    } else {
        let gzip = page.gzip.to_vec();
        tokio::task::spawn_blocking(move || bundle::gunzip(gzip))
            .await
            .map_err(|_| internal())?
            .map_err(|_| internal())?
            .into_response()
    };
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    h.insert("x-sentra-cursor", HeaderValue::from(page.cursor));
    h.insert(
        "x-sentra-more",
        HeaderValue::from_static(if page.more { "true" } else { "false" }),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// Whether the request's `Accept-Encoding` takes gzip (`gzip`, or `*`, with a weight above 0).
fn takes_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            let name = parts.next().unwrap_or("");
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
}
