//! Reading a bundle in steps, so a page can read a 40 MB file without freezing: [`Reader::step`]
//! works until its caller says "enough", and the caller lets the browser breathe in between.
//! Pure, like the rest of the module; [`super::read`] is this reader run in one go.
//!
//! The answer is the one reading the whole file at once gives, problem for problem and in the
//! same order (size, UTF-8, syntax, not Sentra, version, checksum, structure, duplicate ids,
//! rules); `read_whole` is that one-go reading, kept as the oracle of the tests and as the
//! fallback for files whose outline is not a bundle's. How:
//!
//! - **Syntax.** A scanner that knows only strings and brackets walks the file, finds the
//!   top-level `"records"` array and cuts it into its elements; each element is parsed alone by
//!   serde_json. What surrounds the array (the *outline*: the file with the array emptied) is
//!   parsed as well. JSON being context-free, the file is valid iff the outline and every element
//!   are; and since serde_json reads left to right and stops at the first problem, the first
//!   problem in file order (head of the outline, then the elements, then the rest) says whether
//!   the file was cut short (`Truncated`) or is not JSON. An element that fails alone is
//!   re-read from its start to the end of the file, as the one-go reading would, to tell the
//!   two apart. Outlines a bundle never has (no `"records"` array at the top, the key twice,
//!   nesting deeper than 100) go to the one-go reading, if they hold at most a million values
//!   (else: not a Sentra file; the one reading that does not answer as the one-go one).
//! - **Memory.** A parsed element is kept as its canonical text ([`Elements`]), not as a
//!   `serde_json::Value`, and parsed again into a record at its turn: reading holds the file,
//!   that text and the records, about 3.5 times the file (tests/reader_memory.rs), where the
//!   values took 12 times.
//! - **Checksum.** The canonical form is the outline's keys in order with the elements' compact
//!   JSON spliced in where `"records"` sorts, hashed as it goes.
//! - **Structure and rules.** Each element becomes a record as the checksum passes over it;
//!   the first problem of each kind is kept and reported in the one-go order once the checksum
//!   has been found good.

use super::{read_whole, without_bom, Bundle, BundleError, PhotoIn, Today, MAX_BYTES};
use serde_json::Value;

/// Bytes the scanner walks between two looks at the clock.
const SCAN_BYTES: usize = 256 * 1024;
/// Elements nested deeper than this go to the one-go reading (serde_json's depth limit counts
/// from the top of the file, an element read alone from its own top; bundles nest 4 deep).
const MAX_ELEMENT_DEPTH: u32 = 100;
/// A file whose outline is not a bundle's is read at once (`read_whole`) only up to this many
/// JSON values: parsed whole, each costs 30 to 80 bytes of memory, and 100 MB of `[],[],…` would
/// take gigabytes. Sentra writes every bundle with a bundle's outline, so a larger file laid out
/// otherwise is not one of its files (`NotSentra`), whatever else is wrong with it.
const MAX_WHOLE_VALUES: usize = 1_000_000;

/// A bundle being read. `B` holds the file's bytes (a `Vec<u8>` in the app, a slice in tests).
pub struct Reader<B> {
    bytes: B,
    today: Today,
    stage: Stage,
}

enum Stage {
    Start,
    Syntax(Box<Scan>),
    Records(Box<Records>),
    Done,
}

/// What an element or the outline says once parsed.
enum Verdict {
    Ok,
    Refused(BundleError),
    /// Not a bundle's outline: read the whole file at once.
    Whole,
}

impl<B: AsRef<[u8]>> Reader<B> {
    /// `today` bounds the records' dates (pass tomorrow to allow for a sender a time zone ahead).
    pub fn new(bytes: B, today: Today) -> Self {
        Reader {
            bytes,
            today,
            stage: Stage::Start,
        }
    }

    /// The file without a UTF-8 byte-order mark, which some Windows tools put before a text.
    fn bytes(&self) -> &[u8] {
        without_bom(self.bytes.as_ref())
    }

