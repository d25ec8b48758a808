//! Photos at the hub (issue 17): kept and served by their SHA-256, so a photo crosses the
//! network once. A device pushes its records first, then asks which of their photos the hub
//! lacks (`POST /api/v1/photos/missing`) and uploads only those (`PUT /api/v1/photos/{sha256}`);
//! a device that pulled a record fetches the photos it lacks (`GET`, cached by the browser for
//! good: a hash's bytes never change).
//!
//! The scope rule: a device may upload and download a photo only while a live record in its
//! scope refers to it (a live `foto/<sha256>` field of a record not deleted:
//! `sentra::model::photo::referenced`), and `missing` names only such photos. So the hub stores
//! no photo that no record of the office needs (strangers cannot use it as storage), and a device
//! sees only the photos of records it may pull. Which photos each stored record refers to is kept
//! in `photo_refs`, written with the record by the push (`crate::push`) in the same transaction.
//!
//! A photo lives only as long as that: the push that leaves it without a live record referring
//! to it (its field set to `false`, or its record deleted) removes it in its own transaction, so
//! the hub's disk does not grow for ever. A device keeps the photos of its deleted records (the
//! deletion can be undone); undone, the record is live again, and its next round's `missing`
//! names the photo and the device puts it again. A push may also carry photos in its bundle
//! (format 1.4's `photos`): they are taken in its transaction by the same rule. The tables, and
//! why none of this races: `store.rs`.

mod store;

pub(crate) use store::{drop_unreferenced, migrate, take_carried, write_refs};

use crate::api::{caller, internal, ApiError};
use crate::db::{text, Db};
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use sentra::bundle::sha256_hex;
use sentra::model::photo::{is_hash, MAX_BYTES, TIPES};
use serde::Deserialize;
use serde_json::{json, Value};
use store::{in_scope, keep, lacking, referenced_in};

/// The most hashes one `missing` question may ask about.
pub const MAX_HASHES: usize = 1_000;
/// A `missing` question's body: 1,000 hashes of 64 characters and their quotes, with room.
const MISSING_BODY: usize = 128 * 1024;

fn not_a_hash() -> ApiError {
    ApiError::request("Alamat foto harus sidik SHA-256-nya: 64 huruf 0-9 dan a-f")
}

/// The request's `Content-Type` without parameters, if it is a photo's type.
fn tipe(headers: &HeaderMap) -> Option<&'static str> {
    let given = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let given = given.split(';').next()?.trim();
    TIPES.into_iter().find(|t| t.eq_ignore_ascii_case(given))
}

/// `PUT /api/v1/photos/{sha256}`: a photo's bytes. 201 stored, 200 already here (nothing
/// stored twice).
pub async fn upload(
    State(db): State<Db>,
    Path(hash): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let who = caller(&db, &headers).await?;
    if !is_hash(&hash) {
        return Err(not_a_hash());
    }
    let Some(tipe) = tipe(&headers) else {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "photo_type",
            "Foto harus JPEG atau WebP (Content-Type image/jpeg atau image/webp)",
        ));
    };
    let bytes: Bytes = match Limited::new(body, MAX_BYTES as usize).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => {
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "photo_size",
                "Foto lebih dari 2 MiB; kantor tidak menerimanya",
            ))
        }
        Err(_) => return Err(ApiError::request("Kiriman terputus sebelum selesai")),
    };
    if bytes.is_empty() {
        return Err(ApiError::request("Foto kosong; tidak disimpan"));
    }
    let body_hash = {
        let bytes = bytes.clone();
        tokio::task::spawn_blocking(move || sha256_hex(&bytes))
            .await
            .map_err(|_| internal())?
    };
    if body_hash != hash {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "photo_hash",
            "Isi foto tidak cocok dengan sidik SHA-256-nya (rusak di jalan?); kirim lagi. Foto \
             tidak disimpan.",
        ));
    }
    // Checked after the body is read (at most 2 MiB from an enrolled device), so the device gets
    // this answer rather than a connection closed under its upload. The check and the insert
    // are one transaction in the write lock: a push removing the last reference comes wholly
    // before or after them (`store`).
    let mut tx = db.begin_write().await?;
    if !referenced_in(&mut tx, &who.scope, &hash).await? {
        tx.rollback().await?;
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "photo_unreferenced",
            format!(
                "Foto ini belum dipakai data mana pun di wilayah perangkat ini ({}): kirim datanya \
                 dulu, lalu fotonya. Foto tidak disimpan.",
                who.scope.code()
            ),
        ));
    }
    let stored = keep(&mut tx, &hash, tipe, bytes.to_vec(), &who.device).await?;
    tx.commit().await?;
    let status = if stored {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(json!({"sha256": hash, "size": bytes.len()}))).into_response())
}

