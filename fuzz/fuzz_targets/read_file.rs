//! A received file as it arrives, gzipped or not: `read_file` answers (a bundle or why not) and
//! never panics. libFuzzer's -rss_limit_mb / -malloc_limit_mb catch memory that grows with no
//! bound (the reader refuses files over 100 MB, and gunzip stops at 100 MB of output).

#![no_main]

use libfuzzer_sys::fuzz_target;
use sentra::bundle;
use sentra::model::rules::Today;

fuzz_target!(|data: &[u8]| {
    let today = Today {
        year: 2026,
        iso: "2026-11-23".into(),
        clock_ms: 1_795_478_400_000, // 2026-11-24T00:00Z
    };
    let _ = bundle::read_file(data.to_vec(), &today);
});
