//! Long work on the page's only thread, in slices: a slice runs until its deadline, then the
//! browser gets the thread back (input, rendering, timers) before the next one starts. Used for
//! receiving large files (50,000 records: seconds of work), so the page keeps responding and a
//! progress bar can move.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long one slice may run. The browser's own work between slices (a progress bar, input)
/// is short, so the page is never held for much longer (the goal is at most 200 ms).
const SLICE_MS: f64 = 40.0;

/// When the current slice must end.
#[derive(Clone, Copy)]
pub struct Deadline(f64);

impl Deadline {
    /// A slice starting now.
    pub fn start() -> Self {
        Deadline(js_sys::Date::now() + SLICE_MS)
    }

    pub fn passed(self) -> bool {
        js_sys::Date::now() >= self.0
    }
}

/// Lets the browser run what waits (input, rendering, timers), then resumes: a task queued by a
/// message to ourselves. Not `setTimeout(0)`: chained, browsers make it wait at least 4 ms
/// (Chromium 156: 4.1 ms a yield, against 0.08 ms for a message), about 0.4 s over the hundred
/// slices of a 50,000-record file.
pub async fn breathe() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        NEXT.with(|next| {
            next.waiting.borrow_mut().push_back(resolve);
            let _ = next.channel.port2().post_message(&JsValue::NULL);
        });
    });
    let _ = JsFuture::from(promise).await;
}

/// Waits until the browser has painted what the page holds now (the next animation frame, then
/// a breathe): for work the first screen does not need.
pub async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
    breathe().await;
}

/// The channel [`breathe`] posts to, and who waits for its messages (one message each, in
/// order).
struct Next {
    channel: web_sys::MessageChannel,
    waiting: Rc<RefCell<VecDeque<js_sys::Function>>>,
    _on_message: Closure<dyn FnMut()>,
}

thread_local! {
    static NEXT: Next = {
        let channel = web_sys::MessageChannel::new().expect("MessageChannel exists where wasm runs");
        let waiting = Rc::new(RefCell::new(VecDeque::<js_sys::Function>::new()));
        let queue = waiting.clone();
        let on_message = Closure::<dyn FnMut()>::new(move || {
            if let Some(resolve) = queue.borrow_mut().pop_front() {
                let _ = resolve.call0(&JsValue::NULL);
            }
        });
        channel.port1().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Next { channel, waiting, _on_message: on_message }
    };
}

/// Runs work that goes a step at a time to its end, in slices: `step` answers `Ok` when done,
/// else how far it is (0 to 1), which `show` gets between slices.
pub async fn until_done<T>(mut step: impl FnMut() -> Result<T, f64>, show: impl Fn(f64)) -> T {
    loop {
        let deadline = Deadline::start();
        let mut far = 0.0;
        while !deadline.passed() {
            match step() {
                Ok(done) => return done,
                Err(f) => far = f,
            }
        }
        show(far);
        breathe().await;
    }
}

/// Every item of `chunks` (lists read one at a time; an error ends it), in slices; `each` sees
/// every list before it joins the others.
pub async fn collect_in_slices<T, E>(
    mut chunks: impl Iterator<Item = Result<Vec<T>, E>>,
    mut each: impl FnMut(&[T]),
) -> Result<Vec<T>, E> {
    let mut all = Vec::new();
    until_done(
        || match chunks.next() {
            None => Ok(Ok(())),
            Some(Err(e)) => Ok(Err(e)),
            Some(Ok(list)) => {
                each(&list);
                all.extend(list);
                Err(0.0)
            }
        },
        |_| (),
    )
    .await?;
    Ok(all)
}

/// Drops a large list a slice at a time (freeing 50,000 records takes about 90 ms).
pub async fn drop_in_slices<T>(mut list: Vec<T>) {
    while !list.is_empty() {
        let deadline = Deadline::start();
        while !list.is_empty() && !deadline.passed() {
            list.truncate(list.len().saturating_sub(1000));
        }
        breathe().await;
    }
}
