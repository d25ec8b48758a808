//! Converts idn-area-data's CSV files into the app's region assets (a Trunk pre_build hook).
//!
//!   cargo run --bin wilayah -- <csv dir> <out dir>
//!
//! Writes `<out>/index.txt`, `<out>/<version>/kab/*.txt`, `<out>/<version>/prov/*.txt` and the
//! data licence, replacing what was there.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use sentra::wilayah::convert::{convert, Sources};
    use std::{fs, path::PathBuf};

    let args: Vec<String> = std::env::args().collect();
    let [_, csv_dir, out_dir] = args.as_slice() else {
        eprintln!("usage: wilayah <idn-area-data data dir> <out dir>");
        std::process::exit(2);
    };
    let (csv_dir, out_dir) = (PathBuf::from(csv_dir), PathBuf::from(out_dir));
    let read = |name: &str| {
        fs::read_to_string(csv_dir.join(name)).unwrap_or_else(|e| {
            eprintln!(
                "wilayah: cannot read {} ({e}); run `make setup` to install idn-area-data",
                csv_dir.join(name).display()
            );
            std::process::exit(1);
        })
    };
    let (provinces, regencies, districts, villages) = (
        read("provinces.csv"),
        read("regencies.csv"),
        read("districts.csv"),
        read("villages.csv"),
    );
    let data = convert(&Sources {
        provinces: &provinces,
        regencies: &regencies,
        districts: &districts,
        villages: &villages,
    })
    .unwrap_or_else(|e| {
        eprintln!("wilayah: {e}");
        std::process::exit(1);
    });

    let _ = fs::remove_dir_all(&out_dir);
    for (path, text) in data.files() {
        let path = out_dir.join(path);
        fs::create_dir_all(path.parent().expect("asset paths have a folder"))
            .expect("create asset folder");
        fs::write(&path, text).expect("write asset");
    }
    fs::copy(csv_dir.join("LICENSE.md"), out_dir.join("LICENSE-ODbL.md"))
        .expect("copy the data licence");
    println!(
        "wilayah: {} provinces, {} kabupaten/kota, {} villages, {} names repaired, version {}",
        data.index.provinces.len(),
        data.index.kabupaten.len(),
        data.kabupaten
            .iter()
            .map(|k| k.villages.len())
            .sum::<usize>(),
        data.repaired_names,
        data.index.data_version
    );
}

#[cfg(target_arch = "wasm32")]
fn main() {}
