//! In-browser tests of gzip and deflate by the browser's streams (`web::deflate`) against the
//! native gzip the hub uses (`bundle::gzip` on flate2): files made by either are read by the
//! other; and its workbooks read back by calamine (part of `tests/web.rs`).

use sentra::bundle::{self, BundleError};
use sentra::intake::{workbook, Cell};
use sentra::model::Kind;
use sentra::report::export::{Cell as Out, Sheet};
use sentra::web::deflate;
use wasm_bindgen_test::*;

fn text(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "{{\"id\":\"r{i}\",\"nama\":\"Usaha {} é\"}},",
                i * 7919 % 1000
            )
        })
        .collect()
}

#[wasm_bindgen_test]
async fn gzip_by_the_browser_reads_natively_and_back() {
    for n in [0, 1, 50_000] {
        let t = text(n);
        let packed = deflate::gzip(&t).await.expect("gzips");
        assert!(bundle::is_gzip(&packed));
        if n == 50_000 {
            assert!(
                packed.len() * 5 < t.len(),
                "{} -> {}",
                t.len(),
                packed.len()
            );
        }
        assert_eq!(
            bundle::gunzip(packed.clone()).unwrap(),
            t.as_bytes(),
            "read natively"
        );
        assert_eq!(
            deflate::gunzip(&packed).await.unwrap(),
            t.as_bytes(),
            "read here"
        );
        let native = bundle::gzip(t.clone());
        assert_eq!(
            deflate::gunzip(&native).await.unwrap(),
            t.as_bytes(),
            "native read here"
        );
    }
}

#[wasm_bindgen_test]
async fn a_gzip_cut_short_damaged_or_too_large_is_refused() {
    let packed = bundle::gzip(text(5_000));
    for cut in [1, 2, 10, packed.len() / 2, packed.len() - 1] {
        assert_eq!(
            deflate::gunzip(&packed[..cut]).await,
            Err(BundleError::Truncated),
            "cut at {cut}"
        );
    }
    let mut flipped = packed.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x55;
    assert!(deflate::gunzip(&flipped).await.is_err(), "a flipped byte");
    let mut longer = packed;
    longer.extend_from_slice(b"extra");
    assert!(
        deflate::gunzip(&longer).await.is_err(),
        "bytes after the end"
    );
    let zeros = bundle::gzip("0".repeat(3_000_000));
    assert_eq!(
        deflate::gunzip_within(&zeros, 1_000_000).await,
        Err(BundleError::TooLarge)
    );
    assert_eq!(
        deflate::gunzip_within(&zeros, 3_000_000)
            .await
            .unwrap()
            .len(),
        3_000_000
    );
}

#[wasm_bindgen_test]
async fn a_workbook_deflated_by_the_browser_reads_back() {
    let rows: Vec<Vec<Out>> = (0..2_000)
        .map(|i| {
            vec![
                Out::Text(format!("Kripik Maju {i} & <Sari>")),
                Out::Number(f64::from(i) * 1_500.5),
                Out::Empty,
            ]
        })
        .collect();
    let sheet = Sheet {
        kind: Kind::Usaha,
        headers: vec!["Nama Usaha".into(), "Omzet".into(), "Catatan".into()],
        rows,
    };
    let written = deflate::xlsx(&[sheet]).await.expect("written");
    let tables = workbook::read(written).expect("read by calamine");
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0].name, "Usaha");
    let rows = &tables[0].rows;
    assert_eq!(rows.len(), 2_001);
    assert_eq!(rows[0][0], Cell::Text("Nama Usaha".into()));
    assert_eq!(
        rows[2_000][0],
        Cell::Text("Kripik Maju 1999 & <Sari>".into())
    );
    assert_eq!(rows[2_000][1], Cell::Number(1999.0 * 1_500.5));
}
