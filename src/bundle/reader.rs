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
//!   nesting deeper than 100) go to the one-go reading.
//! - **Checksum.** The canonical form is the outline's keys in order with the elements' compact
//!   JSON spliced in where `"records"` sorts, hashed as it goes.
//! - **Structure and rules.** Each element becomes a record as the checksum passes over it;
//!   the first problem of each kind is kept and reported in the one-go order once the checksum
//!   has been found good.

use super::{
    around_records, bundle_of, check, check_outline, checksum_text, read_whole, record_of,
    shared_names, to_json, without_bom, Bundle, BundleError, Wire, WireRecord,
};
use super::{Record, Today, MAX_BYTES};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::sync::Arc;

/// Bytes the scanner walks between two looks at the clock.
const SCAN_BYTES: usize = 256 * 1024;
/// Elements nested deeper than this go to the one-go reading (serde_json's depth limit counts
/// from the top of the file, an element read alone from its own top; bundles nest 4 deep).
const MAX_ELEMENT_DEPTH: u32 = 100;

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

/// The syntax stage: where the scanner is, and what it has found.
#[derive(Default)]
struct Scan {
    pos: usize,
    /// Brackets open outside strings.
    depth: u32,
    in_string: bool,
    escaped: bool,
    string_start: usize,
    /// The string being read is a key of the top-level object.
    string_is_key: bool,
    /// The top-level `{` has been seen.
    started: bool,
    /// In the top-level object, the next string is a key.
    expect_key: bool,
    /// The last top-level key was "records": its value comes next.
    records_value_next: bool,
    records_keys: u32,
    records_not_array: bool,
    /// The records array's `[` and `]`.
    open: Option<usize>,
    close: Option<usize>,
    /// The element being scanned: where it began, how deep it goes.
    element_start: usize,
    element_depth: u32,
    elements: Vec<Value>,
}