    /// How much of the reading is done, from 0 to 1: the syntax stage by bytes, the records stage
    /// by records (each about half of the work).
    pub fn progress(&self) -> f64 {
        let len = self.bytes().len().max(1) as f64;
        match &self.stage {
            Stage::Start => 0.0,
            Stage::Syntax(scan) => 0.5 * scan.pos as f64 / len,
            Stage::Records(r) => 0.5 + 0.5 * r.progress(),
            Stage::Done => 1.0,
        }
    }

    /// Reads on until done or until `enough()` says to stop (asked after every element and every
    /// 256 KB scanned). `Some` is the answer; `None`: call again.
    pub fn step(
        &mut self,
        enough: &mut dyn FnMut() -> bool,
    ) -> Option<Result<Bundle, BundleError>> {
        loop {
            let answer = match std::mem::replace(&mut self.stage, Stage::Done) {
                Stage::Start => self.start(),
                Stage::Syntax(mut scan) => match self.scan(&mut scan, enough) {
                    Some(verdict) => self.after_syntax(*scan, verdict),
                    None => {
                        self.stage = Stage::Syntax(scan);
                        return None;
                    }
                },
                Stage::Records(mut records) => {
                    if records.next(&self.today, enough) {
                        Some(records.finish(&self.today))
                    } else {
                        self.stage = Stage::Records(records);
                        return None;
                    }
                }
                Stage::Done => panic!("Reader::step called after its answer"),
            };
            if let Some(answer) = answer {
                self.stage = Stage::Done;
                return Some(answer);
            }
            if enough() {
                return None;
            }
        }
    }

    fn whole(&self) -> Option<Result<Bundle, BundleError>> {
        if more_values_than(self.bytes(), MAX_WHOLE_VALUES) {
            return Some(Err(BundleError::NotSentra));
        }
        Some(read_whole(self.bytes.as_ref(), &self.today))
    }

    fn start(&mut self) -> Option<Result<Bundle, BundleError>> {
        if self.bytes.as_ref().len() > MAX_BYTES {
            return Some(Err(BundleError::TooLarge));
        }
        if std::str::from_utf8(self.bytes()).is_err() {
            return Some(Err(BundleError::NotUtf8));
        }
        self.stage = Stage::Syntax(Box::default());
        None
    }

    /// Walks the file; `Some` once the syntax has an answer.
    fn scan(&self, s: &mut Scan, enough: &mut dyn FnMut() -> bool) -> Option<Verdict> {
        let bytes = self.bytes();
        loop {
            let stop = (s.pos + SCAN_BYTES).min(bytes.len());
            while s.pos < stop {
                let at = s.pos;
                let b = bytes[at];
                s.pos += 1;
                if s.in_string {
                    if s.escaped {
                        s.escaped = false;
                    } else if b == b'\\' {
                        s.escaped = true;
                    } else if b == b'"' {
                        s.in_string = false;
                        if s.string_is_key {
                            s.expect_key = false;
                            let key = serde_json::from_slice::<String>(&bytes[s.string_start..=at]);
                            let array = match key.as_deref() {
                                Ok("records") => Some(&mut s.records),
                                Ok("photos") => Some(&mut s.photos),
                                _ => None,
                            };
                            if let Some(array) = array {
                                array.keys += 1;
                                array.value_next = true;
                            }
                        }
                    }
                    continue;
                }
                if is_space(&b) {
                    continue;
                }
                if !s.started {
                    if b != b'{' {
                        return Some(Verdict::Whole);
                    }
                    s.started = true;
                    s.depth = 1;
                    s.expect_key = true;
                    continue;
                }
                let in_array = s.in_array();
                // The value of a top-level "records" or "photos" key starts here: an array?
                let next = if s.records.value_next {
                    Some(&mut s.records)
                } else if s.photos.value_next {
                    Some(&mut s.photos)
                } else {
                    None
                };
                if let Some(array) = next.filter(|_| s.depth == 1 && b != b':') {
                    array.value_next = false;
                    if b == b'[' && array.open.is_none() && array.keys == 1 {
                        array.open = Some(at);
                        s.element_start = at + 1;
                        s.element_depth = 0;
                        s.depth = 2;
                        // The head comes first in the file: its problems come first.
                        match self.outline_head(s, at) {
                            Verdict::Ok => continue,
                            other => return Some(other),
                        }
                    }
                    array.not_array = true;
                }
                match b {
                    b'"' => {
                        s.in_string = true;
                        s.string_start = at;
                        s.string_is_key = s.depth == 1 && s.expect_key;
                    }
                    b'{' | b'[' => {
                        s.depth += 1;
                        if in_array.is_some() {
                            s.element_depth = s.element_depth.max(s.depth - 2);
                        }
                    }
                    b'}' | b']' if in_array.is_some() && s.depth == 2 => {
                        match self.element(s, at, true) {
                            Verdict::Ok => {}
                            other => return Some(other),
                        }
                        if b == b'}' {
                            return Some(Verdict::Refused(BundleError::NotJson));
                        }
                        let array = if in_array == Some(true) {
                            &mut s.photos
                        } else {
                            &mut s.records
                        };
                        array.close = Some(at);
                        s.depth = 1;
                    }
                    b'}' | b']' => {
                        if s.depth == 0 {
                            return Some(Verdict::Whole);
                        }
                        s.depth -= 1;
                    }
                    b',' if in_array.is_some() && s.depth == 2 => {
                        match self.element(s, at, false) {
                            Verdict::Ok => {}
                            other => return Some(other),
                        }
                        s.element_start = at + 1;
                        s.element_depth = 0;
                    }
                    b',' if s.depth == 1 => s.expect_key = true,
                    _ => {}
                }
                if s.element_depth > MAX_ELEMENT_DEPTH {
                    return Some(Verdict::Whole);
                }
            }
            if s.pos == bytes.len() {
                return Some(self.at_end(s));
            }
            if enough() {
                return None;
            }
        }
    }

