//! Why a received file is refused, and the message the officer reads.

use super::MAX_BYTES;
use crate::i18n::{fill, Lang, Msg};
use crate::model::hlc::MAX_AHEAD_MS;
use crate::model::Kind;

/// Why a file cannot be imported. Nothing is changed when reading fails.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BundleError {
    TooLarge,
    NotUtf8,
    NotJson,
    Truncated,
    NotSentra,
    FutureVersion(String),
    Checksum,
    /// The structure is not what the format says (a field of the wrong type, a missing part).
    Damaged(String),
    DuplicateId(String),
    /// A record id outside the documented pattern (letters, digits, dashes; at most 100).
    BadId(String),
    /// A stamp (or the file's own time) more than `hlc::MAX_AHEAD_MS` ahead of the receiving
    /// device's clock: the device that made it, its officer, and the time it claims.
    Ahead {
        device: String,
        officer: String,
        wall: u64,
        /// The receiving device's clock when it read the file.
        now: u64,
    },
    /// A photo whose bytes do not match its SHA-256 (or are not base64): its hash. The whole
    /// file is refused, as for any damage.
    Photo(String),
    /// A record the records' rules refuse: its id, kind, field and the reason.
    Invalid {
        id: String,
        kind: Kind,
        field: String,
        reason: String,
    },
}

impl BundleError {
    /// The message for the officer.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            BundleError::TooLarge => fill(
                Msg::BundleTooLarge.text(lang),
                &[("max", &(MAX_BYTES / 1_000_000).to_string())],
            ),
            BundleError::NotUtf8 => Msg::BundleNotUtf8.text(lang).to_string(),
            BundleError::NotJson => Msg::BundleNotJson.text(lang).to_string(),
            BundleError::Truncated => Msg::BundleTruncated.text(lang).to_string(),
            BundleError::NotSentra => Msg::BundleNotSentra.text(lang).to_string(),
            BundleError::FutureVersion(v) => {
                fill(Msg::BundleFutureVersion.text(lang), &[("version", v)])
            }
            BundleError::Checksum => Msg::BundleChecksum.text(lang).to_string(),
            BundleError::Damaged(_) => Msg::BundleDamaged.text(lang).to_string(),
            BundleError::DuplicateId(id) => fill(Msg::BundleDuplicateId.text(lang), &[("id", id)]),
            BundleError::BadId(id) => {
                // Shown as text, never markup; cut so a huge id cannot flood the page.
                let shown: String = id.chars().take(60).collect();
                fill(Msg::BundleBadId.text(lang), &[("id", &shown)])
            }
            BundleError::Ahead {
                device,
                officer,
                wall,
                now,
            } => {
                let device: String = device.chars().take(8).collect();
                let officer: String = officer.chars().take(60).collect();
                fill(
                    Msg::BundleAhead.text(lang),
                    &[
                        ("device", &device),
                        ("officer", &officer),
                        ("date", &utc_minutes(*wall, lang)),
                        ("hours", &(MAX_AHEAD_MS / 3_600_000).to_string()),
                        ("now", &utc_minutes(*now, lang)),
                    ],
                )
            }
            BundleError::Photo(sha256) => {
                fill(Msg::BundlePhoto.text(lang), &[("sha256", &sha256[..12])])
            }
            BundleError::Invalid {
                id, field, reason, ..
            } => fill(
                Msg::BundleInvalid.text(lang),
                &[("id", id), ("field", field), ("reason", reason)],
            ),
        }
    }
}

/// A moment for people, to the minute, in UTC (the sender's time zone is not known):
/// "1 Januari 2999 pukul 00.00 UTC".
fn utc_minutes(ms: u64, lang: Lang) -> String {
    format!("{} UTC", crate::format::moment(ms, lang))
}
