//! What the office's admin does from the command line, and enrolment: officers, their one-time
//! codes, devices and their tokens.

use crate::db::{hash, int, now_ms, opt_int, random_hex, text, Db};
use crate::scope::Scope;

/// Enrolment codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z,
/// 8/B, 9/g), read aloud or typed from a phone message: 24^8 ≈ 1.1e11 codes, valid for a week.
const ALPHABET: &[u8] = b"ACDEFGHJKMNPQRTUVWXY3467";
pub const CODE_LEN: usize = 8;
pub const CODE_VALID_MS: i64 = 7 * 24 * 3_600_000;

/// A code as typed: upper case, without spaces or dashes ("abcd-efgh" is "ABCDEFGH").
pub fn normalise_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

fn new_code() -> String {
    let mut out = String::with_capacity(CODE_LEN);
    while out.len() < CODE_LEN {
        let mut b = [0u8; 16];
        getrandom::fill(&mut b).expect("the operating system's random source");
        // Rejection sampling: only bytes below the largest multiple of the alphabet's size.
        let limit = 256 - 256 % ALPHABET.len();
        for x in b {
            if (x as usize) < limit && out.len() < CODE_LEN {
                out.push(ALPHABET[x as usize % ALPHABET.len()] as char);
            }
        }
    }
    out
}

#[derive(Debug)]
pub enum AdminError {
    /// Something the admin typed, explained.
    Input(String),
    Db(sqlx::Error),
}

impl From<sqlx::Error> for AdminError {
    fn from(e: sqlx::Error) -> Self {
        AdminError::Db(e)
    }
}

impl std::fmt::Display for AdminError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AdminError::Input(s) => f.write_str(s),
            AdminError::Db(e) => write!(f, "database: {e}"),
        }
    }
}

impl std::error::Error for AdminError {}

/// A new one-time code for an officer.
pub struct Enrolment {
    pub officer: String,
    pub code: String,
    pub expires_ms: i64,
}

/// Adds an officer (or finds the one with this name and scope) and makes a one-time code for
/// one device, valid until `expires_ms`. Every device of an officer gets its own code.
pub async fn add_officer(
    db: &Db,
    name: &str,
    scope: &str,
    expires_ms: i64,
) -> Result<Enrolment, AdminError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(AdminError::Input(
            "the officer's name must be 1 to 200 characters".into(),
        ));
    }
    let scope = Scope::parse(scope).ok_or_else(|| {
        AdminError::Input(format!(
            "{scope:?} is not a kabupaten code (35.29) or a province code (35)"
        ))
    })?;
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let found = sqlx::query("SELECT id FROM officers WHERE name = $1 AND scope = $2")
        .bind(name)
        .bind(scope.code())
        .fetch_optional(&mut *tx)
        .await?;
    let officer = match found {
        Some(row) => text(&row, "id")?,
        None => {
            let id = random_hex(8);
            sqlx::query(
                "INSERT INTO officers (id, name, scope, created_ms) VALUES ($1, $2, $3, $4)",
            )
            .bind(&id)
            .bind(name)
            .bind(scope.code())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            id
        }
    };
    let code = new_code();
    sqlx::query(
        "INSERT INTO enrol_codes (hash, officer, created_ms, expires_ms) VALUES ($1, $2, $3, $4)",
    )
    .bind(hash(&code))
    .bind(&officer)
    .bind(now)
    .bind(expires_ms)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Enrolment {
        officer,
        code,
        expires_ms,
    })
}

/// What a device gets when it enrols.
#[derive(Debug, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Enrolled {
    pub token: String,
    pub officer: String,
    /// The officer's scope: a kabupaten code, or a province code for a province-wide role.
    pub kabupaten: String,
}

/// Takes a one-time code for `device`: `None` if it is wrong, used or expired. A device that
/// enrols again (a new code from the office, e.g. after being revoked) gets a new token; its old
/// one stops working.
pub async fn enrol(db: &Db, code: &str, device: &str) -> Result<Option<Enrolled>, sqlx::Error> {
    let now = now_ms();
    let code_hash = hash(&normalise_code(code));
    let mut tx = db.begin_write().await?;
    let taken = sqlx::query(
        "UPDATE enrol_codes SET used_ms = $1, device = $2
         WHERE hash = $3 AND used_ms IS NULL AND expires_ms > $1",
    )
    .bind(now)
    .bind(device)
    .bind(&code_hash)
    .execute(&mut *tx)
    .await?;
    if taken.rows_affected() != 1 {
        return Ok(None);
    }
    let row = sqlx::query(
        "SELECT o.id, o.name, o.scope FROM enrol_codes c JOIN officers o ON o.id = c.officer
         WHERE c.hash = $1",
    )
    .bind(&code_hash)
    .fetch_one(&mut *tx)
    .await?;
    let token = random_hex(32);
    sqlx::query(
        "INSERT INTO devices (id, officer, token_hash, enrolled_ms) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET officer = excluded.officer,
           token_hash = excluded.token_hash, enrolled_ms = excluded.enrolled_ms, revoked_ms = NULL",
    )
    .bind(device)
    .bind(text(&row, "id")?)
    .bind(hash(&token))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(Enrolled {
        token,
        officer: text(&row, "name")?,
        kabupaten: text(&row, "scope")?,
    }))
}

