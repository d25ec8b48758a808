//! Long work on the page's only thread, in slices: a slice runs until its deadline, then the
//! browser gets the thread back (input, rendering, timers) before the next one starts. Used for
//! receiving large files (50,000 records: seconds of work), so the page keeps responding and a
//! progress bar can move.

use std::cell::RefCell;
use std::cmp::Ordering;
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

/// The lists `chunks` reads one at a time (an error ends it), in slices; `each` sees every list
/// as it comes.
pub async fn collect_in_slices<T, E>(
    mut chunks: impl Iterator<Item = Result<Vec<T>, E>>,
    mut each: impl FnMut(&[T]),
) -> Result<Vec<Vec<T>>, E> {
    let mut all = Vec::new();
    until_done(
        || match chunks.next() {
            None => Ok(Ok(())),
            Some(Err(e)) => Ok(Err(e)),
            Some(Ok(list)) => {
                each(&list);
                all.push(list);
                Err(0.0)
            }
        },
        |_| (),
    )
    .await?;
    Ok(all)
}

/// Sorts `items` stably by `cmp` in slices: runs of a few thousand sorted, then merged two at a
/// time. Sorting 50,000 names in one go held the page for about 150 ms at 4× CPU slowdown.
pub async fn sort_in_slices<T>(items: Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) -> Vec<T> {
    const RUN: usize = 2_048;
    let mut runs = Vec::with_capacity(items.len() / RUN + 1);
    let mut items = items.into_iter();
    let mut deadline = Deadline::start();
    loop {
        let mut run: Vec<T> = items.by_ref().take(RUN).collect();
        if run.is_empty() {
            break;
        }
        run.sort_by(&cmp);
        runs.push(run);
        if deadline.passed() {
            breathe().await;
            deadline = Deadline::start();
        }
    }
    merge_in_slices(runs, cmp).await
}

/// Merges lists each in order by `cmp` into one (stably: of equal items, those of an earlier list
/// first), two at a time, the page breathing between merges once a slice's time is up.
pub async fn merge_in_slices<T>(mut runs: Vec<Vec<T>>, cmp: impl Fn(&T, &T) -> Ordering) -> Vec<T> {
    let mut deadline = Deadline::start();
    while runs.len() > 1 {
        // One pass: neighbours merged in order, so earlier lists stay first.
        let mut merged = Vec::with_capacity(runs.len().div_ceil(2));
        let mut pass = runs.into_iter();
        while let Some(a) = pass.next() {
            merged.push(match pass.next() {
                Some(b) => merge_two(a, b, &cmp),
                None => a,
            });
            if deadline.passed() {
                breathe().await;
                deadline = Deadline::start();
            }
        }
        runs = merged;
    }
    runs.pop().unwrap_or_default()
}

/// Two lists in order as one, `a`'s items first among equals.
fn merge_two<T>(a: Vec<T>, b: Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) -> Vec<T> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        let from = if cmp(y, x) == Ordering::Less {
            &mut b
        } else {
            &mut a
        };
        out.extend(from.next());
    }
    out.extend(a);
    out.extend(b);
    out
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