/// `GET /api/v1/photos/{sha256}`: the bytes with their type, cached for good. 404 when the hub
/// lacks it and when no live record of the device's scope refers to it (one answer for both: a
/// device learns nothing of other scopes' photos).
pub async fn download(
    State(db): State<Db>,
    Path(hash): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let who = caller(&db, &headers).await?;
    if !is_hash(&hash) {
        return Err(not_a_hash());
    }
    let not_here = || {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "photo_not_found",
            "Foto ini belum ada di kantor",
        )
    };
    let mut conn = db.pool.acquire().await?;
    if !referenced_in(&mut conn, &who.scope, &hash).await? {
        return Err(not_here());
    }
    let etag = format!("\"{hash}\"");
    let fresh = headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim() == etag || t.trim() == "*");
    let row = if fresh {
        None
    } else {
        sqlx::query("SELECT tipe, bytes FROM photos WHERE sha256 = $1")
            .bind(hash.as_str())
            .fetch_optional(&mut *conn)
            .await?
    };
    drop(conn);
    let mut response = match (fresh, row) {
        (true, _) => StatusCode::NOT_MODIFIED.into_response(),
        (false, None) => return Err(not_here()),
        (false, Some(row)) => {
            let bytes: Vec<u8> = sqlx::Row::try_get(&row, "bytes")?;
            let tipe = text(&row, "tipe")?;
            let mut r = bytes.into_response();
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_str(&tipe).map_err(|_| internal())?,
            );
            r
        }
    };
    let h = response.headers_mut();
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=31536000, immutable"),
    );
    h.insert(
        header::ETAG,
        HeaderValue::from_str(&etag).map_err(|_| internal())?,
    );
    Ok(response)
}

#[derive(Deserialize)]
struct MissingRequest {
    sha256: Vec<String>,
}

/// `POST /api/v1/photos/missing`: `{"sha256": [...]}` (at most [`MAX_HASHES`]) answered with
/// `{"missing": [...]}`: those the hub does not have and would take from this device (a live
/// record of its scope refers to them), the ones to upload, in the order asked. A photo the hub
/// would refuse is not named: a device keeps the photos of its deleted records, and would
/// otherwise upload them every round to hear 409.
pub async fn missing(
    State(db): State<Db>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<Value>, ApiError> {
    let who = caller(&db, &headers).await?;
    let bytes = Limited::new(body, MISSING_BODY)
        .collect()
        .await
        .map_err(|_| ApiError::request("Daftar foto terlalu panjang atau terputus"))?
        .to_bytes();
    let request: MissingRequest = serde_json::from_slice(&bytes).map_err(|_| {
        ApiError::request("Permintaan tidak lengkap: perlu {\"sha256\": [sidik foto, …]}")
    })?;
    if request.sha256.len() > MAX_HASHES {
        return Err(ApiError::request(
            "Paling banyak 1.000 sidik foto sekali tanya",
        ));
    }
    if !request.sha256.iter().all(|h| is_hash(h)) {
        return Err(ApiError::request(
            "Setiap sidik foto harus 64 huruf 0-9 dan a-f",
        ));
    }
    let mut conn = db.pool.acquire().await?;
    let lacking = lacking(&mut conn, &request.sha256).await?;
    let wanted = in_scope(&mut conn, &who.scope, &lacking).await?;
    let missing: Vec<&String> = lacking.iter().filter(|h| wanted.contains(*h)).collect();
    Ok(Json(json!({ "missing": missing })))
}
