//! The bundle writer in steps: [`write`](super::write)'s text, a hundred records at a time, then
//! the photos it carries (a megabyte of text at a time), then the checksum a megabyte at a time, so the page can breathe between steps (writing 50,000 Usaha
//! in one go held Chromium for 2.6 s).
//!
//! The canonical form is the content as JSON with every object's keys in order and no spaces;
//! each record's canonical text is the same whether written alone or inside the whole, so the
//! records are written one by one and the parts around them last (the device and officer lists
//! come before `records` and are complete only then; `around` writes those parts as the
//! stepped reader hashes them). The checksum's key sorts first, so the bundle's text is
//! `{"checksum":"…",` followed by the canonical text without its `{`.

use super::photos::{
    chosen, element_text, intact, Held, Photos, PhotosHeld, PhotosTooLarge, Sizes,
};
use super::{around, checksum_text, content_of, to_json, wire, wire_record, Header, Names, Record};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

const RECORDS_PER_STEP: usize = 100;
const BYTES_PER_STEP: usize = 1 << 20;
/// `{"checksum":"sha256:<64 hex>",` before the canonical text without its `{`.
const CHECKSUM_LEN: usize = r#"{"checksum":"sha256:","#.len() + 64 - 1;

/// Where [`Writer::step`] is.
enum Stage {
    /// Writing records; the next one's position.
    Records(usize),
    /// Writing the photos to carry (when carrying them); the next one's position in `chosen`.
    Photos(usize),
    /// Hashing the canonical text: the pieces around the photos and records (`super::around`),
    /// which of the long parts (photos, then records) is being hashed, and how much of it.
    Checksum {
        pieces: Vec<String>,
        hasher: Sha256,
        part: usize,
        hashed: usize,
    },
}

/// A bundle written in steps, with or without the photos its records refer to.
///
/// Photos ([`Writer::with_photos`]): the writer is given the photos' bytes by hash and carries
/// those the written live records refer to (`model::photo::referenced`), in hash order, each
/// checked against its hash (a damaged one is left out: [`Writer::left_out`]). Once the records
/// are written, [`Writer::sizes`] gives the bundle's size without photos and what they add, and
/// the officer's choice is [`Writer::include_photos`], before or after: the records are not
/// written again. A device sizes from what it holds ([`Writer::with_photos_held`]) and gives the
/// bytes only once they are to go ([`Writer::photos_wanted`], [`Writer::give_photos`]). A bundle
/// is never written over [`MAX_BYTES`](super::MAX_BYTES) with photos:
/// `include_photos(true)` refuses then, and a writer asked for photos before the sizes were
/// known writes none and says so ([`Writer::too_large`]).
pub struct Writer {
    header: Header,
    records: Vec<Record>,
    devices: Names,
    officers: Names,
    /// The records' canonical texts, comma-separated.
    body: String,
    /// The bundle's content around the records, once they are written.
    content: Map<String, Value>,
    /// The photos on the device, as sized before their bytes are read.
    held: PhotosHeld,
    /// The photos' bytes given so far.
    available: Photos,
    include: bool,
    /// Once the records are written: the photos their live records refer to that were given.
    chosen: Vec<String>,
    sizes: Option<Sizes>,
    /// The carried photos' elements, comma-separated.
    photo_body: String,
    left_out: Vec<String>,
    too_large: Option<PhotosTooLarge>,
    stage: Stage,
}

impl Writer {
    /// A bundle of `records` alone.
    pub fn new(header: Header, records: Vec<Record>) -> Self {
        Writer::with_photos(header, records, Photos::new())
    }

    /// A bundle of `records` carrying the photos of `photos` they refer to (by default; see
    /// [`Writer::include_photos`]).
    pub fn with_photos(header: Header, records: Vec<Record>, photos: Photos) -> Self {
        let held = photos
            .iter()
            .map(|(h, p)| (h.clone(), Held::of(p)))
            .collect();
        Writer {
            available: photos,
            ..Writer::with_photos_held(header, records, held)
        }
    }