/// The device a request's token belongs to.
#[derive(Clone, Debug)]
pub struct Caller {
    pub device: String,
    pub officer: String,
    pub officer_name: String,
    pub scope: Scope,
}

pub enum Auth {
    Ok(Caller),
    Unknown,
    Revoked,
}

pub async fn authenticate(db: &Db, token: &str) -> Result<Auth, sqlx::Error> {
    let row = sqlx::query(
        "SELECT d.id, d.revoked_ms, o.id AS officer, o.name, o.scope
         FROM devices d JOIN officers o ON o.id = d.officer WHERE d.token_hash = $1",
    )
    .bind(hash(token))
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else {
        return Ok(Auth::Unknown);
    };
    if opt_int(&row, "revoked_ms")?.is_some() {
        return Ok(Auth::Revoked);
    }
    let Some(scope) = Scope::parse(&text(&row, "scope")?) else {
        return Ok(Auth::Unknown);
    };
    Ok(Auth::Ok(Caller {
        device: text(&row, "id")?,
        officer: text(&row, "officer")?,
        officer_name: text(&row, "name")?,
        scope,
    }))
}

pub struct OfficerRow {
    pub id: String,
    pub name: String,
    pub scope: String,
    pub devices: i64,
    pub open_codes: i64,
}

pub async fn officers(db: &Db) -> Result<Vec<OfficerRow>, sqlx::Error> {
    let now = now_ms();
    let rows = sqlx::query(
        "SELECT o.id, o.name, o.scope,
           (SELECT COUNT(*) FROM devices d WHERE d.officer = o.id AND d.revoked_ms IS NULL) AS devices,
           (SELECT COUNT(*) FROM enrol_codes c
             WHERE c.officer = o.id AND c.used_ms IS NULL AND c.expires_ms > $1) AS open_codes
         FROM officers o ORDER BY o.scope, o.name",
    )
    .bind(now)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(OfficerRow {
                id: text(r, "id")?,
                name: text(r, "name")?,
                scope: text(r, "scope")?,
                devices: int(r, "devices")?,
                open_codes: int(r, "open_codes")?,
            })
        })
        .collect()
}

pub struct DeviceRow {
    pub id: String,
    pub officer: String,
    pub scope: String,
    pub enrolled_ms: i64,
    pub last_push_ms: Option<i64>,
    pub revoked_ms: Option<i64>,
}

pub async fn devices(db: &Db) -> Result<Vec<DeviceRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT d.id, o.name, o.scope, d.enrolled_ms, d.last_push_ms, d.revoked_ms
         FROM devices d JOIN officers o ON o.id = d.officer ORDER BY o.name, d.enrolled_ms",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(DeviceRow {
                id: text(r, "id")?,
                officer: text(r, "name")?,
                scope: text(r, "scope")?,
                enrolled_ms: int(r, "enrolled_ms")?,
                last_push_ms: opt_int(r, "last_push_ms")?,
                revoked_ms: opt_int(r, "revoked_ms")?,
            })
        })
        .collect()
}

/// Revokes a device by its id or an unambiguous beginning of it (at least 4 characters); returns
/// the full id. Its token stops working at once, on every hub process.
pub async fn revoke(db: &Db, device: &str) -> Result<String, AdminError> {
    let device = device.trim();
    if device.len() < 4 {
        return Err(AdminError::Input(
            "give the device id, or at least its first 4 characters".into(),
        ));
    }
    let mut tx = db.begin_write().await?;
    // An office has tens of devices: matched here rather than with LIKE (whose `_` is a wildcard).
    let rows = sqlx::query("SELECT id FROM devices")
        .fetch_all(&mut *tx)
        .await?;
    let mut ids = Vec::new();
    for row in &rows {
        let id = text(row, "id")?;
        if id.starts_with(device) {
            ids.push(id);
        }
    }
    let id = match ids.as_slice() {
        [id] => id.clone(),
        [] => return Err(AdminError::Input(format!("no device {device:?}"))),
        _ if ids.iter().any(|i| i == device) => device.to_string(),
        _ => {
            return Err(AdminError::Input(format!(
                "{device:?} matches {} devices; give more of the id",
                ids.len()
            )))
        }
    };
    sqlx::query("UPDATE devices SET revoked_ms = $1 WHERE id = $2 AND revoked_ms IS NULL")
        .bind(now_ms())
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(id)
}