/// The records stage: the checksum, and each element made a record.
struct Records {
    /// The outline without `checksum` (its `records` empty).
    content: Map<String, Value>,
    claimed: String,
    hasher: Sha256,
    /// The canonical form after the last element.
    suffix: String,
    elements: std::vec::IntoIter<Value>,
    total: usize,
    done: usize,
    wire: Result<Wire, BundleError>,
    devices: Vec<Arc<str>>,
    officers: Vec<Arc<str>>,
    records: Vec<Record>,
    ids: HashSet<String>,
    /// The first problem of each kind, in file order.
    damaged: Option<BundleError>,
    duplicate: Option<String>,
    invalid: Option<BundleError>,
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
            Stage::Records(r) => 0.5 + 0.5 * r.done as f64 / r.total.max(1) as f64,
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
                            if key.is_ok_and(|k| k == "records") {
                                s.records_keys += 1;
                                s.records_value_next = true;
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
                let in_records = s.open.is_some() && s.close.is_none();
                // The value of a top-level "records" key starts here: is it an array?
                if s.depth == 1 && s.records_value_next && b != b':' {
                    s.records_value_next = false;
                    if b == b'[' && s.open.is_none() && s.records_keys == 1 {
                        s.open = Some(at);
                        s.element_start = at + 1;
                        s.depth = 2;
                        // The head comes first in the file: its problems come first.
                        match self.outline_head(at) {
                            Verdict::Ok => continue,
                            other => return Some(other),
                        }
                    }
                    s.records_not_array = true;
                }
                match b {
                    b'"' => {
                        s.in_string = true;
                        s.string_start = at;
                        s.string_is_key = s.depth == 1 && s.expect_key;
                    }
                    b'{' | b'[' => {
                        s.depth += 1;
                        if in_records {
                            s.element_depth = s.element_depth.max(s.depth - 2);
                        }
                    }
                    b'}' | b']' if in_records && s.depth == 2 => {
                        match self.element(s, at, true) {
                            Verdict::Ok => {}
                            other => return Some(other),
                        }
                        if b == b'}' {
                            return Some(Verdict::Refused(BundleError::NotJson));
                        }
                        s.close = Some(at);
                        s.depth = 1;
                    }
                    b'}' | b']' => {
                        if s.depth == 0 {
                            return Some(Verdict::Whole);
                        }
                        s.depth -= 1;
                    }
                    b',' if in_records && s.depth == 2 => {
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

    /// The head of the outline (up to the records' `[`), closed with `]}`: valid iff the head
    /// is, and a problem in it is where the one-go reading would stop.
    fn outline_head(&self, open: usize) -> Verdict {
        let mut head = self.bytes()[..=open].to_vec();
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
        if piece.iter().all(is_space) {
            // `[]` is an empty list; `[,`, `,,` and `,]` are not JSON.
            return if last && s.elements.is_empty() {
                Verdict::Ok
            } else {
                Verdict::Refused(BundleError::NotJson)
            };
        }
        match serde_json::from_slice::<Value>(piece) {
            Ok(value) => {
                s.elements.push(value);
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
        if s.open.is_none() || s.records_keys != 1 || s.records_not_array {
            return Verdict::Whole;
        }
        if s.close.is_none() {
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
        let bytes = self.bytes();
        let (open, close) = (scan.open.expect("checked"), scan.close.expect("checked"));
        let mut outline = bytes[..=open].to_vec();
        outline.extend_from_slice(&bytes[close..]);
        // The head is known good and the array holds good elements: a problem here is in the
        // rest, after them, where the one-go reading would meet it too.
        let content = match serde_json::from_slice::<Value>(&outline) {
            Ok(Value::Object(content)) => content,
            Ok(_) => return self.whole(),
            Err(e) if e.is_eof() => return Some(Err(BundleError::Truncated)),
            Err(_) => return Some(Err(BundleError::NotJson)),
        };
        if content.get("records") != Some(&Value::Array(Vec::new())) {
            return self.whole();
        }
        match Records::new(content, scan.elements) {
            Ok(records) => {
                self.stage = Stage::Records(Box::new(records));
                None
            }
            Err(e) => Some(Err(e)),
        }
    }
}

impl Records {
    /// The checks made on the outline alone, in the one-go order, and the canonical form's start.
    fn new(mut content: Map<String, Value>, elements: Vec<Value>) -> Result<Self, BundleError> {
        let claimed = check_outline(&mut content)?;
        // The canonical form: the keys in order, `records` spliced in where it sorts.
        let (prefix, suffix) = around_records(&content);
        let mut hasher = Sha256::new();
        hasher.update(prefix.as_bytes());
        let wire = serde_json::from_value::<Wire>(Value::Object(content.clone()))
            .map_err(|e| BundleError::Damaged(e.to_string()));
        let (devices, officers) = match &wire {
            Ok(w) => (shared_names(&w.devices), shared_names(&w.officers)),
            Err(_) => (Vec::new(), Vec::new()),
        };
        Ok(Records {
            content,
            claimed,
            hasher,
            suffix,
            total: elements.len(),
            elements: elements.into_iter(),
            done: 0,
            wire,
            devices,
            officers,
            records: Vec::new(),
            ids: HashSet::new(),
            damaged: None,
            duplicate: None,
            invalid: None,
        })
    }

    /// Takes elements until `enough()`; true once all are taken.
    fn next(&mut self, today: &Today, enough: &mut dyn FnMut() -> bool) -> bool {
        while let Some(value) = self.elements.next() {
            if self.done > 0 {
                self.hasher.update(b",");
            }
            self.hasher.update(to_json(&value).as_bytes());
            self.done += 1;
            if self.wire.is_ok() && self.damaged.is_none() {
                self.take(value, today);
            }
            if enough() {
                break;
            }
        }
        self.done == self.total
    }

    fn take(&mut self, value: Value, today: &Today) {
        let record = serde_json::from_value::<WireRecord>(value)
            .map_err(|e| BundleError::Damaged(e.to_string()))
            .and_then(|w| record_of(&w, &self.devices, &self.officers));
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                self.damaged = Some(e);
                self.records.clear();
                return;
            }
        };
        if self.duplicate.is_none() && !self.ids.insert(record.id.clone()) {
            self.duplicate = Some(record.id.clone());
        }
        if self.invalid.is_none() {
            self.invalid = check(&record, today).err();
        }
        self.records.push(record);
    }

    /// The answer, problems in the one-go order: checksum, structure, duplicates, rules.
    fn finish(mut self, today: &Today) -> Result<Bundle, BundleError> {
        self.hasher.update(self.suffix.as_bytes());
        if checksum_text(self.hasher) != self.claimed {
            return Err(BundleError::Checksum);
        }
        let wire = self.wire?;
        if let Some(e) = self.damaged {
            return Err(e);
        }
        if let Some(id) = self.duplicate {
            return Err(BundleError::DuplicateId(id));
        }
        if let Some(e) = self.invalid {
            return Err(e);
        }
        drop(self.content);
        bundle_of(wire, self.records, self.claimed, today)
    }
}

/// JSON's four spaces (not form feed or others `is_ascii_whitespace` knows).
fn is_space(b: &u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample;
    use super::super::{read, signed, write};
    use super::*;
    use serde_json::json;

    fn today() -> Today {
        Today {
            year: 2026,
            iso: "2026-11-23".into(),
            clock_ms: 1_795_478_400_000, // 2026-11-24T00:00Z
        }
    }

    /// Read in the smallest steps there are (`enough` after every element and 256 KB).
    fn stepwise(bytes: &[u8]) -> (Result<Bundle, BundleError>, usize) {
        let mut reader = Reader::new(bytes, today());
        let (mut steps, mut last) = (0, 0.0);
        loop {
            steps += 1;
            if let Some(answer) = reader.step(&mut || true) {
                return (answer, steps);
            }
            let now = reader.progress();
            assert!(
                (last..=1.0).contains(&now),
                "progress went from {last} to {now}"
            );
            last = now;
        }
    }

    /// The same answer as the one-go reading; a structure problem's detail (serde's wording and
    /// position) may differ, not its kind.
    fn agree(bytes: &[u8]) {
        let want = read_whole(bytes, &today());
        let (got, _) = stepwise(bytes);
        let same = match (&got, &want) {
            (Err(BundleError::Damaged(_)), Err(BundleError::Damaged(_))) => true,
            _ => got == want,
        };
        assert!(
            same,
            "{:?}: stepwise {got:?}, at once {want:?}",
            String::from_utf8_lossy(bytes)
        );
    }

    fn content() -> Map<String, Value> {
        let (header, records) = sample();
        serde_json::from_str(&write(&header, &records)).unwrap()
    }

    /// Bundles as they may come: written by Sentra, with more records, keys a later minor version
    /// adds before and after `records` (escaped and not ASCII too), pretty-printed, empty.
    fn variants() -> Vec<String> {
        let (header, records) = sample();
        let mut out = vec![write(&header, &records)];
        let mut more = content();
        let list = more["records"].as_array().unwrap().clone();
        more.insert(
            "records".into(),
            Value::Array([list.clone(), list].concat()),
        );
        out.push(signed(more)); // duplicate ids
        let mut extra = content();
        extra.insert("aaa \"kutip\" ü".into(), json!({"records": [1, 2]}));
        extra.insert("zzz".into(), json!([{"a": "b,c]"}, 1.5e3, null]));
        extra.insert("résumé".into(), json!("\u{1F600} \\ \n"));
        extra["records"][0]["foto"] = json!(["x.jpg"]);
        out.push(signed(extra.clone()));
        let pretty: Value = serde_json::from_str(&signed(extra)).unwrap();
        out.push(serde_json::to_string_pretty(&pretty).unwrap());
        let mut empty = content();
        empty.insert("records".into(), json!([]));
        out.push(signed(empty));
        let mut invalid = content();
        invalid["records"][1]["fields"]["modal"]["v"] = json!(-1);
        out.push(signed(invalid));
        out
    }

    #[test]
    fn the_canonical_form_is_spliced_exactly() {
        for text in variants() {
            let (got, steps) = stepwise(text.as_bytes());
            assert_eq!(got, read_whole(text.as_bytes(), &today()));
            assert!(steps > 1, "read in steps");
        }
        let text = &variants()[2];
        assert!(
            read(text.as_bytes(), &today()).is_ok(),
            "unknown keys on both sides of records"
        );
        assert!(
            read(variants()[3].as_bytes(), &today()).is_ok(),
            "pretty-printed"
        );
    }

    /// Every cut of every variant: the answer at once and in steps agree (`Truncated`, or
    /// `NotJson` where the cut leaves something JSON cannot continue, like `1.`).
    #[test]
    fn every_cut_short_file_gets_the_same_answer() {
        for text in variants() {
            for end in 0..text.len() {
                if text.is_char_boundary(end) {
                    agree(&text.as_bytes()[..end]);
                }
            }
        }
    }

    /// Every byte of a bundle replaced by, or preceded by, each character the scanner looks at
    /// (and a plain one): the same answer both ways. (The property test below tries more.)
    #[test]
    fn every_damaged_byte_gets_the_same_answer() {
        let text = variants()[2].clone();
        for at in 0..text.len() {
            if !text.is_char_boundary(at) || !text.is_char_boundary(at + 1) {
                continue;
            }
            for b in *b"\"\\,[]{}x" {
                let mut bytes = text.as_bytes().to_vec();
                bytes[at] = b;
                agree(&bytes);
                bytes.insert(at, b);
                agree(&bytes);
            }
        }
    }

    #[test]
    fn outlines_that_are_not_a_bundles_get_the_same_answer() {
        for text in [
            "",
            "  ",
            "[]",
            "[1,2]",
            "\"records\"",
            "{}",
            "{\"records\":[]}",
            "{\"records\":{}}",
            "{\"records\":[],\"records\":[]}",
            "{\"records\":[1 2]}",
            "{\"records\":[1,]}",
            "{\"records\":[,1]}",
            "{\"records\":[1}",
            "{\"records\":[{}] x",
            "{\"records\":[{}]}}",
            "{\"records\":[tru",
            "{\"records\":[-",
            "{\"records\":[1.",
            "{\"records\":[{} ",
            "{\"records\":[{} x",
            "{\"records\":[\"a",
            "{\"rec\\u006frds\":[]}",
            "{\"a\":1 \"records\":[]}",
            "{\"records\":[\u{c}]}",
            "{\"records\":[1e999]}",
        ] {
            agree(text.as_bytes());
        }
        let deep = format!("{{\"records\":[{}{}]}}", "[".repeat(130), "]".repeat(130));
        agree(deep.as_bytes());
        let deep = format!("{{\"records\":[{}{}]}}", "[".repeat(125), "]".repeat(125));
        agree(deep.as_bytes());
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz {
    use super::super::tests::sample;
    use super::super::write;
    use super::*;
    use proptest::prelude::*;

    fn today() -> Today {
        Today {
            year: 2026,
            iso: "2026-11-23".into(),
            clock_ms: 1_795_478_400_000, // 2026-11-24T00:00Z
        }
    }

    fn kind_of(r: &Result<Bundle, BundleError>) -> Result<Bundle, BundleError> {
        match r {
            Err(BundleError::Damaged(_)) => Err(BundleError::Damaged(String::new())),
            other => other.clone(),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 10_000, failure_persistence: None, ..ProptestConfig::default() })]

        /// A bundle damaged in a few places (bytes changed, inserted, removed), then perhaps cut:
        /// in steps of any size, the answer is the one-go reading's.
        #[test]
        fn stepwise_and_at_once_agree(
            edits in proptest::collection::vec((any::<prop::sample::Index>(), prop::sample::select(b"\"\\,:[]{} x0-.e\n".to_vec()), 0..3u8), 0..4),
            cut in any::<prop::sample::Index>(),
            truncate in any::<bool>(),
            every in 1..20usize,
        ) {
            let (header, records) = sample();
            let mut bytes = write(&header, &records).into_bytes();
            for (at, byte, how) in edits {
                let i = at.index(bytes.len());
                match how {
                    0 => bytes[i] = byte,
                    1 => bytes.insert(i, byte),
                    _ => { bytes.remove(i); }
                }
            }
            if truncate {
                bytes.truncate(cut.index(bytes.len() + 1));
            }
            let mut reader = Reader::new(bytes.as_slice(), today());
            let mut calls = 0;
            let got = loop {
                if let Some(answer) = reader.step(&mut || { calls += 1; calls % every == 0 }) {
                    break answer;
                }
            };
            prop_assert_eq!(kind_of(&got), kind_of(&read_whole(&bytes, &today())));
        }
    }
}