    /// A bundle of `records` that may carry the photos of `held` they refer to, sized by what
    /// `held` says; their bytes are given once the officer chose them ([`Writer::give_photos`]).
    pub fn with_photos_held(header: Header, mut records: Vec<Record>, held: PhotosHeld) -> Self {
        crate::sort::by(&mut records, |a, b| a.id.cmp(&b.id));
        Writer {
            header,
            records,
            devices: Names::default(),
            officers: Names::default(),
            body: String::new(),
            content: Map::new(),
            held,
            available: Photos::new(),
            include: true,
            chosen: Vec::new(),
            sizes: None,
            photo_body: String::new(),
            left_out: Vec::new(),
            too_large: None,
            stage: Stage::Records(0),
        }
    }

    /// The sizes to offer "dengan foto" / "tanpa foto" with, once the records are written.
    pub fn sizes(&self) -> Option<&Sizes> {
        self.sizes.as_ref()
    }

    /// Whether to carry the photos (the officer's "dengan foto" / "tanpa foto"). Refused when the
    /// bundle would then be over the limit; the writer then carries none. May be called at any
    /// time: the records are kept, only the photos and the checksum are done again.
    pub fn include_photos(&mut self, yes: bool) -> Result<(), PhotosTooLarge> {
        let over = self.sizes.as_ref().filter(|s| !s.fits_with_photos());
        if let (true, Some(s)) = (yes, over) {
            let refused = PhotosTooLarge(s.with_photos());
            self.too_large = Some(refused);
            self.include = false;
            return Err(refused);
        }
        self.too_large = None;
        if yes != self.include {
            self.include = yes;
            if !matches!(self.stage, Stage::Records(_)) {
                self.photo_body.clear();
                self.left_out.clear();
                self.stage = Stage::Photos(0);
            }
        }
        Ok(())
    }

    /// The photos whose bytes the writer needs before it goes on: once the records are written,
    /// when photos are to be carried, those chosen that were not given yet (empty otherwise).
    pub fn photos_wanted(&self) -> Vec<String> {
        if !self.include || self.sizes.is_none() {
            return Vec::new();
        }
        self.chosen
            .iter()
            .filter(|h| !self.available.contains_key(*h))
            .cloned()
            .collect()
    }

    /// The bytes of photos it carries ([`Writer::photos_wanted`]). The sizes are then those of
    /// the bytes given, not of what was held: should they take the bundle over the limit, it
    /// carries none ([`Writer::too_large`]). A photo wanted and not given is left out
    /// ([`Writer::left_out`]).
    pub fn give_photos(&mut self, photos: Photos) {
        self.available.extend(photos);
        for (hash, photo) in &self.available {
            self.held.insert(hash.clone(), Held::of(photo));
        }
        if let Some(sizes) = &self.sizes {
            let sizes = Sizes::of(
                sizes.without_photos,
                &self
                    .chosen
                    .iter()
                    .map(|h| &self.held[h])
                    .collect::<Vec<_>>(),
                sizes.missing,
            );
            if self.include && !sizes.fits_with_photos() {
                self.include = false;
                self.too_large = Some(PhotosTooLarge(sizes.with_photos()));
            }
            self.sizes = Some(sizes);
        }
    }

    /// Whether the text written carries photos (once written).
    pub fn carries_photos(&self) -> bool {
        self.include && !self.photo_body.is_empty()
    }

    /// Photos were asked for but would have made the bundle too large: it carries none.
    pub fn too_large(&self) -> Option<PhotosTooLarge> {
        self.too_large
    }

    /// Photos left out because their bytes do not match their hash (damaged on this device) or
    /// were not given.
    pub fn left_out(&self) -> &[String] {
        &self.left_out
    }

