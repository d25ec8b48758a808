//! The device's side of syncing with the office hub, pure: what the device keeps about its hub,
//! the answers it reads (docs/sync-protocol.md), when it tries again after a failure, and the
//! words it shows the officer. The requests themselves are `web::sync` (browser only).

use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

/// The link to an office hub, kept on the device once enrolled.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HubLink {
    /// The hub's address as the officer typed it, normalised by [`address`].
    pub address: String,
    /// The device's credential (the hub keeps only its hash).
    pub token: String,
    /// Who the hub enrolled, and their scope (a kabupaten `PP.KK` or a province `PP`).
    pub officer: String,
    pub kabupaten: String,
    /// The device id the token was given for: a wiped profile (new device id) needs enrolling anew.
    pub device: String,
    /// The hub's sequence up to which this device has pulled and stored everything.
    #[serde(default)]
    pub cursor: u64,
    /// The hub said this device was revoked: no automatic sync until enrolled again.
    #[serde(default)]
    pub revoked: bool,
    /// When a sync last finished well, and why the last one did not (if it did not), in whichever
    /// of the app's tabs synced: the others show it too.
    #[serde(default)]
    pub last_ok: Option<u64>,
    #[serde(default)]
    pub failure: Option<Failure>,
}

/// The hub's address as a base URL: `https://` added when no scheme was typed, no trailing slash.
/// `None`: nothing that can be an address.
pub fn address(typed: &str) -> Option<String> {
    let t = typed.trim();
    let (scheme, rest) = match t.split_once("://") {
        Some((scheme @ ("http" | "https"), rest)) => (scheme, rest),
        Some(_) => return None,
        None => ("https", t),
    };
    let rest = rest.trim_end_matches('/');
    if rest.is_empty() || rest.starts_with('/') || rest.contains(char::is_whitespace) {
        return None;
    }
    Some(format!("{scheme}://{rest}"))
}

/// What an enrolment answers.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Enrolled {
    pub token: String,
    pub officer: String,
    pub kabupaten: String,
}

/// An error the hub answers with.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct HubError {
    pub error: String,
    #[serde(default)]
    pub message: String,
}

/// Why a sync did not finish, as the officer is told.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Failure {
    /// No answer (offline, the address wrong, the hub down): changes wait on the device.
    Unreachable,
    /// The hub refused with a message of its own (in Indonesian, for the officer).
    Refused { code: String, message: String },
    /// The hub answered something this app cannot read.
    Garbled,
}

impl Failure {
    /// From a non-2xx answer's body.
    pub fn from_answer(status: u16, body: &str) -> Failure {
        match serde_json::from_str::<HubError>(body) {
            Ok(e) => Failure::Refused {
                code: e.error,
                message: e.message,
            },
            Err(_) if status == 502 || status == 503 || status == 504 => Failure::Unreachable,
            Err(_) => Failure::Garbled,
        }
    }

    /// The hub revoked this device (or forgot it): syncing stops until it enrols again.
    pub fn stops_sync(&self) -> bool {
        matches!(self, Failure::Refused { code, .. } if code == "revoked" || code == "token")
    }

    /// The words for the officer: the hub's own message, or this app's.
    pub fn text(&self, t: impl Fn(Msg) -> &'static str) -> String {
        match self {
            Failure::Unreachable => t(Msg::SyncUnreachable).to_string(),
            Failure::Refused { message, .. } if !message.is_empty() => message.clone(),
            Failure::Refused { code, .. } if code == "enrol_code" => {
                t(Msg::SyncEnrolCode).to_string()
            }
            Failure::Refused { code, .. } if code == "revoked" => t(Msg::SyncRevoked).to_string(),
            Failure::Refused { .. } | Failure::Garbled => t(Msg::SyncGarbled).to_string(),
        }
    }
}

/// The wait before the next automatic try after `failures` failures in a row: 30 s doubling to at
/// most 30 minutes (a hub that is down is not hammered by every device at once).
pub fn backoff_ms(failures: u32) -> u64 {
    const FIRST: u64 = 30_000;
    const MOST: u64 = 30 * 60_000;
    FIRST
        .saturating_mul(1u64 << failures.saturating_sub(1).min(16))
        .min(MOST)
}

