//! Photos with the office hub (issue 17), after each round's records: the photos this device has
//! that the hub lacks go up, and those its records refer to that it lacks come down, each by its
//! hash, so a photo crosses the network once. Best effort: the records' sync never waits on a
//! photo, and one that could not move now is tried again next round (the hub takes a photo only
//! once a record it holds for this device refers to it, so photos follow the records' push).

use super::http::{put_bytes, request};
use super::Sync;
use crate::bundle::{sha256_hex, Photo, Photos};
use crate::sync::HubLink;
use serde::Deserialize;
use wasm_bindgen::JsValue;

/// Hashes asked about in one request.
const ASKED_AT_ONCE: usize = 1000;

#[derive(Deserialize)]
struct Missing {
    missing: Vec<String>,
}

/// A photo's type from its first bytes (the device keeps JPEG; a received file may bring WebP).
fn tipe_of(bytes: &[u8]) -> &'static str {
    if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        "image/webp"
    } else {
        "image/jpeg"
    }
}

impl Sync {
    /// Moves the photos both ways (see the module).
    pub(super) async fn photos(self, link: &HubLink) {
        let records = self.records;
        let url = |path: &str| format!("{}/api/v1/photos{path}", link.address);
        let token = Some(link.token.as_str());
        for asked in records.photo_hashes().await.chunks(ASKED_AT_ONCE) {
            let body = serde_json::json!({ "sha256": asked }).to_string();
            let Ok(answer) = request(
                "POST",
                &url("/missing"),
                token,
                Some(JsValue::from_str(&body)),
            )
            .await
            else {
                return;
            };
            let Ok(missing) = serde_json::from_str::<Missing>(&answer.text().await) else {
                return;
            };
            for hash in missing.missing {
                if let Some(bytes) = records.photo_bytes(&hash, false).await {
                    let tipe = tipe_of(&js_sys::Uint8Array::new(&bytes).subarray(0, 12).to_vec());
                    let _ = put_bytes(&url(&format!("/{hash}")), &link.token, &bytes, tipe).await;
                }
            }
        }
        let mut fetched = Photos::new();
        for hash in records.photos_lacking().await {
            // Not on the hub yet (its device has not sent it): asked again next round.
            let Ok(answer) = request("GET", &url(&format!("/{hash}")), token, None).await else {
                continue;
            };
            let bytes = answer.bytes().await;
            if sha256_hex(&bytes) == hash {
                let tipe = tipe_of(&bytes).to_string();
                fetched.insert(hash, Photo { tipe, bytes });
            }
        }
        let _ = records.keep_received_photos(fetched).await;
    }
}