    /// Does the next step; the bundle's text once done.
    pub fn step(&mut self) -> Option<String> {
        match &mut self.stage {
            Stage::Records(next) if *next < self.records.len() => {
                let end = (*next + RECORDS_PER_STEP).min(self.records.len());
                for r in &self.records[*next..end] {
                    if !self.body.is_empty() {
                        self.body.push(',');
                    }
                    let w = wire_record(r, &mut self.devices, &mut self.officers);
                    let value = serde_json::to_value(&w).expect("serialisable");
                    self.body.push_str(&value.to_string());
                }
                *next = end;
                None
            }
            Stage::Records(_) => {
                self.records_written();
                None
            }
            Stage::Photos(next) if self.include && *next < self.chosen.len() => {
                let start = self.photo_body.len();
                while *next < self.chosen.len() && self.photo_body.len() - start < BYTES_PER_STEP {
                    let hash = &self.chosen[*next];
                    let photo = self.available.get(hash);
                    if let Some(photo) = photo.filter(|p| intact(hash, p)) {
                        if !self.photo_body.is_empty() {
                            self.photo_body.push(',');
                        }
                        self.photo_body.push_str(&element_text(hash, photo));
                    } else {
                        self.left_out.push(hash.clone());
                    }
                    *next += 1;
                }
                None
            }
            Stage::Photos(_) => {
                let mut content = self.content.clone();
                let pieces = if self.photo_body.is_empty() {
                    around(&content, &["records"])
                } else {
                    content.insert("photos".into(), Value::Array(Vec::new()));
                    around(&content, &["photos", "records"])
                };
                let mut hasher = Sha256::new();
                hasher.update(pieces[0].as_bytes());
                self.stage = Stage::Checksum {
                    pieces,
                    hasher,
                    part: 0,
                    hashed: 0,
                };
                None
            }
            Stage::Checksum {
                pieces,
                hasher,
                part,
                hashed,
            } => {
                let parts = Self::long_parts_of(pieces, &self.photo_body, &self.body);
                if let Some(long) = parts.get(*part) {
                    if *hashed < long.len() {
                        let end = (*hashed + BYTES_PER_STEP).min(long.len());
                        hasher.update(&long.as_bytes()[*hashed..end]);
                        *hashed = end;
                    } else {
                        *part += 1;
                        *hashed = 0;
                        hasher.update(pieces[*part].as_bytes());
                    }
                    return None;
                }
                let checksum = to_json(&checksum_text(hasher.clone()));
                let length = pieces.iter().map(String::len).sum::<usize>()
                    + parts.iter().map(|p| p.len()).sum::<usize>();
                let mut text = String::with_capacity(length + CHECKSUM_LEN);
                text.push_str("{\"checksum\":");
                text.push_str(&checksum);
                text.push(',');
                text.push_str(&pieces[0][1..]);
                for (long, piece) in parts.iter().zip(&pieces[1..]) {
                    text.push_str(long);
                    text.push_str(piece);
                }
                Some(text)
            }
        }
    }

    /// The long parts of the canonical text, between the `pieces`: the photos (when carried) and
    /// the records.
    fn long_parts_of<'a>(pieces: &[String], photos: &'a str, records: &'a str) -> Vec<&'a str> {
        if pieces.len() == 3 {
            vec![photos, records]
        } else {
            vec![records]
        }
    }

    fn long_parts(&self, pieces: &[String]) -> Vec<&str> {
        Self::long_parts_of(pieces, &self.photo_body, &self.body)
    }

    /// The records are written: the content around them, the photos to carry and the sizes.
    fn records_written(&mut self) {
        let wire = wire(
            &self.header,
            std::mem::take(&mut self.devices),
            std::mem::take(&mut self.officers),
            Vec::new(),
        );
        self.content = content_of(&wire);
        let (chosen, missing) = chosen(&self.records, &self.held);
        let without = around(&self.content, &["records"])
            .iter()
            .map(String::len)
            .sum::<usize>()
            + self.body.len()
            + CHECKSUM_LEN;
        let carried: Vec<_> = chosen.iter().map(|h| &self.held[h]).collect();
        let sizes = Sizes::of(without, &carried, missing);
        self.chosen = chosen;
        if self.include && !sizes.fits_with_photos() {
            self.include = false;
            self.too_large = Some(PhotosTooLarge(sizes.with_photos()));
        }
        self.sizes = Some(sizes);
        self.stage = Stage::Photos(0);
    }

    /// How far it is, 0 to 1 (records are most of the work).
    pub fn progress(&self) -> f64 {
        let part_of = |done: usize, all: usize| done as f64 / all.max(1) as f64;
        match &self.stage {
            Stage::Records(next) => 0.7 * part_of(*next, self.records.len()),
            Stage::Photos(next) => 0.7 + 0.1 * part_of(*next, self.chosen.len()),
            Stage::Checksum {
                pieces,
                part,
                hashed,
                ..
            } => {
                let lengths: Vec<usize> = self.long_parts(pieces).iter().map(|p| p.len()).collect();
                let done = lengths[..*part].iter().sum::<usize>() + hashed;
                0.8 + 0.2 * part_of(done, lengths.iter().sum())
            }
        }
    }
}

#[cfg(test)]
mod tests;