    /// The file up to `end` with the elements of the arrays found so far left out: the outline,
    /// or its head. Never a copy of the photos.
    fn hollow(&self, s: &Scan, end: usize) -> Vec<u8> {
        let bytes = self.bytes();
        let mut cuts: Vec<(usize, usize)> = [&s.records, &s.photos]
            .iter()
            .filter_map(|a| Some((a.open?, a.close?)))
            .filter(|&(_, close)| close < end)
            .collect();
        cuts.sort_unstable();
        let mut out = Vec::new();
        let mut from = 0;
        for (open, close) in cuts {
            out.extend_from_slice(&bytes[from..=open]);
            from = close;
        }
        out.extend_from_slice(&bytes[from..end]);
        out
    }

    /// The head of the outline (up to an array's `[`, the arrays before it emptied), closed with
    /// `]}`: valid iff the head is, and a problem in it is where the one-go reading would stop.
    fn outline_head(&self, s: &Scan, open: usize) -> Verdict {
        let mut head = self.hollow(s, open + 1);
        head.extend_from_slice(b"]}");
        match serde_json::from_slice::<Value>(&head) {
            Ok(_) => Verdict::Ok,
            Err(e) if e.is_eof() => Verdict::Whole,
            Err(_) => Verdict::Refused(BundleError::NotJson),
        }
    }

    /// The element ending before `end` (a `,`, or the array's end if `last`).
    fn element(&self, s: &mut Scan, end: usize, last: bool) -> Verdict {
        let bytes = self.bytes();
        let piece = &bytes[s.element_start..end];
        let photos = s.in_array() == Some(true);
        if piece.iter().all(is_space) {
            // `[]` is an empty list; `[,`, `,,` and `,]` are not JSON.
            let none_yet = if photos {
                s.photo_list.is_empty()
            } else {
                s.elements.is_empty()
            };
            return if last && none_yet {
                Verdict::Ok
            } else {
                Verdict::Refused(BundleError::NotJson)
            };
        }
        match serde_json::from_slice::<Value>(piece) {
            Ok(value) if photos => {
                s.photo_list.push(PhotoIn::of(value));
                Verdict::Ok
            }
            Ok(value) => {
                s.elements.push(&value);
                Verdict::Ok
            }
            // A value followed by more than spaces before the `,` or `]` is not JSON either.
            Err(_) => match self.value_from(s.element_start) {
                Ok(length) if length <= piece.len() => Verdict::Refused(BundleError::NotJson),
                Ok(_) => Verdict::Whole,
                Err(e) => Verdict::Refused(e),
            },
        }
    }