/// Pulled records stored in one IndexedDB transaction at most. Each transaction rewrites every
/// chunk its records fall in (64 per kind, each holding everything stored so far), so a pull stored
/// in parts encodes the early records again with every part: a new device's 50,000 Usaha in parts
/// of 20,000 were decoded 60,000 times and encoded 110,000 times (1.3 s of the page's time more
/// than one transaction). A device that stops mid-pull fetches again what it had not stored, at
/// most this many records.
pub const PULL_BATCH: usize = 50_000;

/// Whether the pulled records waiting (`waiting` of them) are stored now: when the hub has no
/// `more` pages, or a transaction's worth waits.
pub fn store_pulled(waiting: usize, more: bool) -> bool {
    !more || waiting >= PULL_BATCH
}

/// How often an open app syncs when nothing else asks it to.
pub const EVERY_MS: u64 = 5 * 60_000;
/// How long after a save the app syncs (several saves in a row go together).
pub const AFTER_SAVE_MS: u64 = 5_000;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn addresses_are_read_as_officers_type_them() {
        assert_eq!(
            address(" kantor.example.go.id/ ").as_deref(),
            Some("https://kantor.example.go.id")
        );
        assert_eq!(
            address("http://127.0.0.1:8090").as_deref(),
            Some("http://127.0.0.1:8090")
        );
        assert_eq!(address(""), None);
        assert_eq!(address("https://"), None);
        assert_eq!(address("kantor dinas"), None);
        assert_eq!(address("ftp://kantor"), None);
    }

    #[test]
    fn failures_speak_the_hubs_words_or_the_apps() {
        let t = |m: Msg| m.text(Lang::Id);
        let revoked = Failure::from_answer(
            401,
            r#"{"error":"revoked","message":"Perangkat ini dicabut oleh kantor"}"#,
        );
        assert!(revoked.stops_sync());
        assert_eq!(revoked.text(t), "Perangkat ini dicabut oleh kantor");
        assert_eq!(
            Failure::from_answer(401, r#"{"error":"enrol_code"}"#).text(t),
            Msg::SyncEnrolCode.text(Lang::Id)
        );
        assert_eq!(
            Failure::from_answer(502, "Bad Gateway"),
            Failure::Unreachable
        );
        assert_eq!(Failure::from_answer(200, "<html>"), Failure::Garbled);
        assert!(!Failure::Unreachable.stops_sync());
        assert!(Failure::Unreachable
            .text(t)
            .contains("tidak bisa dihubungi"));
    }

    #[test]
    fn retries_back_off_to_half_an_hour() {
        assert_eq!(backoff_ms(1), 30_000);
        assert_eq!(backoff_ms(2), 60_000);
        assert_eq!(backoff_ms(6), 960_000);
        assert_eq!(backoff_ms(7), 30 * 60_000);
        assert_eq!(backoff_ms(200), 30 * 60_000);
    }

    #[test]
    fn a_new_devices_first_pull_of_50000_is_stored_in_one_transaction() {
        // 25 pages of 2,000 (the hub's largest page).
        let mut waiting = 0;
        let mut stores = 0;
        for page in 1..=25 {
            waiting += 2_000;
            if store_pulled(waiting, page < 25) {
                stores += 1;
                waiting = 0;
            }
        }
        assert_eq!((stores, waiting), (1, 0));
        // A device a long way behind still stores (and moves its cursor) as it goes.
        assert!(store_pulled(PULL_BATCH, true));
        assert!(store_pulled(1, false));
        assert!(!store_pulled(PULL_BATCH - 1, true));
    }

    #[test]
    fn the_last_outcome_is_kept_with_the_link_for_the_other_tabs() {
        let link = HubLink {
            last_ok: Some(1_795_478_400_000),
            failure: Some(Failure::Refused {
                code: "revoked".into(),
                message: "Perangkat ini dicabut oleh kantor".into(),
            }),
            ..HubLink::default()
        };
        let kept: HubLink = serde_json::from_str(&serde_json::to_string(&link).unwrap()).unwrap();
        assert_eq!(kept, link);
    }

    #[test]
    fn a_link_kept_by_an_older_version_reads() {
        let old = r#"{"address":"https://k","token":"t","officer":"Ani","kabupaten":"35.29","device":"d"}"#;
        let link: HubLink = serde_json::from_str(old).unwrap();
        assert_eq!((link.cursor, link.revoked), (0, false));
        assert_eq!((link.last_ok, link.failure), (None, None));
    }
}
