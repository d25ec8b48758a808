//! The photos' tables: `photos` (the bytes by SHA-256) and `photo_refs` (which photos each stored
//! record refers to while live: `sentra::model::photo::referenced`), and what keeps them true.
//!
//! The rule they keep: a photo row exists only while a live record refers to it. Every write
//! that could break it runs in the database's one write lock (`Db::begin_write`): a push writes
//! its records' references and removes the photos no record refers to any more in its own
//! transaction ([`write_refs`], [`drop_unreferenced`]); an upload checks that a record of the
//! device's scope refers to the photo and stores it in one such transaction, so a push that
//! removes the last reference is either before it (the upload is refused) or after it (the
//! push removes what was just stored); never between its check and its insert.

use crate::db::{params, text, Engine};
use crate::scope::Scope;
use crate::sync::{column, decode};
use sentra::bundle::Photos;
use sentra::model::photo::{referenced, MAX_BYTES};
use sqlx::AnyConnection;
use std::collections::HashSet;

/// Ids and rows per statement (as `crate::push`).
const PER_STATEMENT: usize = 50;

/// The photos' tables (on every start, idempotent, in the write lock); once, which photos the
/// records stored before them refer to; then the photos no record refers to removed (a hub
/// before this rule kept them for good).
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
    // Cheap when there is nothing to remove (the primary key of `photo_refs` starts with the
    // hash), so every start runs it rather than marking it done.
    sqlx::query(
        "DELETE FROM photos
         WHERE NOT EXISTS (SELECT 1 FROM photo_refs r WHERE r.sha256 = photos.sha256)",
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Records the photos each written record now refers to, after removing what the records
/// `replaced` referred to before. Returns the photos those referred to before (each once): the
/// ones that may have no reference left ([`drop_unreferenced`]).
pub(crate) async fn write_refs(
    conn: &mut AnyConnection,
    replaced: &[&str],
    records: &[(&str, &[String])],
) -> Result<Vec<String>, sqlx::Error> {
    let mut before = HashSet::new();
    for chunk in replaced.chunks(PER_STATEMENT * 2) {
        let sql = format!(
            "DELETE FROM photo_refs WHERE record IN ({}) RETURNING sha256",
            params(0, chunk.len())
        );
        let mut q = sqlx::query(&sql);
        for id in chunk {
            q = q.bind(*id);
        }
        for row in q.fetch_all(&mut *conn).await? {
            before.insert(text(&row, "sha256")?);
        }
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
    Ok(before.into_iter().collect())
}

/// Removes the photos of `hashes` that no stored record refers to any more (after
/// [`write_refs`], in the same transaction).
pub(crate) async fn drop_unreferenced(
    conn: &mut AnyConnection,
    hashes: &[String],
) -> Result<(), sqlx::Error> {
    for chunk in hashes.chunks(PER_STATEMENT * 2) {
        let sql = format!(
            "DELETE FROM photos WHERE sha256 IN ({})
             AND NOT EXISTS (SELECT 1 FROM photo_refs r WHERE r.sha256 = photos.sha256)",
            params(0, chunk.len())
        );
        let mut q = sqlx::query(&sql);
        for hash in chunk {
            q = q.bind(hash.as_str());
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Of `hashes`, those a live record in `scope` refers to.
pub(crate) async fn in_scope(
    conn: &mut AnyConnection,
    scope: &Scope,
    hashes: &[String],
) -> Result<HashSet<String>, sqlx::Error> {
    let mut found = HashSet::new();
    for chunk in hashes.chunks(PER_STATEMENT) {
        let sql = format!(
            "SELECT DISTINCT p.sha256 FROM photo_refs p JOIN records r ON r.id = p.record
             WHERE r.{} = $1 AND p.sha256 IN ({})",
            column(scope),
            params(1, chunk.len())
        );
        let mut q = sqlx::query(&sql).bind(scope.code());
        for hash in chunk {
            q = q.bind(hash.as_str());
        }
        for row in q.fetch_all(&mut *conn).await? {
            found.insert(text(&row, "sha256")?);
        }
    }
    Ok(found)
}

/// Whether a live record in `scope` refers to the photo `hash`.
pub(crate) async fn referenced_in(
    conn: &mut AnyConnection,
    scope: &Scope,
    hash: &str,
) -> Result<bool, sqlx::Error> {
    Ok(!in_scope(conn, scope, &[hash.to_string()]).await?.is_empty())
}

/// Of `hashes`, those the hub does not have, in the order given (each once).
pub(crate) async fn lacking(
    conn: &mut AnyConnection,
    hashes: &[String],
) -> Result<Vec<String>, sqlx::Error> {
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
        for row in q.fetch_all(&mut *conn).await? {
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

/// Stores a photo (its bytes already checked against `hash`) unless the hub has it: whether it
/// was stored now. The caller holds the write lock and has checked that a record refers to it.
pub(crate) async fn keep(
    conn: &mut AnyConnection,
    hash: &str,
    tipe: &str,
    bytes: Vec<u8>,
    device: &str,
) -> Result<bool, sqlx::Error> {
    let size = bytes.len() as i64;
    let stored = sqlx::query(
        "INSERT INTO photos (sha256, tipe, size, received_ms, device, bytes)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sha256) DO NOTHING",
    )
    .bind(hash)
    .bind(tipe)
    .bind(size)
    .bind(crate::db::now_ms())
    .bind(device)
    .bind(bytes)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(stored > 0)
}

/// Takes the photos a push carried (`sentra::bundle::ReceivedPhotos::photos`: the reader has
/// checked each against its hash and kept those the bundle's live records refer to), after its
/// records and their references are written, in the same transaction: those the hub lacks that
/// a live record of the pusher's `scope` refers to now, within the upload's size limit. The
/// rest are left.
pub(crate) async fn take_carried(
    conn: &mut AnyConnection,
    scope: &Scope,
    device: &str,
    mut carried: Photos,
) -> Result<(), sqlx::Error> {
    carried.retain(|_, p| !p.bytes.is_empty() && p.bytes.len() as u64 <= MAX_BYTES);
    let hashes: Vec<String> = carried.keys().cloned().collect();
    let lacking = lacking(conn, &hashes).await?;
    let wanted = in_scope(conn, scope, &lacking).await?;
    for hash in lacking.iter().filter(|h| wanted.contains(*h)) {
        if let Some(photo) = carried.remove(hash) {
            keep(conn, hash, &photo.tipe, photo.bytes, device).await?;
        }
    }
    Ok(())
}