    /// An element read as the one-go reading reads it: from its start on through the rest of the
    /// file, up to the first problem (`Truncated` or `NotJson`), else the length of its value.
    fn value_from(&self, start: usize) -> Result<usize, BundleError> {
        let mut values =
            serde_json::Deserializer::from_slice(&self.bytes()[start..]).into_iter::<Value>();
        match values.next() {
            None => Err(BundleError::Truncated),
            Some(Err(e)) if e.is_eof() => Err(BundleError::Truncated),
            Some(Err(_)) => Err(BundleError::NotJson),
            Some(Ok(_)) => Ok(values.byte_offset()),
        }
    }

    /// The whole file has been walked.
    fn at_end(&self, s: &mut Scan) -> Verdict {
        let odd = |a: &Array| a.keys > 1 || a.not_array;
        let inside = s.in_array().is_some();
        if !inside && (s.records.open.is_none() || s.records.keys != 1 || odd(&s.photos)) {
            return Verdict::Whole;
        }
        if odd(&s.records) || odd(&s.photos) {
            return Verdict::Whole;
        }
        if inside {
            // Cut short inside the records: the last element (if any) shows whether what is
            // there is JSON so far.
            // A whole value and nothing after it but spaces: the list was cut before its end.
            let rest = &self.bytes()[s.element_start..];
            return match self.value_from(s.element_start) {
                Ok(length) if rest[length..].iter().all(is_space) => {
                    Verdict::Refused(BundleError::Truncated)
                }
                Ok(_) => Verdict::Refused(BundleError::NotJson),
                Err(e) => Verdict::Refused(e),
            };
        }
        Verdict::Ok
    }

    /// The syntax stage is over: on to the records, or the answer.
    fn after_syntax(
        &mut self,
        scan: Scan,
        verdict: Verdict,
    ) -> Option<Result<Bundle, BundleError>> {
        match verdict {
            Verdict::Refused(e) => return Some(Err(e)),
            Verdict::Whole => return self.whole(),
            Verdict::Ok => {}
        }
        let outline = self.hollow(&scan, self.bytes().len());
        // The head is known good and the array holds good elements: a problem here is in the
        // rest, after them, where the one-go reading would meet it too.
        let content = match serde_json::from_slice::<Value>(&outline) {
            Ok(Value::Object(content)) => content,
            Ok(_) => return self.whole(),
            Err(e) if e.is_eof() => return Some(Err(BundleError::Truncated)),
            Err(_) => return Some(Err(BundleError::NotJson)),
        };
        let empty = Some(&Value::Array(Vec::new()));
        if content.get("records") != empty
            || (scan.photos.keys == 1 && content.get("photos") != empty)
        {
            return self.whole();
        }
        match Records::new(content, scan.elements, scan.photo_list) {
            Ok(records) => {
                self.stage = Stage::Records(Box::new(records));
                None
            }
            Err(e) => Some(Err(e)),
        }
    }
}

/// Whether `bytes` hold more than `limit` JSON values, counted from the brackets, commas and
/// colons outside strings (a value follows each, or the file starts with one).
fn more_values_than(bytes: &[u8], limit: usize) -> bool {
    let (mut count, mut in_string, mut escaped) = (1, false, false);
    for &b in bytes {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if b == b'"' {
            in_string = true;
        } else if matches!(b, b'[' | b'{' | b',' | b':') {
            count += 1;
            if count > limit {
                return true;
            }
        }
    }
    false
}

/// JSON's four spaces (not form feed or others `is_ascii_whitespace` knows).
fn is_space(b: &u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

mod records;
mod scan;
use records::Records;
use scan::{Array, Scan};

#[cfg(test)]
mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz;
