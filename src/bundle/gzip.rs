//! Bundles over [`GZIP_ABOVE`] travel gzipped: a 41.7 MB bundle of 50,000 Usaha is 3.85 MB
//! gzipped (README, `tools/bench-import.mjs`), which is an officer's mobile data and minutes on
//! a weak signal. Smaller ones stay plain JSON, readable in any text editor.
//!
//! Both directions work a piece at a time ([`Gzip::step`], [`Gunzip::step`]), so the page can
//! breathe between pieces. Reading stops at [`MAX_BYTES`] of output: a small file that unpacks
//! to gigabytes is refused like a large one.

use super::{BundleError, MAX_BYTES};
use flate2::write::{GzDecoder, GzEncoder};
use flate2::Compression;
use std::io::Write;

/// Bundles larger than this (as JSON) are offered gzipped.
pub const GZIP_ABOVE: usize = 1_000_000;

/// Input taken per step: small enough that one step never runs long, and that one step's
/// output (at most about 1,000 times its input) stays near the limit.
const STEP: usize = 64 * 1024;

/// Whether bytes begin as a gzip file does.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Compresses a bundle's text a step at a time (level 6, as `gzip` does by default).
pub struct Gzip {
    input: Vec<u8>,
    at: usize,
    encoder: Option<GzEncoder<Vec<u8>>>,
}

impl Gzip {
    pub fn new(text: String) -> Self {
        let size = text.len() / 8;
        Gzip {
            input: text.into_bytes(),
            at: 0,
            encoder: Some(GzEncoder::new(
                Vec::with_capacity(size),
                Compression::new(6),
            )),
        }
    }

    /// Compresses the next piece; the file once everything is in.
    pub fn step(&mut self) -> Option<Vec<u8>> {
        let end = (self.at + STEP).min(self.input.len());
        let encoder = self.encoder.as_mut()?;
        // Writing into memory cannot fail.
        encoder
            .write_all(&self.input[self.at..end])
            .expect("gzip into memory");
        self.at = end;
        if self.at < self.input.len() {
            return None;
        }
        self.encoder
            .take()
            .map(|e| e.finish().expect("gzip into memory"))
    }

    /// How far it is, 0 to 1.
    pub fn progress(&self) -> f64 {
        self.at as f64 / self.input.len().max(1) as f64
    }
}

/// Unpacks a gzipped bundle a step at a time, refusing what is not gzip, is cut short or
/// damaged, or unpacks to more than [`MAX_BYTES`].
pub struct Gunzip {
    input: Vec<u8>,
    at: usize,
    decoder: Option<GzDecoder<Vec<u8>>>,
    limit: usize,
}

impl Gunzip {
    pub fn new(input: Vec<u8>) -> Self {
        Self::with_limit(input, MAX_BYTES)
    }

    /// [`Gunzip::new`] with another output limit (tests).
    pub fn with_limit(input: Vec<u8>, limit: usize) -> Self {
        let size = (input.len() * 10).min(limit);
        Gunzip {
            input,
            at: 0,
            decoder: Some(GzDecoder::new(Vec::with_capacity(size))),
            limit,
        }
    }

    /// Unpacks the next piece; the bundle's bytes (or why not) once done.
    pub fn step(&mut self) -> Option<Result<Vec<u8>, BundleError>> {
        let decoder = self.decoder.as_mut()?;
        let end = (self.at + STEP).min(self.input.len());
        let wrote = decoder.write_all(&self.input[self.at..end]);
        self.at = end;
        let answer = if decoder.get_ref().len() > self.limit {
            Some(Err(BundleError::TooLarge))
        } else if wrote.is_err() {
            // Damaged deflate data, or bytes after the end of the gzip stream.
            Some(Err(BundleError::Truncated))
        } else if self.at == self.input.len() {
            let decoder = self.decoder.take().expect("checked above");
            Some(decoder.finish().map_err(|_| BundleError::Truncated))
        } else {
            None
        };
        if answer.is_some() {
            self.decoder = None;
        }
        answer
    }

    /// How far it is, 0 to 1.
    pub fn progress(&self) -> f64 {
        self.at as f64 / self.input.len().max(1) as f64
    }
}

/// Runs a stepped task to its end in one go (tests, and callers with no page to keep alive).
pub fn gzip(text: String) -> Vec<u8> {
    let mut g = Gzip::new(text);
    loop {
        if let Some(bytes) = g.step() {
            return bytes;
        }
    }
}

/// [`Gunzip`] in one go.
pub fn gunzip(bytes: Vec<u8>) -> Result<Vec<u8>, BundleError> {
    let mut g = Gunzip::new(bytes);
    loop {
        if let Some(answer) = g.step() {
            return answer;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn text(n: usize) -> String {
        (0..n)
            .map(|i| {
                format!(
                    "{{\"id\":\"r{i}\",\"nama\":\"Usaha {}\"}},",
                    i * 7919 % 1000
                )
            })
            .collect()
    }

    #[test]
    fn a_bundle_comes_back_as_it_went() {
        for n in [0, 1, 10, 50_000] {
            let t = text(n);
            let packed = gzip(t.clone());
            assert!(is_gzip(&packed));
            if n == 50_000 {
                assert!(
                    packed.len() * 5 < t.len(),
                    "{} -> {}",
                    t.len(),
                    packed.len()
                );
            }
            assert_eq!(gunzip(packed).expect("unpacks"), t.into_bytes());
        }
    }

    #[test]
    fn a_file_cut_short_or_damaged_is_refused() {
        let packed = gzip(text(5_000));
        for cut in [1, 2, 10, packed.len() / 2, packed.len() - 1] {
            assert_eq!(
                gunzip(packed[..cut].to_vec()),
                Err(BundleError::Truncated),
                "cut at {cut}"
            );
        }
        let mut flipped = packed.clone();
        let middle = flipped.len() / 2;
        flipped[middle] ^= 0x55;
        assert!(gunzip(flipped).is_err(), "a flipped byte");
        let mut longer = packed;
        longer.extend_from_slice(b"extra");
        assert!(gunzip(longer).is_err(), "bytes after the end");
    }

    #[test]
    fn a_small_file_that_unpacks_to_too_much_is_refused() {
        let zeros = gzip("0".repeat(3_000_000));
        assert!(zeros.len() < 10_000, "{}", zeros.len());
        let mut g = Gunzip::with_limit(zeros, 1_000_000);
        let answer = loop {
            if let Some(a) = g.step() {
                break a;
            }
        };
        assert_eq!(answer, Err(BundleError::TooLarge));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]
        /// Any bytes after the gzip mark: an answer, never a panic.
        #[test]
        fn any_bytes_get_an_answer(tail in proptest::collection::vec(any::<u8>(), 0..400)) {
            let mut bytes = vec![0x1f, 0x8b];
            bytes.extend(tail);
            let _ = gunzip(bytes);
        }
    }
}
