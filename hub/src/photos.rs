//! Photos at the hub (issue 17): kept and served by their SHA-256, so a photo crosses the
//! network once. A device pushes its records first, then asks which of their photos the hub
//! lacks (`POST /api/v1/photos/missing`) and uploads only those (`PUT /api/v1/photos/{sha256}`);
//! a device that pulled a record fetches the photos it lacks (`GET`, cached by the browser for
//! good: a hash's bytes never change).
//!
//! The scope rule: a device may upload and download a photo only while a live record in its
//! scope refers to it (a live `foto/<sha256>` field of a record not deleted:
//! `sentra::model::photo::referenced`). So the hub stores no photo that no record of the office
//! needs (strangers cannot use it as storage), and a device sees only the photos of records it
//! may pull. Which photos each stored record refers to is kept in `photo_refs`, written with the
//! record by the push (`crate::push`) in the same transaction.

use crate::api::{caller, internal, ApiError};
use crate::db::{now_ms, params, text, Db, Engine};
use crate::scope::Scope;
use crate::sync::{column, decode};
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use sentra::bundle::sha256_hex;
use sentra::model::photo::{is_hash, referenced, MAX_BYTES, TIPES};
use serde::Deserialize;
use serde_json::{json, Value};
use sqlx::AnyConnection;
use std::collections::HashSet;

/// The most hashes one `missing` question may ask about.
pub const MAX_HASHES: usize = 1_000;
/// A `missing` question's body: 1,000 hashes of 64 characters and their quotes, with room.
const MISSING_BODY: usize = 128 * 1024;
/// Ids and rows per statement (as `crate::push`).
const PER_STATEMENT: usize = 50;

/// The photos' tables (on every start, idempotent, in the write lock), and, once, which photos
/// the records stored before them refer to.
pub(crate) async fn migrate(conn: &mut AnyConnection, engine: Engine) -> Result<(), sqlx::Error> {
    use sqlx::Executor;
    let blob = match engine {
        Engine::Sqlite => "BLOB",
        Engine::Postgres => "BYTEA",
    };
    // One row per photo: its bytes as uploaded, their type and size, when and from which device.
    conn.execute(
        format!(
            "CREATE TABLE IF NOT EXISTS photos (
                sha256 TEXT PRIMARY KEY,
                tipe TEXT NOT NULL,
                size BIGINT NOT NULL,
                received_ms BIGINT NOT NULL,
                device TEXT NOT NULL,
                bytes {blob} NOT NULL
            )"
        )
        .as_str(),
    )
    .await?;
    // Which photos each stored record refers to while live (a record without photos: no row).
    conn.execute(
        "CREATE TABLE IF NOT EXISTS photo_refs (
            sha256 TEXT NOT NULL,
            record TEXT NOT NULL,
            PRIMARY KEY (sha256, record)
        )",
    )
    .await?;
    conn.execute("CREATE INDEX IF NOT EXISTS photo_refs_record ON photo_refs (record)")
        .await?;
    let filled = sqlx::query("SELECT value FROM hub_state WHERE key = 'photo_refs'")
        .fetch_optional(&mut *conn)
        .await?;
    if filled.is_none() {
        // Records pushed by a hub before this one may already refer to photos.
        let rows = sqlx::query("SELECT id, body FROM records WHERE body LIKE $1")
            .bind("%\"foto/%")
            .fetch_all(&mut *conn)
            .await?;
        let mut refs = Vec::with_capacity(rows.len());
        for row in &rows {
            let record = decode(&text(row, "body")?)?;
            refs.push((
                text(row, "id")?,
                referenced([&record]).into_iter().collect(),
            ));
        }
        let refs: Vec<(&str, &[String])> = refs
            .iter()
            .map(|(id, hashes): &(String, Vec<String>)| (id.as_str(), hashes.as_slice()))
            .collect();
        write_refs(&mut *conn, &[], &refs).await?;
        sqlx::query("INSERT INTO hub_state (key, value) VALUES ('photo_refs', 1)")
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Records the photos each written record now refers to, after removing what the records
/// `replaced` referred to before.
pub(crate) async fn write_refs(
    conn: &mut AnyConnection,
    replaced: &[&str],
    records: &[(&str, &[String])],
) -> Result<(), sqlx::Error> {
    for chunk in replaced.chunks(PER_STATEMENT * 2) {
        let sql = format!(
            "DELETE FROM photo_refs WHERE record IN ({})",
            params(0, chunk.len())
        );
        let mut q = sqlx::query(&sql);
        for id in chunk {
            q = q.bind(*id);
        }
        q.execute(&mut *conn).await?;
    }
    let pairs: Vec<(&str, &str)> = records
        .iter()
        .flat_map(|(id, hashes)| hashes.iter().map(move |h| (h.as_str(), *id)))
        .collect();
    for chunk in pairs.chunks(PER_STATEMENT) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| format!("({})", params(i * 2, 2)))
            .collect();
        let sql = format!(
            "INSERT INTO photo_refs (sha256, record) VALUES {} ON CONFLICT DO NOTHING",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for (hash, id) in chunk {
            q = q.bind(*hash).bind(*id);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Whether a live record in `scope` refers to the photo `hash`.
pub async fn referenced_in(db: &Db, scope: &Scope, hash: &str) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "SELECT p.record FROM photo_refs p JOIN records r ON r.id = p.record
         WHERE p.sha256 = $1 AND r.{} = $2 LIMIT 1",
        column(scope)
    );
    let row = sqlx::query(&sql)
        .bind(hash)
        .bind(scope.code())
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.is_some())
}

/// Of `hashes`, those the hub does not have, in the order asked (each once).
pub async fn missing_of(db: &Db, hashes: &[String]) -> Result<Vec<String>, sqlx::Error> {
    let mut have = HashSet::new();
    for chunk in hashes.chunks(PER_STATEMENT) {
        let sql = format!(
            "SELECT sha256 FROM photos WHERE sha256 IN ({})",
            params(0, chunk.len())
        );
        let mut q = sqlx::query(&sql);
        for hash in chunk {
            q = q.bind(hash.as_str());
        }
        for row in q.fetch_all(&db.pool).await? {
            have.insert(text(&row, "sha256")?);
        }
    }
    let mut seen = HashSet::new();
    Ok(hashes
        .iter()
        .filter(|h| !have.contains(*h) && seen.insert(h.as_str()))
        .cloned()
        .collect())
}

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
    // this answer rather than a connection closed under its upload.
    if !referenced_in(&db, &who.scope, &hash).await? {
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
    let stored = sqlx::query(
        "INSERT INTO photos (sha256, tipe, size, received_ms, device, bytes)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sha256) DO NOTHING",
    )
    .bind(hash.as_str())
    .bind(tipe)
    .bind(bytes.len() as i64)
    .bind(now_ms())
    .bind(who.device.as_str())
    .bind(bytes.to_vec())
    .execute(&db.pool)
    .await?
    .rows_affected();
    let status = if stored > 0 {
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
    if !referenced_in(&db, &who.scope, &hash).await? {
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
            .fetch_optional(&db.pool)
            .await?
    };
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
/// `{"missing": [...]}`, those the hub does not have: the ones to upload.
pub async fn missing(
    State(db): State<Db>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<Value>, ApiError> {
    caller(&db, &headers).await?;
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
    let missing = missing_of(&db, &request.sha256).await?;
    Ok(Json(json!({ "missing": missing })))
}
