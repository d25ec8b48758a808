//! Pull against the database: the records of a scope after a cursor, in pages written with the
//! app's own bundle writer (`crate::pages` keeps them built). The push is `crate::push`.

use crate::db::{int, text, Db};
use crate::scope::Scope;
use sentra::bundle::Header;
use sentra::model::Record;

/// A pull page holds at most this many records (about 1.7 MB of JSON for Usaha).
pub const MAX_PAGE: i64 = 2_000;
/// The device id and officer name in a pulled bundle's header.
pub const HUB_DEVICE: &str = "sentra-hub";
pub const HUB_OFFICER: &str = "Kantor";

/// A stored record's body.
pub(crate) fn decode(body: &str) -> Result<Record, sqlx::Error> {
    serde_json::from_str(body).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

/// A page of a pull.
pub struct Page {
    pub records: Vec<Record>,
    /// The sequence number of the page's last record (`since` for an empty page).
    pub cursor: i64,
    /// Whether records after this page remain.
    pub more: bool,
    /// When the hub stored the page's latest record (its bundle's `created_ms`): a page fetched
    /// again is the same text.
    pub created_ms: u64,
}

/// The column that places a record in `scope`.
pub(crate) fn column(scope: &Scope) -> &'static str {
    match scope {
        Scope::Kabupaten(_) => "kabupaten",
        Scope::Provinsi(_) => "provinsi",
    }
}

/// The records in `scope` changed after `since`, in sequence order, at most `limit`.
pub async fn pull(db: &Db, scope: &Scope, since: i64, limit: i64) -> Result<Page, sqlx::Error> {
    let column = column(scope);
    let sql = format!(
        "SELECT seq, changed_ms, body FROM records WHERE {column} = $1 AND seq > $2
         ORDER BY seq LIMIT $3"
    );
    let rows = sqlx::query(&sql)
        .bind(scope.code())
        .bind(since)
        .bind(limit + 1)
        .fetch_all(&db.pool)
        .await?;
    let more = rows.len() as i64 > limit;
    let rows = &rows[..rows.len().min(limit as usize)];
    let mut page = Page {
        records: Vec::with_capacity(rows.len()),
        cursor: since,
        more,
        created_ms: 0,
    };
    for row in rows {
        page.cursor = int(row, "seq")?;
        page.created_ms = page.created_ms.max(int(row, "changed_ms")? as u64);
        page.records.push(decode(&text(row, "body")?)?);
    }
    Ok(page)
}

/// Whether a page of `scope` after `since`, built earlier with `records` records up to `cursor`
/// (and, unless `more`, nothing after), is still what `pull` gives: the range counts as many
/// records, and nothing came after a last page. Holds because a write always renumbers the
/// record past every number given (`push`), so records only ever leave a range
/// (`crate::pages`).
pub async fn page_holds(
    db: &Db,
    scope: &Scope,
    since: i64,
    cursor: i64,
    records: i64,
    more: bool,
) -> Result<bool, sqlx::Error> {
    let column = column(scope);
    let inside = sqlx::query(&format!(
        "SELECT COUNT(*) AS n FROM records WHERE {column} = $1 AND seq > $2 AND seq <= $3"
    ))
    .bind(scope.code())
    .bind(since)
    .bind(cursor)
    .fetch_one(&db.pool)
    .await?;
    if int(&inside, "n")? != records {
        return Ok(false);
    }
    if more {
        return Ok(true);
    }
    let after = sqlx::query(&format!(
        "SELECT seq FROM records WHERE {column} = $1 AND seq > $2 LIMIT 1"
    ))
    .bind(scope.code())
    .bind(cursor)
    .fetch_optional(&db.pool)
    .await?;
    Ok(after.is_none())
}

/// A pulled page's bundle header: scope all, from the hub.
pub fn page_header(scope: &Scope, created_ms: u64) -> Header {
    Header {
        created_ms,
        device: HUB_DEVICE.into(),
        officer: HUB_OFFICER.into(),
        kabupaten: Some(scope.code().to_string()),
        scope: sentra::bundle::Scope::All,
    }
}
