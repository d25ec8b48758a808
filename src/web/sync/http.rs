//! Requests to the office hub and their answers.

use crate::sync::Failure;
use js_sys::Uint8Array;
use wasm_bindgen::{prelude::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A 2xx answer.
pub(super) struct Answer(web_sys::Response);

impl Answer {
    pub(super) fn header(&self, name: &str) -> Option<String> {
        self.0.headers().get(name).ok().flatten()
    }

    pub(super) async fn text(&self) -> String {
        match self.0.text() {
            Ok(p) => JsFuture::from(p)
                .await
                .ok()
                .and_then(|t| t.as_string())
                .unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    pub(super) async fn bytes(&self) -> Vec<u8> {
        match self.0.array_buffer() {
            Ok(p) => JsFuture::from(p)
                .await
                .map(|b| Uint8Array::new(&b).to_vec())
                .unwrap_or_default(),
            Err(_) => Vec::new(),
        }
    }
}

/// One request to the hub: a 2xx answer, or why not (no answer at all is `Unreachable`).
pub(super) async fn request(
    method: &str,
    url: &str,
    token: Option<&str>,
    body: Option<JsValue>,
) -> Result<Answer, Failure> {
    send(method, url, token, body)?.answer().await
}

/// A photo's bytes put to the hub (`image/jpeg` or `image/webp`).
pub(super) async fn put_bytes(
    url: &str,
    token: &str,
    bytes: &JsValue,
    tipe: &str,
) -> Result<Answer, Failure> {
    sent(&init("PUT", Some(token), Some((bytes, tipe)))?, url)?
        .answer()
        .await
}

/// A request on its way: the browser sends it when it is made, before anyone awaits the answer.
pub(super) struct Sent(js_sys::Promise);

/// Sends a request to the hub (see [`Sent`]): a text body goes as JSON, bytes as gzip.
pub(super) fn send(
    method: &str,
    url: &str,
    token: Option<&str>,
    body: Option<JsValue>,
) -> Result<Sent, Failure> {
    let body = body.as_ref().map(|b| {
        let kind = if b.is_string() {
            "application/json"
        } else {
            "application/gzip"
        };
        (b, kind)
    });
    sent(&init(method, token, body)?, url)
}

/// A request's method, token and body with its type.
fn init(
    method: &str,
    token: Option<&str>,
    body: Option<(&JsValue, &str)>,
) -> Result<web_sys::RequestInit, Failure> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let headers = web_sys::Headers::new().map_err(|_| Failure::Garbled)?;
    if let Some(token) = token {
        let _ = headers.set("Authorization", &format!("Bearer {token}"));
    }
    if let Some((body, kind)) = body {
        let _ = headers.set("Content-Type", kind);
        init.set_body(body);
    }
    init.set_headers(&headers);
    Ok(init)
}

fn sent(init: &web_sys::RequestInit, url: &str) -> Result<Sent, Failure> {
    let request =
        web_sys::Request::new_with_str_and_init(url, init).map_err(|_| Failure::Unreachable)?;
    let window = web_sys::window().ok_or(Failure::Unreachable)?;
    let sent = window.fetch_with_request(&request);
    // A page asked for ahead may never be awaited (the sync stopped first): its failure is no
    // error of the page's.
    IGNORE.with(|ignore| {
        let _ = sent.catch(ignore);
    });
    Ok(Sent(sent))
}

thread_local! {
    static IGNORE: Closure<dyn FnMut(JsValue)> = Closure::new(|_| ());
}

impl Sent {
    /// The answer once its headers arrived: a 2xx answer, or why not.
    pub(super) async fn answer(self) -> Result<Answer, Failure> {
        let response: web_sys::Response = JsFuture::from(self.0)
            .await
            .map_err(|_| Failure::Unreachable)?
            .unchecked_into();
        let answer = Answer(response);
        if answer.0.ok() {
            Ok(answer)
        } else {
            let status = answer.0.status();
            Err(Failure::from_answer(status, &answer.text().await))
        }
    }
}
