//! What the scan of [`super::Reader`] keeps: where it is, and the top-level arrays it cuts into
//! elements (`records`, and `photos` since 1.4).

use super::records::Elements;
use super::PhotoIn;

/// One of the top-level arrays the scan cuts into elements: `records`, and `photos` (since 1.4).
#[derive(Default)]
pub(super) struct Array {
    /// How many times its key appears at the top.
    pub(super) keys: u32,
    /// Its key was the last one read: its value comes next.
    pub(super) value_next: bool,
    /// Its value is not an array.
    pub(super) not_array: bool,
    /// Its `[` and `]`.
    pub(super) open: Option<usize>,
    pub(super) close: Option<usize>,
}

impl Array {
    pub(super) fn inside(&self) -> bool {
        self.open.is_some() && self.close.is_none()
    }
}

/// The syntax stage: where the scanner is, and what it has found.
#[derive(Default)]
pub(super) struct Scan {
    pub(super) pos: usize,
    /// Brackets open outside strings.
    pub(super) depth: u32,
    pub(super) in_string: bool,
    pub(super) escaped: bool,
    pub(super) string_start: usize,
    /// The string being read is a key of the top-level object.
    pub(super) string_is_key: bool,
    /// The top-level `{` has been seen.
    pub(super) started: bool,
    /// In the top-level object, the next string is a key.
    pub(super) expect_key: bool,
    pub(super) records: Array,
    pub(super) photos: Array,
    /// The element being scanned (of the array the scan is in): where it began, how deep it goes.
    pub(super) element_start: usize,
    pub(super) element_depth: u32,
    pub(super) elements: Elements,
    /// The photos, decoded and checked as they are met.
    pub(super) photo_list: Vec<PhotoIn>,
}

impl Scan {
    /// The array the scan is in, if any: its elements are photos or not.
    pub(super) fn in_array(&self) -> Option<bool> {
        if self.records.inside() {
            Some(false)
        } else if self.photos.inside() {
            Some(true)
        } else {
            None
        }
    }
}
