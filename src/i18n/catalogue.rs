//! The catalogue: every visible string, in Indonesian and English.

use super::Lang;

messages! {
    AppName { id: "Sentra", en: "Sentra" }
    AppTagline { id: "Pendataan IKM tanpa sinyal untuk Disperindag", en: "Offline IKM records for Disperindag" }
    SkipToContent { id: "Langsung ke isi halaman", en: "Skip to content" }
    MenuOpen { id: "Buka menu", en: "Open menu" }
    MenuClose { id: "Tutup menu", en: "Close menu" }
    MainNavigation { id: "Navigasi utama", en: "Main navigation" }
    ClockWrong {
        id: "Tanggal perangkat ini tampaknya salah: ada data yang tercatat pada {latest}, padahal jam perangkat menunjukkan {now}. Betulkan tanggal, jam dan zona waktu di pengaturan ponsel. Perubahan baru tetap dicatat sesudah data yang ada.",
        en: "This device's date looks wrong: some data was recorded at {latest}, yet the device's clock shows {now}. Correct the date, time and time zone in the phone's settings. New changes are still recorded after the existing data.",
    }
    StatusOffline { id: "Tanpa sinyal: data tetap tersimpan di perangkat ini", en: "Offline: data stays saved on this device" }

    NavBeranda { id: "Beranda", en: "Home" }
    NavUsaha { id: "Usaha", en: "Businesses" }
    NavSentra { id: "Sentra", en: "Sentra" }
    NavSurvei { id: "Survei Desa", en: "Village Surveys" }
    NavKawasan { id: "Kawasan IKM", en: "IKM Areas" }
    NavKegiatan { id: "Kegiatan", en: "Activities" }
    NavMitra { id: "Mitra", en: "Partners" }
    NavJejaring { id: "Jejaring", en: "Networking" }
    NavBagikan { id: "Bagikan", en: "Share" }
    NavPengaturan { id: "Pengaturan", en: "Settings" }
    NavTentang { id: "Tentang", en: "About" }

    BerandaIntro {
        id: "Ringkasan data yang tercatat di perangkat ini.",
        en: "A summary of the data recorded on this device.",
    }
    BerandaEmpty {
        id: "Belum ada data. Mulailah dengan mencatat usaha atau sentra; ringkasannya akan tampil di sini.",
        en: "No data yet. Start by recording a business or a sentra; the summary will appear here.",
    }
    UsahaIntro {
        id: "IKM dan UMKM yang dikunjungi, beserta status keaktifannya.",
        en: "IKM and UMKM businesses visited, with whether they are still active.",
    }
    UsahaEmpty { id: "Belum ada usaha yang dicatat.", en: "No businesses recorded yet." }
    SentraIntro {
        id: "Sentra IKM yang direncanakan atau sudah terbentuk: anggaran, anggota, dan pengurus.",
        en: "Sentra IKM planned or formed: budget, members and board.",
    }
    SentraEmpty { id: "Belum ada sentra yang dicatat.", en: "No sentra recorded yet." }
    SurveiIntro {
        id: "Survei potensi desa untuk kampung industri (satu desa satu produk), tahap demi tahap.",
        en: "Village potential surveys for kampung industri (one village one product), stage by stage.",
    }
    SurveiEmpty { id: "Belum ada survei desa.", en: "No village surveys yet." }
    KawasanIntro {
        id: "Kawasan IKM yang disiapkan kabupaten/kota: lahan dan regulasi.",
        en: "IKM areas a kabupaten/kota prepares: land and regulation.",
    }
    KawasanEmpty { id: "Belum ada kawasan IKM yang dicatat.", en: "No IKM areas recorded yet." }
    KegiatanIntro {
        id: "Kegiatan program: pelatihan, fasilitasi halal, gelar produk, temu jejaring.",
        en: "Programme activities: trainings, halal facilitation, product showcases, business matching.",
    }
    KegiatanEmpty { id: "Belum ada kegiatan yang dicatat.", en: "No activities recorded yet." }
    MitraIntro {
        id: "Mitra usaha dan jejaring antara UMKM dan mitra.",
        en: "Partners and the links between UMKM and partners.",
    }
    MitraEmpty { id: "Belum ada mitra yang dicatat.", en: "No partners recorded yet." }
    JejaringIntro {
        id: "Pertemuan usaha dengan mitra dan kelanjutannya: diperkenalkan, negosiasi, kerja sama, selesai.",
        en: "Businesses introduced to partners and what followed: introduced, negotiating, cooperating, finished.",
    }
    JejaringEmpty { id: "Belum ada jejaring yang dicatat.", en: "No networking recorded yet." }
    BagikanIntro {
        id: "Kirim data ke rekan atau kantor sebagai berkas, dan gabungkan berkas yang Anda terima.",
        en: "Send data to colleagues or the office as a file, and merge the files you receive.",
    }
    BagikanEmpty {
        id: "Belum ada data untuk dibagikan, dan belum ada berkas yang diimpor.",
        en: "No data to share yet, and no files imported.",
    }
    PengaturanIntro {
        id: "Bahasa, profil petugas, dan penyimpanan di perangkat ini.",
        en: "Language, officer profile and storage on this device.",
    }
    TentangIntro {
        id: "Sentra adalah aplikasi pendataan IKM yang bekerja tanpa sinyal.",
        en: "Sentra is an IKM data-collection app that works without signal.",
    }

    SettingsLanguage { id: "Bahasa", en: "Language" }
    SettingsLanguageLabel { id: "Bahasa tampilan", en: "Interface language" }

    ProfileHeading { id: "Profil petugas", en: "Officer profile" }
    ProfileExplain {
        id: "Setiap perubahan data dicatat dengan nama, kantor, dan kode perangkat ini.",
        en: "Every change to the data is stamped with this name, office and device id.",
    }
    ProfileName { id: "Nama petugas", en: "Officer name" }
    ProfileOffice { id: "Nama kantor (mis. Disperindag Kabupaten Sumenep)", en: "Office name (e.g. Disperindag Kabupaten Sumenep)" }
    ProfileDeviceId { id: "Kode perangkat", en: "Device id" }
    ProfileSave { id: "Simpan profil", en: "Save profile" }
    ProfileSaved { id: "Profil tersimpan.", en: "Profile saved." }
    ProfileNotSaved {
        id: "Profil belum tersimpan. Periksa isian yang ditandai.",
        en: "Profile not saved. Check the marked fields.",
    }
    ProfileStorageFailed {
        id: "Profil tidak dapat disimpan di browser ini (penyimpanan penuh atau mode pribadi). Isian Anda tetap di layar.",
        en: "The profile could not be saved in this browser (storage full or private mode). What you typed is still on screen.",
    }
    ErrNameRequired { id: "Nama petugas wajib diisi.", en: "The officer name is required." }
    ErrOfficeRequired { id: "Kantor wajib diisi.", en: "The office is required." }
    ErrTooLong {
        id: "Terlalu panjang: paling banyak {max} karakter.",
        en: "Too long: at most {max} characters.",
    }

    StorageHeading { id: "Penyimpanan", en: "Storage" }
    StoragePersistent { id: "Penyimpanan permanen", en: "Persistent storage" }
    StoragePersistentYes {
        id: "Ya: browser tidak akan menghapus data ini sendiri.",
        en: "Yes: the browser will not clear this data on its own.",
    }
    StoragePersistentNo {
        id: "Belum: browser dapat menghapus data bila ruang penyimpanan hampir habis. Bagikan data secara berkala.",
        en: "Not yet: the browser may clear data when space runs low. Share your data regularly.",
    }
    StorageUnknown { id: "Tidak diketahui (browser tidak mendukung)", en: "Unknown (not supported by this browser)" }
    StorageRequest { id: "Minta penyimpanan permanen", en: "Ask for persistent storage" }
    StorageUsed { id: "Terpakai", en: "Used" }
    StorageAvailable { id: "Tersedia", en: "Available" }
    StorageChecking { id: "Memeriksa…", en: "Checking…" }
    StoragePhotos { id: "Foto (termasuk dalam terpakai)", en: "Photos (included in used)" }
    StoragePhotosCount { id: "{count} foto, {size}", en: "{count} photos, {size}" }

    UpdateAvailable {
        id: "Versi baru Sentra tersedia. Simpan isian Anda dulu, lalu perbarui.",
        en: "A new version of Sentra is available. Save what you are typing, then update.",
    }
    UpdateNow { id: "Perbarui sekarang", en: "Update now" }
    UpdateLater { id: "Nanti", en: "Later" }
    OfflineReady {
        id: "Sentra siap dipakai tanpa sinyal di perangkat ini.",
        en: "Sentra is ready to use without signal on this device.",
    }
    Dismiss { id: "Tutup", en: "Dismiss" }

    AboutVersion { id: "Versi", en: "Version" }
    AboutLicences { id: "Lisensi perangkat lunak", en: "Software licences" }
    AboutLicencesExplain {
        id: "Sentra dibangun dengan perangkat lunak sumber terbuka berikut.",
        en: "Sentra is built with the following open-source software.",
    }
    AboutComponent { id: "Komponen", en: "Component" }
    AboutLicence { id: "Lisensi", en: "Licence" }
    AboutData { id: "Atribusi data", en: "Data attributions" }
    AboutPrivacy { id: "Data pribadi", en: "Personal data" }
    AboutPrivacyText {
        id: "Semua data tersimpan hanya di perangkat ini sampai Anda membagikannya. NIK dan nomor telepon disamarkan di daftar dan ekspor (UU 27/2022 tentang Pelindungan Data Pribadi).",
        en: "All data stays on this device until you share it. NIK and phone numbers are masked in lists and exports (Law 27/2022 on Personal Data Protection).",
    }

    PodesKulit { id: "Kulit", en: "Leather" }
    PodesKayu { id: "Kayu", en: "Wood" }
    PodesLogam { id: "Logam", en: "Metal" }
    PodesAnyaman { id: "Anyaman", en: "Woven goods" }
    PodesGerabah { id: "Gerabah, keramik, batu", en: "Pottery, ceramics, stone" }
    PodesKain { id: "Kain, tenun", en: "Cloth, weaving" }
    PodesMakanan { id: "Makanan dan minuman", en: "Food and drink" }
    PodesLainnya { id: "Lainnya", en: "Other" }
    KbliUncertain { id: "belum pasti", en: "uncertain" }
    KbliUnknown { id: "belum diketahui", en: "not known" }
    KomoditasGroup { id: "Kelompok bahan (Podes)", en: "Material group (Podes)" }
    KomoditasUseKbli { id: "Pakai KBLI {edition}: {code}", en: "Use KBLI {edition}: {code}" }

    WorkAreaHeading { id: "Wilayah kerja", en: "Working area" }
    WorkAreaExplain {
        id: "Wilayah kantor Anda: satu kabupaten/kota, atau satu provinsi untuk kantor provinsi. Pencarian desa dan kecamatan dimulai dari wilayah ini, dan datanya disimpan agar bisa dipakai tanpa sinyal.",
        en: "Your office's area: one kabupaten/kota, or a whole province for a province office. Village and kecamatan searches start in this area, and its data is kept for use without signal.",
    }
    WorkAreaLabel { id: "Provinsi atau kabupaten/kota kerja", en: "Working province or kabupaten/kota" }
    AreaProvinceDetail { id: "Kantor provinsi: {count} kabupaten/kota", en: "Province office: {count} kabupaten/kota" }
    WorkAreaNone {
        id: "Belum dipilih. Pilih wilayah kerja (provinsi atau kabupaten/kota) di Pengaturan agar pencarian desa cepat.",
        en: "Not chosen yet. Choose a working area (province or kabupaten/kota) in Settings to make village search quick.",
    }
    WorkAreaReady {
        id: "{kecamatan} kecamatan dan {villages} desa/kelurahan tersimpan di perangkat ini.",
        en: "{kecamatan} kecamatan and {villages} villages are kept on this device.",
    }
    RegionLoading { id: "Memuat data wilayah…", en: "Loading region data…" }
    RegionLoadFailed {
        id: "Data wilayah ini belum ada di perangkat. Sambungkan ke internet sekali untuk mengunduhnya.",
        en: "This region data is not on the device yet. Connect to the internet once to download it.",
    }
    SearchIn { id: "Cari di", en: "Search in" }
    ScopeKabupaten { id: "Kabupaten/kota kerja", en: "Working kabupaten/kota" }
    ScopeProvinsi { id: "Provinsi", en: "Province" }
    ScopeProvinsiKerja { id: "Provinsi kerja", en: "Working province" }
    ScopeIndonesia { id: "Seluruh Indonesia", en: "All of Indonesia" }
    PickerHint { id: "Ketik namanya; ejaan tidak harus tepat.", en: "Type the name; the spelling need not be exact." }
    PickerNoMatch {
        id: "Tidak ditemukan. Coba ejaan lain atau cari di wilayah yang lebih luas.",
        en: "Nothing found. Try another spelling or search a wider area.",
    }
    PickerSimilar { id: "ejaan mirip", en: "similar spelling" }
    PickerChange { id: "Ganti", en: "Change" }
    PickerRecent { id: "terakhir dipakai", en: "used recently" }
    DesaLabel { id: "Desa/kelurahan", en: "Village (desa/kelurahan)" }
    KecamatanLabel { id: "Kecamatan", en: "Kecamatan" }
    KecamatanMismatch {
        id: "{desa} termasuk Kecamatan {official}, bukan {written}.",
        en: "{desa} lies in Kecamatan {official}, not {written}.",
    }

    AboutDataRegions {
        id: "Kode dan nama wilayah: Kemendagri 2025 (Kepmendagri No. 300.2.2-2138 Tahun 2025), dari paket idn-area-data 4.0.1 oleh para kontributornya, berlisensi Open Database License (ODbL) 1.0. Data wilayah turunan di Sentra juga berlisensi ODbL 1.0; ejaan apostrof diperbaiki.",
        en: "Region codes and names: Kemendagri 2025 (Kepmendagri No. 300.2.2-2138 of 2025), from the idn-area-data 4.0.1 package by its contributors, under the Open Database License (ODbL) 1.0. The region data derived in Sentra is likewise under ODbL 1.0; apostrophes were repaired.",
    }
    AboutDataLicenceLink { id: "Teks lisensi ODbL 1.0", en: "ODbL 1.0 licence text" }
    AboutDataCommodities {
        id: "Daftar komoditas dan kode KBLI disusun tim Sentra dari KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) dan KBLI 2025 (Peraturan BPS No. 7 Tahun 2025); kode yang belum pasti ditandai.",
        en: "The commodity list and KBLI codes were compiled by the Sentra team from KBLI 2020 (BPS Regulation 2/2020) and KBLI 2025 (BPS Regulation 7/2025); uncertain codes are marked.",
    }

    ErrRequired { id: "Wajib diisi.", en: "Required." }
    ErrNegative { id: "Tidak boleh negatif.", en: "Cannot be negative." }
    ErrRupiah {
        id: "Isi dengan angka rupiah tanpa desimal, misalnya 20.000.000.",
        en: "Write whole rupiah, for example 20.000.000.",
    }
    ErrWholeNumber { id: "Isi dengan angka bulat, paling sedikit 1.", en: "Write a whole number, at least 1." }
    ErrCoordinate {
        id: "Isi lintang dan bujur berupa angka desimal, misalnya -7,01 dan 113,86.",
        en: "Give latitude and longitude as decimal numbers, for example -7.01 and 113.86.",
    }
    ErrOutsideIndonesia { id: "Titik ini berada di luar Indonesia.", en: "This point lies outside Indonesia." }
    ErrPhone {
        id: "Nomor telepon Indonesia: 8 sampai 15 angka, diawali 0 atau +62.",
        en: "An Indonesian phone number: 8 to 15 digits, starting with 0 or +62.",
    }
    ErrNib { id: "NIB terdiri dari 13 angka.", en: "An NIB has 13 digits." }
    ErrDesaRequired { id: "Pilih desa/kelurahan.", en: "Choose the village." }
    ErrDesaCode {
        id: "Kode desa harus berbentuk PP.KK.CC.DDDD, misalnya 35.29.02.2004.",
        en: "A village code looks like PP.KK.CC.DDDD, for example 35.29.02.2004.",
    }
    ErrKbli { id: "Kode KBLI terdiri dari 5 angka.", en: "A KBLI code has 5 digits." }
    ErrKbliEdition { id: "Pilih edisi KBLI: 2020 atau 2025.", en: "Choose the KBLI edition: 2020 or 2025." }
    ErrPirt {
        id: "Nomor P-IRT terdiri dari 15 angka, misalnya 1234567890123-45.",
        en: "A P-IRT number has 15 digits, for example 1234567890123-45.",
    }
    ErrChoice { id: "Pilih salah satu.", en: "Choose one." }
    ErrHalalNo { id: "Nomor sertifikat halal diawali ID lalu angka.", en: "A halal certificate number is ID followed by digits." }
    ErrDate {
        id: "Tanggal harus antara 1 Januari 2000 dan hari ini.",
        en: "The date must be between 1 January 2000 and today.",
    }
    ErrYear { id: "Tahun antara 1900 dan {max}.", en: "A year between 1900 and {max}." }

    ClassMikro { id: "Mikro", en: "Micro" }
    ClassKecil { id: "Kecil", en: "Small" }
    ClassMenengah { id: "Menengah", en: "Medium" }
    ClassBesar { id: "Besar (bukan UMKM)", en: "Large (not UMKM)" }
    ClassIndustriKecil { id: "Industri kecil", en: "Small industry" }
    ClassIndustriMenengah { id: "Industri menengah", en: "Medium industry" }
    ClassIndustriBesar { id: "Industri besar", en: "Large industry" }
    ClassBpsMikro { id: "Industri mikro (1–4 pekerja)", en: "Micro industry (1–4 workers)" }
    ClassBpsKecil { id: "Industri kecil (5–19 pekerja)", en: "Small industry (5–19 workers)" }
    ClassBpsSedangBesar { id: "Sedang/besar (20 pekerja atau lebih)", en: "Medium/large (20 workers or more)" }
    DataBelumCukup { id: "Data belum cukup", en: "Not enough data" }

    StoreQuota {
        id: "Penyimpanan perangkat penuh. Data belum tersimpan; isian Anda tetap di layar. Kosongkan ruang atau bagikan data lalu coba lagi.",
        en: "The device's storage is full. Nothing was saved; what you typed is still on screen. Free some space or share your data, then try again.",
    }
    StoreBlocked {
        id: "Sentra terbuka di tab lain dengan versi lama. Tutup tab itu; halaman ini akan lanjut sendiri.",
        en: "Sentra is open in another tab with an older version. Close that tab; this page will go on by itself.",
    }
    StoreUnavailable {
        id: "Browser ini tidak mengizinkan penyimpanan (mungkin mode pribadi/penyamaran). Buka Sentra di jendela biasa agar data tersimpan.",
        en: "This browser does not allow storage here (perhaps private/incognito mode). Open Sentra in a normal window so data is kept.",
    }
    StoreOther {
        id: "Data tidak dapat disimpan atau dibaca. Isian Anda tetap di layar; coba lagi.",
        en: "Data could not be saved or read. What you typed is still on screen; try again.",
    }
    StoreLoading { id: "Memuat data…", en: "Loading data…" }

    ActionAdd { id: "Tambah usaha", en: "Add business" }
    ActionAddKind { id: "Tambah {kind}", en: "Add {kind}" }
    ListFilter { id: "Saring", en: "Filter" }
    ListFilterActive { id: "Saring ({count} aktif)", en: "Filter ({count} on)" }
    FilterAll { id: "Semua", en: "All" }
    ActionSave { id: "Simpan", en: "Save" }
    ActionCancel { id: "Batal", en: "Cancel" }
    ActionEdit { id: "Ubah", en: "Edit" }
    ActionDelete { id: "Hapus", en: "Delete" }
    ActionUndo { id: "Urungkan", en: "Undo" }
    ActionSaveAnyway { id: "Tetap simpan", en: "Save anyway" }
    ActionBack { id: "Kembali ke daftar", en: "Back to the list" }
    FormSaved { id: "Tersimpan.", en: "Saved." }
    FormNotSaved {
        id: "Belum tersimpan. Periksa isian yang ditandai.",
        en: "Not saved. Check the marked fields.",
    }
    FormRequiredLegend { id: "* wajib diisi", en: "* required" }
    FormErrorCount { id: "{count} isian perlu diperbaiki", en: "{count} fields to correct" }
    FormErrorOne { id: "1 isian perlu diperbaiki", en: "1 field to correct" }
    FormSectionJump { id: "Lompat ke bagian", en: "Go to section" }
    FormSectionOf { id: "Bagian {n} dari {total}: {title}", en: "Section {n} of {total}: {title}" }
    FormDeleted { id: "{name} dihapus.", en: "{name} deleted." }
    DraftFound {
        id: "Ada isian yang belum tersimpan dari sebelumnya.",
        en: "There is unsaved input from before.",
    }
    DraftRestore { id: "Lanjutkan isian itu", en: "Continue with it" }
    DraftDiscard { id: "Buang", en: "Discard" }
    DuplicateHeading { id: "Mungkin sudah tercatat:", en: "Possibly recorded already:" }
    DuplicateNib { id: "NIB sama", en: "same NIB" }
    DuplicateName { id: "nama mirip di desa yang sama", en: "similar name in the same village" }

    UsahaNewTitle { id: "Usaha baru", en: "New business" }
    UsahaEditTitle { id: "Ubah usaha", en: "Edit business" }
    UsahaNotFound { id: "Usaha ini tidak ditemukan di perangkat.", en: "This business is not on the device." }
    UsahaSearch {
        id: "Cari nama, pemilik, produk, NIB, telepon, desa atau kecamatan",
        en: "Search name, owner, product, NIB, phone, village or kecamatan",
    }
    UsahaCount { id: "{shown} dari {total} usaha", en: "{shown} of {total} businesses" }
    SortLabel { id: "Urutkan", en: "Sort by" }
    SortName { id: "Nama", en: "Name" }
    SortRecent { id: "Perubahan terbaru", en: "Latest change" }
    FilterUnsent { id: "Hanya yang belum dibagikan", en: "Only those not shared yet" }
    UsahaNoMatch { id: "Tidak ada usaha yang cocok.", en: "No business matches." }
    // Beside the count while the list's first screen, as kept at the last opening, is up.
    ListStillLoading { id: "memuat…", en: "loading…" }

    PhotosNone { id: "Belum ada foto.", en: "No photos yet." }
    PhotosAdd { id: "Tambah foto", en: "Add photos" }
    PhotosKindLabel { id: "Foto apa", en: "Photo of" }
    PhotosHint {
        id: "Ambil dengan kamera atau pilih dari galeri; boleh beberapa sekaligus. Foto dikecilkan di perangkat ini dan lokasi di dalam berkas foto dibuang.",
        en: "Take one with the camera or pick from the gallery; several at once is fine. Photos are shrunk on this device and the location inside the photo file is removed.",
    }
    PhotosShrinking { id: "Mengecilkan foto {done} dari {total}…", en: "Shrinking photo {done} of {total}…" }
    PhotosNotImage {
        id: "{name} tidak bisa dibaca sebagai foto (JPEG, PNG atau WebP). Foto lain tetap disimpan.",
        en: "{name} cannot be read as a photo (JPEG, PNG or WebP). The other photos are kept.",
    }
    PhotosHeic {
        id: "{name} adalah foto HEIC (iPhone), yang belum bisa dibaca di peramban ini. Di iPhone pilih Pengaturan › Kamera › Format › Paling Kompatibel, atau kirim fotonya sebagai JPEG. Foto lain tetap disimpan.",
        en: "{name} is a HEIC photo (iPhone), which this browser cannot read yet. On the iPhone choose Settings › Camera › Formats › Most Compatible, or send the photo as a JPEG. The other photos are kept.",
    }
    PhotosFailed { id: "Foto {name} tidak dapat dikecilkan: {why}", en: "Photo {name} could not be shrunk: {why}" }
    PhotosQuota {
        id: "Penyimpanan perangkat penuh: foto tidak disimpan. Data yang sudah ada tetap aman. Kosongkan ruang lalu coba lagi.",
        en: "The device's storage is full: the photos were not kept. The data already here is safe. Free some space and try again.",
    }
    PhotosMissing { id: "Foto belum ada di perangkat ini", en: "This photo is not on this device yet" }
    PhotoRemoved { id: "foto dihapus", en: "photo removed" }
    ShareChoosePhotos {
        id: "Data yang dibagikan punya foto. Kirim dengan fotonya, atau tanpa foto agar berkas kecil (foto bisa dikirim lain kali)?",
        en: "The data being shared has photos. Send it with its photos, or without to keep the file small (photos can go another time)?",
    }
    ShareWithPhotos { id: "Dengan foto ({count} foto, ± {size})", en: "With photos ({count} photos, ± {size})" }
    ShareWithoutPhotos { id: "Tanpa foto (± {size})", en: "Without photos (± {size})" }
    ShareTooLargeWithPhotos {
        id: "Dengan foto, berkas melebihi batas 100 MB. Kirim tanpa foto, atau bagikan sebagian data dulu.",
        en: "With photos the file would be over the 100 MB limit. Send it without photos, or share part of the data first.",
    }
    PhotosDelete { id: "Hapus foto", en: "Remove photo" }
    PhotosDeleteSure { id: "Tekan lagi untuk menghapus", en: "Tap again to remove" }
    PhotosUsePlace {
        id: "Isi koordinat data ini dari lokasi yang tercatat di foto (data ini belum punya koordinat)",
        en: "Fill this record's coordinates from the place recorded in the photo (it has none yet)",
    }
    PhotosClose { id: "Tutup", en: "Close" }
    PhotosOpen { id: "Buka foto {kind} ukuran penuh", en: "Open the {kind} photo full size" }
    SectionIdentity { id: "Identitas", en: "Identity" }
    SectionLocation { id: "Lokasi", en: "Location" }
    SectionProduction { id: "Produksi dan skala usaha", en: "Production and scale" }
    SectionPermits { id: "Perizinan", en: "Permits" }
    SectionStatus { id: "Keaktifan", en: "Activity" }
    FieldNama { id: "Nama usaha", en: "Business name" }
    FieldPemilik { id: "Nama pemilik", en: "Owner's name" }
    FieldTelepon { id: "Telepon", en: "Phone" }
    FieldNib { id: "NIB (13 angka, bila ada)", en: "NIB (13 digits, if any)" }
    FieldAlamat { id: "Alamat", en: "Address" }
    FieldKecamatanTertulis { id: "Kecamatan menurut keterangan (bila ada)", en: "Kecamatan as reported (if any)" }
    FieldKomoditas { id: "Komoditas", en: "Commodity" }
    FieldKbli { id: "Kode KBLI", en: "KBLI code" }
    FieldKbliEdisi { id: "Edisi KBLI", en: "KBLI edition" }
    FieldProduk { id: "Produk", en: "Products" }
    FieldTenagaKerja { id: "Tenaga kerja (orang, termasuk pemilik)", en: "Workers (people, owner included)" }
    FieldModal { id: "Modal usaha (Rp, tanpa tanah dan bangunan)", en: "Business capital (Rp, excluding land and buildings)" }
    FieldPenjualan { id: "Hasil penjualan tahunan (Rp)", en: "Annual sales (Rp)" }
    FieldInvestasi { id: "Investasi (Rp, tanpa tanah dan bangunan)", en: "Investment (Rp, excluding land and buildings)" }
    FieldTahunMulai { id: "Tahun mulai usaha", en: "Year started" }
    FieldTahunData { id: "Tahun data (daftar kantor)", en: "Data year (office list)" }
    FieldFoto { id: "Foto", en: "Photos" }
    FotoTempat { id: "Tempat usaha", en: "Business premises" }
    FotoProduk { id: "Produk", en: "Products" }
    FotoIzin { id: "Dokumen izin", en: "Permit documents" }
    FotoLokasi { id: "Lokasi", en: "Site" }
    FotoLahan { id: "Lahan", en: "Land" }
    FotoKegiatan { id: "Kegiatan", en: "Activity" }
    FotoPeserta { id: "Daftar hadir peserta", en: "Attendance" }
    ErrFotoKey {
        id: "nama isiannya harus foto/ diikuti sidik SHA-256 foto (64 huruf 0-9 dan a-f)",
        en: "its name must be foto/ followed by the photo's SHA-256 (64 characters 0-9 and a-f)",
    }
    ErrFotoValue {
        id: "isinya harus keterangan foto (jenis, lebar, tinggi, ukuran, tipe) atau false",
        en: "its value must describe a photo (jenis, lebar, tinggi, ukuran, tipe) or be false",
    }
    ErrFotoJenis { id: "jenis foto \"{jenis}\" tidak dikenal untuk data ini", en: "photo kind \"{jenis}\" is not known for this record" }
    ErrFotoTipe { id: "foto harus berupa JPEG atau WebP", en: "a photo must be JPEG or WebP" }
    ErrFotoSide { id: "lebar dan tinggi foto harus 1 sampai {max} piksel", en: "a photo's width and height must be 1 to {max} pixels" }
    ErrFotoSize { id: "ukuran foto harus 1 bait sampai {max} MiB", en: "a photo's size must be 1 byte to {max} MiB" }
    FieldPirt { id: "Nomor P-IRT", en: "P-IRT number" }
    FieldHalalStatus { id: "Sertifikat halal", en: "Halal certificate" }
    FieldHalalNo { id: "Nomor sertifikat halal", en: "Halal certificate number" }
    FieldStatus { id: "Status keaktifan", en: "Activity status" }
    FieldDiverifikasi { id: "Tanggal terakhir diverifikasi", en: "Date last verified" }
    FieldLat { id: "Lintang (GPS)", en: "Latitude (GPS)" }
    FieldLon { id: "Bujur (GPS)", en: "Longitude (GPS)" }
    FieldCatatan { id: "Catatan", en: "Notes" }
    ShortNib { id: "NIB", en: "NIB" }
    ShortKecamatanTertulis { id: "Kecamatan tertulis", en: "Kecamatan as written" }
    ShortTenagaKerja { id: "Tenaga kerja", en: "Workers" }
    ShortModal { id: "Modal usaha", en: "Business capital" }
    ShortPenjualan { id: "Penjualan per tahun", en: "Annual sales" }
    ShortInvestasi { id: "Investasi", en: "Investment" }
    ShortDiverifikasi { id: "Terakhir diverifikasi", en: "Last verified" }
    ShortGps { id: "Titik GPS", en: "GPS point" }
    ShortAnggaran { id: "Anggaran", en: "Budget" }
    ShortLuasHa { id: "Luas lahan", en: "Land area" }
    ShortLahanHa { id: "Lahan tersedia", en: "Land available" }
    ShortAnggota { id: "Anggota", en: "Members" }
    ShortPeserta { id: "Peserta", en: "Participants" }
    CountPeople { id: "{count} orang", en: "{count} people" }
    MapOpenApp { id: "Buka di aplikasi peta", en: "Open in a map app" }
    MapOpenWeb { id: "Lihat di OpenStreetMap", en: "View on OpenStreetMap" }
    ChoiceNone { id: "— pilih —", en: "— choose —" }
    StatusAktif { id: "Aktif", en: "Active" }
    StatusTidakAktif { id: "Tidak aktif", en: "Inactive" }
    StatusTutup { id: "Tutup", en: "Closed" }
    HalalBelum { id: "Belum", en: "Not yet" }
    HalalProses { id: "Dalam proses", en: "In process" }
    HalalTerbit { id: "Terbit", en: "Issued" }
    ClassUmkmLabel { id: "Kelas UMKM (PP 7/2021)", en: "UMKM class (PP 7/2021)" }
    ClassIndustriLabel { id: "Kelas industri (Permenperin 64/2016)", en: "Industry class (Permenperin 64/2016)" }
    ClassBpsLabel { id: "Kelas BPS (tenaga kerja)", en: "BPS class (workers)" }
    LastChange {
        id: "Dicatat {created}. Perubahan terakhir: {when}, oleh {by} (perangkat {device}).",
        en: "Recorded {created}. Last change: {when}, by {by} (device {device}).",
    }

    WipeHeading { id: "Hapus semua data", en: "Delete all data" }
    WipeExplain {
        id: "Untuk membersihkan perangkat ini, misalnya sebelum diserahkan ke orang lain. Data yang belum dibagikan hilang untuk selamanya.",
        en: "Clears this device, for example before handing it to someone else. Data not yet shared is lost for good.",
    }
    WipeRemovedLabel { id: "Yang dihapus", en: "Deleted" }
    WipeRemoved {
        id: "Semua catatan (Usaha, Sentra, Survei Desa, Kawasan IKM, Kegiatan, Mitra, Jejaring), konflik yang menunggu pilihan, daftar berkas yang sudah diterima, tanda sampai mana data sudah dibagikan, dan isian formulir yang belum tersimpan (draf).",
        en: "Every record (Businesses, Sentra, Village Surveys, IKM Areas, Activities, Partners, Networking), conflicts waiting for a choice, the list of files received, the mark of how far data has been shared, and unsaved form input (drafts).",
    }
    WipeKeptLabel { id: "Yang tetap", en: "Kept" }
    WipeKept {
        id: "Bahasa, wilayah kerja, dan data wilayah yang sudah diunduh. Profil petugas (nama, kantor, kode perangkat) juga tetap, kecuali kotak di bawah dicentang.",
        en: "The language, the working area and the region data already downloaded. The officer profile (name, office, device id) is kept too, unless the box below is ticked.",
    }
    WipeProfile {
        id: "Hapus juga profil petugas (nama, kantor, kode perangkat)",
        en: "Also delete the officer profile (name, office, device id)",
    }
    WipeProfileExplain {
        id: "Untuk petugas berikutnya: aplikasi dimuat ulang dengan profil kosong dan kode perangkat baru, sehingga berkas yang dikirim tidak lagi memakai nama petugas lama.",
        en: "For the next officer: the app reloads with an empty profile and a new device id, so files sent no longer carry the previous officer's name.",
    }
    WipeLabel { id: "Ketik HAPUS untuk melanjutkan", en: "Type HAPUS to continue" }
    WipeButton { id: "Hapus semua data di perangkat ini", en: "Delete all data on this device" }
    WipeDone { id: "Semua data di perangkat ini sudah dihapus.", en: "All data on this device has been deleted." }
    WipeDoneProfile {
        id: "Semua data dan profil petugas di perangkat ini sudah dihapus. Perangkat ini kini memakai kode baru.",
        en: "All data and the officer profile on this device have been deleted. The device now has a new id.",
    }
    ProfileAskNew {
        id: "Profil petugas sebelumnya sudah dihapus. Isi nama dan kantor petugas yang memakai perangkat ini.",
        en: "The previous officer's profile has been deleted. Fill in the name and office of the officer using this device.",
    }
    GpsButton { id: "Ambil lokasi GPS", en: "Use GPS location" }
    GpsWorking { id: "Mencari lokasi…", en: "Finding location…" }
    GpsFailed {
        id: "Lokasi tidak dapat diambil. Izinkan akses lokasi, atau isi lintang dan bujur sendiri.",
        en: "The location could not be read. Allow location access, or type the latitude and longitude.",
    }

    ErrCount { id: "Isi dengan angka bulat, 0 atau lebih.", en: "Write a whole number, 0 or more." }
    ErrHectare { id: "Isi luas dalam hektare, misalnya 0,5.", en: "Write the area in hectares, for example 0.5." }
    ErrPickRequired { id: "Pilih dari daftar.", en: "Choose from the list." }
    ErrWrongShape { id: "isinya harus berupa {shape}", en: "its value must be {shape}" }
    ShapeText { id: "teks", en: "text" }
    ShapeYesNo { id: "ya/tidak (true atau false)", en: "yes/no (true or false)" }
    ShapeWhole { id: "bilangan bulat tidak negatif", en: "a whole number, zero or more" }
    ShapeNumber { id: "angka", en: "a number" }
    ShapeTextList { id: "daftar teks", en: "a list of texts" }
    ErrRegionCode { id: "Pilih wilayah dari daftar.", en: "Choose the region from the list." }
    ErrDatePlanned {
        id: "Tanggal harus antara 1 Januari 2000 dan lima tahun ke depan.",
        en: "The date must be between 1 January 2000 and five years from now.",
    }
    ErrFormedYearRequired {
        id: "Sentra yang sudah terbentuk perlu tahun terbentuk.",
        en: "A formed sentra needs the year it was formed.",
    }
    ErrFormedBeforePlanned {
        id: "Tahun terbentuk tidak boleh sebelum tahun rencana.",
        en: "The year formed cannot be before the year planned.",
    }
    ErrBudgetYear { id: "Isi tahun anggaran.", en: "Write the budget year." }
    WarnSentraMembers {
        id: "Baru {count} anggota: menurut PP 29/2018 sentra paling sedikit 5 unit usaha.",
        en: "Only {count} members: under PP 29/2018 a sentra has at least 5 business units.",
    }

    ChoiceYa { id: "Ya", en: "Yes" }
    ChoiceTidak { id: "Tidak", en: "No" }
    ChoiceLainnya { id: "Lainnya", en: "Other" }
    SectionBudget { id: "Anggaran dan penetapan", en: "Budget and decree" }
    SectionPengurus { id: "Pengurus dan anggota", en: "Board and members" }
    SectionVisit { id: "Kunjungan", en: "Visit" }
    SectionPelaku { id: "Jumlah pelaku industri per kelompok bahan (Podes)", en: "Industry actors per material group (Podes)" }
    SectionLahan { id: "Lahan untuk industri", en: "Land for industry" }
    SectionOvop { id: "Tahap OVOP: tanggal tiap tahap yang dicapai", en: "OVOP stages: the date each was reached" }
    SectionNotes { id: "Catatan", en: "Notes" }
    SectionReadiness { id: "Kesiapan", en: "Readiness" }
    SectionPeserta { id: "Peserta dan hasil", en: "Participants and outcome" }
    SectionTerkait { id: "Berkaitan dengan", en: "Concerns" }
    KegiatanAbout { id: "Kegiatan terkait", en: "Related activities" }
    KegiatanAboutNone {
        id: "Belum ada kegiatan yang dikaitkan. Kaitkan di formulir Kegiatan (bagian \"Berkaitan dengan\").",
        en: "No activity linked yet. Link one in the Kegiatan form (\"Concerns\").",
    }

    FieldNamaSentra { id: "Nama sentra", en: "Sentra name" }
    FieldStatusSentra { id: "Status sentra", en: "Sentra status" }
    SentraRencana { id: "Rencana", en: "Planned" }
    SentraTerbentuk { id: "Terbentuk", en: "Formed" }
    SentraTidakAktif { id: "Tidak aktif", en: "Inactive" }
    FieldTahunRencana { id: "Tahun rencana", en: "Year planned" }
    FieldTahunTerbentuk { id: "Tahun terbentuk", en: "Year formed" }
    FieldFungsi { id: "Fungsi", en: "Functions" }
    FungsiShowroom { id: "Ruang pamer (showroom)", en: "Showroom" }
    FungsiPelatihan { id: "Pelatihan", en: "Training" }
    FungsiUpt { id: "UPT (unit pelayanan teknis)", en: "UPT (technical service unit)" }
    FieldAnggaran { id: "Anggaran (Rp)", en: "Budget (Rp)" }
    FieldAnggaranSumber { id: "Sumber anggaran", en: "Budget source" }
    SumberApbdKab { id: "APBD kabupaten/kota", en: "Regency/city budget (APBD)" }
    SumberApbdProv { id: "APBD provinsi", en: "Provincial budget (APBD)" }
    SumberApbn { id: "APBN", en: "State budget (APBN)" }
    SumberDak { id: "DAK", en: "Special allocation fund (DAK)" }
    FieldAnggaranTahun { id: "Tahun anggaran", en: "Budget year" }
    FieldSkNomor { id: "Nomor SK penetapan", en: "Decree (SK) number" }
    FieldSkTanggal { id: "Tanggal SK penetapan", en: "Decree (SK) date" }
    FieldKetua { id: "Ketua pengurus", en: "Board chair" }
    FieldKontak { id: "Telepon pengurus", en: "Board phone" }
    FieldAnggota { id: "Anggota (usaha)", en: "Members (businesses)" }

    FieldTanggalKunjungan { id: "Tanggal kunjungan", en: "Visit date" }
    FieldPetugas { id: "Petugas", en: "Officer" }
    FieldKomoditasUnggulan { id: "Komoditas unggulan", en: "Leading commodity" }
    FieldKomoditasLain { id: "Komoditas lain", en: "Other commodities" }
    FieldBahanBaku { id: "Bahan baku", en: "Raw materials" }
    FieldLahanHa { id: "Lahan tersedia (ha)", en: "Land available (ha)" }
    FieldCnc { id: "Lahan bebas sengketa (clear and clean)", en: "Land clear and clean (no claims)" }
    OvopSosialisasi { id: "Sosialisasi", en: "Socialisation" }
    OvopManajemen { id: "Pembinaan manajemen", en: "Management coaching" }
    OvopKomoditas { id: "Pengelolaan komoditas unggulan", en: "Managing the leading commodity" }
    OvopKemasan { id: "Desain kemasan", en: "Packaging design" }
    OvopGelar { id: "Gelar produk", en: "Product showcase" }
    OvopPemasaran { id: "Pemasaran ritel/online", en: "Retail/online marketing" }
    OvopReached { id: "Tahap OVOP tercapai", en: "OVOP stage reached" }
    FieldOvopTahap { id: "Tahap yang sudah dicapai", en: "Stage reached so far" }
    ReportFilters { id: "Saring laporan", en: "Filter the report" }
    ReportYear { id: "Tahun", en: "Year" }
    ReportAll { id: "Semua", en: "All" }
    ReportYearNote {
        id: "Tahun: tahun terbentuk sentra (atau rencananya), tanggal survei, kegiatan dan jejaring; selain itu tahun dicatat.",
        en: "Year: the year a sentra was formed (or planned), the date of a survey, activity or networking; otherwise the year entered.",
    }
    ReportEmpty { id: "Tidak ada catatan yang cocok dengan saringan ini.", en: "No records match this filter." }
    ReportUsaha { id: "Usaha (IKM/UMKM)", en: "Businesses (IKM/UMKM)" }
    ReportUsahaTotal { id: "{count} usaha tercatat", en: "{count} businesses recorded" }
    ReportByUmkm { id: "Menurut kelas UMKM", en: "By UMKM class" }
    ReportByIndustri { id: "Menurut kelas industri", en: "By industry class" }
    ReportByStatus { id: "Menurut status keaktifan", en: "By activity status" }
    ReportByKomoditas { id: "Menurut komoditas", en: "By commodity" }
    ReportByKecamatan { id: "Menurut kecamatan dan kelas UMKM", en: "By kecamatan and UMKM class" }
    ReportByYear { id: "Menurut tahun dicatat", en: "By year entered" }
    ReportNotFilled { id: "Tidak diisi", en: "Not filled" }
    ReportSentra { id: "Sentra IKM", en: "Sentra IKM (production centres)" }
    ReportCoverage { id: "Sentra ada di {with} dari {of} kecamatan", en: "Sentra in {with} of {of} kecamatan" }
    ReportCoverageKabupaten {
        id: "Sentra ada di {with} dari {of} kabupaten/kota",
        en: "Sentra in {with} of {of} kabupaten/kota",
    }
    ReportCoverageUnknown {
        id: "Cakupan kecamatan muncul setelah wilayah kerja dipilih di Pengaturan.",
        en: "Kecamatan coverage shows once a work area is chosen in Settings.",
    }
    ReportByYearFormed { id: "Menurut tahun terbentuk", en: "By year formed" }
    ReportSentraByKecamatan { id: "Menurut kecamatan dan status", en: "By kecamatan and status" }
    ReportBudgetPerYear { id: "Anggaran per tahun", en: "Budget per year" }
    ReportBudgetTotal { id: "Jumlah anggaran", en: "Total budget" }
    ReportMembers { id: "Keanggotaan usaha", en: "Member businesses" }
    ColStatus { id: "Status", en: "State" }
    ColJumlah { id: "Jumlah", en: "Number" }
    ColSejak { id: "Sejak", en: "Since" }
    ColTahun { id: "Tahun", en: "Year" }
    ColPeserta { id: "Peserta", en: "Participants" }
    ColUsahaBerbeda { id: "Usaha berbeda", en: "Distinct businesses" }
    ColRpikDitetapkan { id: "RPIK ditetapkan", en: "RPIK enacted" }
    ColDanaDisetujui { id: "Dana pusat disetujui", en: "Central funds approved" }
    ReportSurvei { id: "Survei potensi desa", en: "Village potential surveys" }
    ReportVillages {
        id: "{villages} desa disurvei dalam {surveys} kunjungan; {pelaku} pelaku industri tercatat",
        en: "{villages} villages surveyed in {surveys} visits; {pelaku} industry actors counted",
    }
    ReportFunnel { id: "Tahap OVOP yang dicapai desa", en: "OVOP stages villages reached" }
    ReportNotStarted { id: "Belum mulai", en: "Not started" }
    ReportLeading { id: "Komoditas unggulan (jumlah desa)", en: "Leading commodities (villages)" }
    ReportKawasan { id: "Kesiapan kawasan IKM", en: "IKM area readiness" }
    ReportTotalRow { id: "Jumlah", en: "Total" }
    ReportUnknown { id: "Belum diketahui", en: "Not known" }
    ReportLuasPartly { id: "{ha} ({unknown} belum diketahui)", en: "{ha} ({unknown} not known)" }
    ReportSurveiPerKecamatan {
        id: "Desa disurvei per kecamatan, menurut tahap OVOP yang dicapai",
        en: "Villages surveyed per kecamatan, by OVOP stage reached",
    }
    ColDesa { id: "Desa", en: "Villages" }
    ReportPerKabupaten { id: "Per kabupaten/kota", en: "Per regency/city" }
    ReportSurveiPerKabupaten {
        id: "Desa disurvei per kabupaten/kota, menurut tahap OVOP yang dicapai",
        en: "Villages surveyed per regency/city, by OVOP stage reached",
    }
    ReportKegiatan { id: "Kegiatan", en: "Activities" }
    ReportHalal { id: "Fasilitasi halal", en: "Halal facilitation" }
    ReportHalalLine {
        id: "{kegiatan} kegiatan fasilitasi; {facilitated} usaha difasilitasi, {terbit} di antaranya sudah bersertifikat",
        en: "{kegiatan} facilitation activities; {facilitated} businesses facilitated, {terbit} of them certified",
    }
    ReportJejaring { id: "Jejaring usaha", en: "Business networking" }
    ReportMitraCount { id: "{count} mitra tercatat", en: "{count} partners recorded" }
    ReportPrint { id: "Laporan untuk dicetak", en: "Printable report" }
    LaporanTitle { id: "Laporan", en: "Report" }
    KatalogLink { id: "Katalog produk untuk dicetak", en: "Printable product catalogue" }
    KatalogTitle { id: "Katalog produk", en: "Product catalogue" }
    KatalogIntro {
        id: "Usaha yang masih aktif dan punya foto produk, menurut saringan di Beranda. Cetak atau simpan sebagai PDF untuk pameran, promosi dan calon pembeli.",
        en: "Businesses still active that have product photos, under Home's filter. Print it or save it as a PDF for showcases, promotion and buyers.",
    }
    KatalogPhones { id: "Tampilkan nomor telepon", en: "Show phone numbers" }
    KatalogPhonesWarn {
        id: "Nomor telepon adalah data pribadi: tampilkan hanya bila pemilik usaha setuju dihubungi pembeli (UU 27/2022).",
        en: "Phone numbers are personal data: show them only when the owners agree to be contacted by buyers (UU 27/2022).",
    }
    KatalogCount { id: "{count} usaha dengan foto produk", en: "{count} businesses with product photos" }
    KatalogEmpty {
        id: "Belum ada usaha aktif dengan foto produk untuk saringan ini. Tambahkan foto berjenis Produk di halaman usaha.",
        en: "No active business with product photos for this filter yet. Add photos of the Products kind on a business's page.",
    }
    LaporanMeta { id: "Dibuat {date} oleh {officer}", en: "Made {date} by {officer}" }
    LaporanMetaNoOfficer { id: "Dibuat {date}", en: "Made {date}" }
    LaporanFilters { id: "Saringan: {filters}", en: "Filter: {filters}" }
    LaporanPrintButton { id: "Cetak", en: "Print" }
    ExportTitle { id: "Ekspor data", en: "Export data" }
    ExportIntro {
        id: "Berkas dibuat di perangkat ini dari catatan yang sesuai saringan di atas.",
        en: "Files are made on this device from the records that match the filter above.",
    }
    ExportPersonal { id: "Sertakan data pribadi (nomor telepon)", en: "Include personal data (phone numbers)" }
    ExportPersonalWarn {
        id: "Berkas akan berisi nomor telepon: simpan dan kirim dengan hati-hati (UU 27/2022).",
        en: "The file will hold phone numbers: keep and send it with care (UU 27/2022).",
    }
    ExportXlsx { id: "Unduh XLSX (semua jenis)", en: "Download XLSX (every kind)" }
    ExportCsv { id: "Unduh CSV", en: "Download CSV" }
    ExportCsvKind { id: "Jenis catatan untuk CSV", en: "Record kind for CSV" }
    ExportWorking { id: "Menyusun berkas… {percent}%", en: "Making the file… {percent}%" }
    ExportDone { id: "Berkas {name} siap.", en: "File {name} is ready." }
    ExportFailed { id: "Berkas tidak dapat dibuat: {reason}", en: "The file could not be made: {reason}" }
    ExportKodeDesa { id: "Kode desa/kelurahan", en: "Village code" }
    ExportKodeKecamatan { id: "Kode kecamatan", en: "Kecamatan code" }
    ExportKodeKabupaten { id: "Kode kabupaten/kota", en: "Regency/city code" }
    ExportDicatat { id: "Dicatat (UTC)", en: "Entered (UTC)" }
    ExportDiubah { id: "Perubahan terakhir (UTC)", en: "Last change (UTC)" }
    ExportPetugas { id: "Petugas perubahan terakhir", en: "Officer of the last change" }
    ExportId { id: "ID catatan", en: "Record ID" }
    ExportJumlahAnggota { id: "Jumlah anggota", en: "Members" }
    OvopNone { id: "Belum ada tahap", en: "No stage yet" }

    FieldLokasi { id: "Lokasi", en: "Location" }
    FieldKabupaten { id: "Kabupaten/kota", en: "Regency/city" }
    FieldFokus { id: "Fokus komoditas", en: "Commodity focus" }
    FieldLuasHa { id: "Luas lahan (ha)", en: "Land area (ha)" }
    FieldRpik { id: "Status RPIK", en: "RPIK regulation status" }
    RpikBelum { id: "Belum ada", en: "None yet" }
    RpikDraf { id: "Draf", en: "Draft" }
    RpikDitetapkan { id: "Ditetapkan", en: "Enacted" }
    FieldDanaPusat { id: "Pendanaan pusat", en: "Central funding" }
    DanaBelum { id: "Belum diajukan", en: "Not requested" }
    DanaDiajukan { id: "Diajukan", en: "Requested" }
    DanaDisetujui { id: "Disetujui", en: "Approved" }
    DanaDitolak { id: "Ditolak", en: "Refused" }

    FieldNamaKegiatan { id: "Nama kegiatan", en: "Activity name" }
    FieldJenisKegiatan { id: "Jenis kegiatan", en: "Activity type" }
    KegiatanSosialisasi { id: "Sosialisasi", en: "Socialisation" }
    KegiatanKemasan { id: "Pelatihan kemasan", en: "Packaging training" }
    KegiatanKeuangan { id: "Pelatihan manajemen keuangan", en: "Financial management training" }
    KegiatanDesain { id: "Pelatihan desain", en: "Design training" }
    KegiatanHalal { id: "Fasilitasi sertifikasi halal", en: "Halal certification support" }
    KegiatanGelar { id: "Gelar produk", en: "Product showcase" }
    KegiatanJejaring { id: "Temu jejaring / business matching", en: "Networking / business matching" }
    FieldTanggal { id: "Tanggal", en: "Date" }
    FieldTempat { id: "Tempat", en: "Place" }
    FieldPeserta { id: "Peserta (usaha)", en: "Participants (businesses)" }
    FieldHasil { id: "Hasil", en: "Outcome" }

    FieldNamaMitra { id: "Nama mitra", en: "Partner name" }
    FieldJenisMitra { id: "Jenis mitra", en: "Partner type" }
    MitraWirausaha { id: "Wirausaha", en: "Entrepreneur" }
    MitraInvestor { id: "Investor", en: "Investor" }
    MitraRitel { id: "Ritel/toko", en: "Retailer" }
    MitraMarketplace { id: "Marketplace daring", en: "Online marketplace" }
    MitraWisata { id: "Tempat wisata", en: "Tourism site" }
    MitraLembaga { id: "Lembaga/perguruan tinggi", en: "Institution/university" }
    FieldNarahubung { id: "Narahubung", en: "Contact person" }

    FieldUsaha { id: "Usaha", en: "Business" }
    FieldMitra { id: "Mitra", en: "Partner" }
    FieldStatusJejaring { id: "Status jejaring", en: "Networking status" }
    JejaringDiperkenalkan { id: "Diperkenalkan", en: "Introduced" }
    JejaringNegosiasi { id: "Negosiasi", en: "Negotiating" }
    JejaringKerjaSama { id: "Kerja sama", en: "Cooperating" }
    JejaringSelesai { id: "Selesai", en: "Finished" }

    SentraNewTitle { id: "Sentra baru", en: "New sentra" }
    SurveiNewTitle { id: "Survei desa baru", en: "New village survey" }
    KawasanNewTitle { id: "Kawasan IKM baru", en: "New IKM area" }
    KegiatanNewTitle { id: "Kegiatan baru", en: "New activity" }
    MitraNewTitle { id: "Mitra baru", en: "New partner" }
    JejaringNewTitle { id: "Jejaring baru", en: "New networking record" }
    RecordEditTitle { id: "Ubah data", en: "Edit record" }
    RecordNotFound { id: "Data ini tidak ditemukan di perangkat.", en: "This record is not on the device." }
    RecordSearch { id: "Cari", en: "Search" }
    RecordCount { id: "{shown} dari {total} data", en: "{shown} of {total} records" }
    RecordNoMatch { id: "Tidak ada data yang cocok.", en: "No record matches." }
    RecordUnnamed { id: "(tanpa nama)", en: "(unnamed)" }
    LinkRemove { id: "Lepas", en: "Remove" }
    LinkGone { id: "(sudah dihapus)", en: "(deleted)" }
    LinkCount { id: "{count} dipilih", en: "{count} chosen" }
    SentraMembership { id: "Anggota sentra", en: "Member of sentra" }
    SentraNone { id: "Belum tercatat sebagai anggota sentra.", en: "Not recorded as a member of any sentra." }

    BundleTooLarge {
        id: "Berkas terlalu besar (lebih dari {max} MB). Minta pengirim membagikan perubahan saja, bukan semua data.",
        en: "The file is too large (over {max} MB). Ask the sender to share changes only, not all data.",
    }
    BundleNotUtf8 {
        id: "Berkas ini bukan teks yang bisa dibaca. Pastikan yang dipilih adalah berkas dari Sentra.",
        en: "This file is not readable text. Make sure you chose a file made by Sentra.",
    }
    BundleNotJson {
        id: "Berkas ini bukan berkas data Sentra (isinya tidak terbaca). Pilih berkas .json dari Sentra.",
        en: "This is not a Sentra data file (its content cannot be read). Choose a .json file from Sentra.",
    }
    BundleTruncated {
        id: "Berkas ini terpotong, mungkin unduhannya belum selesai. Minta pengirim mengirim ulang.",
        en: "This file is cut short; perhaps the download did not finish. Ask the sender to send it again.",
    }
    BundleNotSentra {
        id: "Berkas ini bukan berkas data Sentra. Pilih berkas yang dibagikan dari halaman Bagikan.",
        en: "This is not a Sentra data file. Choose a file shared from the Share page.",
    }
    BundleFutureVersion {
        id: "Berkas ini dibuat oleh Sentra versi lebih baru (format {version}). Perbarui Sentra di perangkat ini lalu coba lagi.",
        en: "This file was made by a newer Sentra (format {version}). Update Sentra on this device, then try again.",
    }
    BundleChecksum {
        id: "Isi berkas ini berubah sejak dibuat (tanda pemeriksa tidak cocok). Minta pengirim mengirim ulang berkas aslinya.",
        en: "This file changed after it was made (its checksum does not match). Ask the sender for the original file.",
    }
    BundleDamaged {
        id: "Berkas ini rusak: susunannya tidak sesuai format Sentra. Minta pengirim mengirim ulang.",
        en: "This file is damaged: its structure does not match Sentra's format. Ask the sender to send it again.",
    }
    BundleDuplicateId {
        id: "Berkas ini memuat data yang sama dua kali (id {id}), jadi tidak diterima. Minta pengirim membuat berkas baru.",
        en: "This file holds the same record twice (id {id}), so it is refused. Ask the sender to make a new file.",
    }
    BundleBadId {
        id: "Berkas ini memuat data dengan kode (id) yang tidak sah: \"{id}\". Kode data Sentra hanya berisi huruf, angka dan tanda minus. Tidak ada yang diubah; minta pengirim membuat berkas baru dengan Sentra.",
        en: "This file holds a record with an invalid id: \"{id}\". Sentra ids hold only letters, digits and dashes. Nothing was changed; ask the sender to make a new file with Sentra.",
    }
    BundleAhead {
        id: "Berkas ini dibuat di perangkat yang tanggalnya tampaknya salah: perangkat {device} (petugas {officer}) mencatat waktu {date}, lebih dari {hours} jam setelah jam perangkat ini ({now}). Tidak ada yang diubah. Minta pengirim membetulkan tanggal, jam dan zona waktu perangkatnya, lalu mengirim ulang; periksa juga tanggal perangkat ini.",
        en: "This file was made on a device whose date looks wrong: device {device} (officer {officer}) recorded the time {date}, more than {hours} hours after this device's clock ({now}). Nothing was changed. Ask the sender to correct their device's date, time and time zone and send it again; check this device's date too.",
    }
    BundlePhoto {
        id: "Foto {sha256} dalam berkas rusak (isinya tidak cocok dengan sidik SHA-256-nya). Tidak ada yang diubah. Minta pengirim membagikan ulang.",
        en: "Photo {sha256} in the file is damaged (its content does not match its SHA-256). Nothing was changed. Ask the sender to share it again.",
    }
    BundlePhotosTooLarge {
        id: "Berkas dengan foto akan berukuran {size} MB, lebih dari batas {max} MB. Bagikan tanpa foto, atau bagikan lebih sedikit data sekaligus.",
        en: "The file with photos would be {size} MB, over the {max} MB limit. Share it without photos, or share fewer records at a time.",
    }
    BundleInvalid {
        id: "Berkas ini memuat data yang tidak sah (id {id}, isian {field}: {reason}). Tidak ada yang diubah.",
        en: "This file holds invalid data (id {id}, field {field}: {reason}). Nothing was changed.",
    }

    ShareUnshared { id: "{count} data belum dibagikan.", en: "{count} records not shared yet." }
    ShareAllShared { id: "Semua data sudah dibagikan.", en: "All data has been shared." }
    ShareChanges { id: "Bagikan perubahan ({count} data)", en: "Share changes ({count} records)" }
    ShareAll { id: "Bagikan semua data ({count} data)", en: "Share all data ({count} records)" }
    SharePersonal {
        id: "Berkas memuat data lengkap, termasuk nomor telepon. Kirimkan hanya kepada petugas Disperindag.",
        en: "The file holds complete data, phone numbers included. Send it only to Disperindag officers.",
    }
    ShareDownloaded {
        id: "Berkas {file} sudah diunduh. Kirimkan lewat WhatsApp atau Telegram sebagai dokumen.",
        en: "The file {file} has been downloaded. Send it through WhatsApp or Telegram as a document.",
    }
    ShareShared { id: "Berkas {file} sudah dibagikan.", en: "The file {file} has been shared." }
    ShareCancelled {
        id: "Dibatalkan. Data tetap tercatat belum dibagikan.",
        en: "Cancelled. The data is still marked as not shared.",
    }
    ShareFailed {
        id: "Berkas tidak dapat dibuat atau dibagikan. Coba lagi.",
        en: "The file could not be made or shared. Try again.",
    }
    BelumDibagikan { id: "Belum dibagikan", en: "Not shared yet" }
    BerandaCounts { id: "Data di perangkat ini", en: "Data on this device" }
    BerandaShare { id: "Bagikan data", en: "Share data" }
    StartHeading { id: "Mulai di sini", en: "Start here" }
    StartDone { id: "Selesai", en: "Done" }
    StartName { id: "Isi nama petugas", en: "Enter the officer's name" }
    StartNameTodo {
        id: "Di Pengaturan. Setiap perubahan dicatat atas nama Anda.",
        en: "In Settings. Every change is recorded under your name.",
    }
    StartArea { id: "Pilih wilayah kerja", en: "Choose the working area" }
    StartAreaTodo {
        id: "Provinsi atau kabupaten/kota, di Pengaturan. Data wilayahnya diunduh sekali lalu dipakai tanpa sinyal: paling besar {kabupaten} untuk satu kabupaten/kota, {provinsi} untuk satu provinsi.",
        en: "A province or a kabupaten/kota, in Settings. Its region data is downloaded once, then used offline: at most {kabupaten} for a kabupaten/kota, {provinsi} for a province.",
    }
    StartAreaKept {
        id: "{area}: {kecamatan} kecamatan, {villages} desa/kelurahan ({size}), tersimpan di perangkat ini.",
        en: "{area}: {kecamatan} kecamatan, {villages} villages ({size}), kept on this device.",
    }
    StartAreaLoading {
        id: "{area}: {kecamatan} kecamatan, {villages} desa/kelurahan; {size} diunduh saat ada sinyal.",
        en: "{area}: {kecamatan} kecamatan, {villages} villages; {size} to download when there is a signal.",
    }
    StartAreaReading {
        id: "{area}: {kecamatan} kecamatan, {villages} desa/kelurahan; memuat data wilayah ({size})…",
        en: "{area}: {kecamatan} kecamatan, {villages} villages; loading the region data ({size})…",
    }
    StartUsaha {
        id: "Catat usaha pertama; ringkasan dan laporan tampil di Beranda.",
        en: "Record the first business; the summary and report appear on Home.",
    }

    ImportHeading { id: "Terima berkas", en: "Receive a file" }
    ImportChoose { id: "Pilih berkas dari Sentra (.json), atau tarik ke sini", en: "Choose a Sentra file (.json), or drop it here" }
    ImportFrom { id: "Berkas dari {officer}, dibuat {created}:", en: "File from {officer}, made {created}:" }
    ImportArea { id: "Wilayah kerja pengirim: {area}.", en: "Sender's working area: {area}." }
    ImportAreaNone { id: "Pengirim belum memilih wilayah kerja.", en: "The sender has not chosen a working area." }
    ImportForeign {
        id: "Berkas ini dari {area}, bukan dari wilayah kerja Anda ({home}). Periksa dulu sebelum menerapkan: datanya akan bercampur dengan data wilayah Anda.",
        en: "This file comes from {area}, not from your working area ({home}). Check before applying: its data will mix with your area's.",
    }
    ImportAlready {
        id: "Berkas ini sudah pernah diterima pada {when}. Menerapkannya lagi tidak mengubah apa pun.",
        en: "This file was received before, on {when}. Applying it again changes nothing.",
    }
    ImportApply { id: "Gabungkan", en: "Merge" }
    ImportUnreadable {
        id: "Berkas tidak dapat dibaca dari perangkat. Simpan ulang berkasnya lalu coba lagi.",
        en: "The file could not be read from the device. Save it again, then try again.",
    }
    ImportFromApps {
        id: "Jika Sentra dipasang di perangkat ini, berkas Sentra juga bisa dikirim langsung dari WhatsApp atau aplikasi berkas: pilih Bagikan, lalu Sentra.",
        en: "If Sentra is installed on this device, a Sentra file can also be sent straight from WhatsApp or a file app: choose Share, then Sentra.",
    }
    ImportSharedGone {
        id: "Berkas yang dikirim dari aplikasi lain tidak ditemukan (mungkin sudah dibuka sebelumnya). Kirim ulang berkasnya, atau pilih berkasnya di sini.",
        en: "The file sent from another app was not found (it may have been opened already). Send the file again, or choose it here.",
    }
    ImportChecking { id: "Memeriksa berkas… {percent}%", en: "Checking the file… {percent}%" }
    ImportApplying { id: "Menggabungkan ke data di perangkat ini…", en: "Merging into the data on this device…" }
    ImportApplied { id: "Berkas sudah digabungkan ke data di perangkat ini.", en: "The file has been merged into the data on this device." }
    SyncHeading { id: "Kantor (sinkron otomatis)", en: "Office (automatic sync)" }
    SyncIntro {
        id: "Jika kantor Anda menjalankan Sentra Hub, perangkat ini mengirim dan menerima data dengan sendirinya setiap kali ada sinyal. Berbagi berkas tetap bisa dipakai.",
        en: "If your office runs Sentra Hub, this device sends and receives data by itself whenever there is a signal. Sharing files still works.",
    }
    SyncAddress { id: "Alamat kantor", en: "Office address" }
    SyncCode { id: "Kode pendaftaran dari kantor", en: "Enrolment code from the office" }
    SyncEnrol { id: "Hubungkan", en: "Connect" }
    SyncBadAddress { id: "Tulis alamat kantor, misalnya sentra.disperindag.example.go.id.", en: "Type the office's address, e.g. sentra.disperindag.example.go.id." }
    SyncLinked {
        id: "Terhubung ke {address} sebagai {officer}.",
        en: "Connected to {address} as {officer}.",
    }
    SyncWasLinked {
        id: "Dulu terhubung ke {address} sebagai {officer}.",
        en: "Was connected to {address} as {officer}.",
    }
    SyncScope { id: "Wilayah: {area}", en: "Area: {area}" }
    AreaProvince { id: "Provinsi {name}", en: "{name} province" }
    SyncEnrolAgain {
        id: "Untuk menyambung lagi, minta kode pendaftaran baru ke kantor dan hubungkan di sini. Data di perangkat ini tetap ada.",
        en: "To connect again, ask the office for a new enrolment code and connect here. The data on this device stays.",
    }
    SyncNow { id: "Sinkronkan sekarang", en: "Sync now" }
    SyncUnlink { id: "Putuskan dari kantor", en: "Disconnect from the office" }
    SyncRunning { id: "Sedang sinkron dengan kantor…", en: "Syncing with the office…" }
    SyncElsewhere { id: "Tab Sentra lain sedang sinkron dengan kantor…", en: "Another Sentra tab is syncing with the office…" }
    SyncLast { id: "Sinkron terakhir: {when}.", en: "Last sync: {when}." }
    SyncNever { id: "Belum pernah sinkron.", en: "Not synced yet." }
    SyncWaiting { id: "{count} perubahan menunggu dikirim.", en: "{count} changes waiting to be sent." }
    SyncUnreachable {
        id: "Kantor tidak bisa dihubungi. Perubahan tetap tersimpan di perangkat ini dan dikirim nanti.",
        en: "The office cannot be reached. Changes stay saved on this device and are sent later.",
    }
    SyncEnrolCode { id: "Kode pendaftaran salah atau kedaluwarsa.", en: "The enrolment code is wrong or expired." }
    SyncRevoked { id: "Perangkat ini dicabut oleh kantor.", en: "This device was revoked by the office." }
    SyncGarbled { id: "Jawaban kantor tidak bisa dibaca. Coba lagi nanti.", en: "The office's answer could not be read. Try again later." }
    ImportRepeat {
        id: "Tidak ada yang berubah: semua isi berkas ini sudah ada di perangkat ini, jadi berkas ini tidak dicatat lagi.",
        en: "Nothing changed: everything in this file is already on this device, so it is not logged again.",
    }
    ImportCancelled { id: "Dibatalkan. Tidak ada yang berubah.", en: "Cancelled. Nothing changed." }
    ImportLogHeading { id: "Berkas yang sudah diterima", en: "Files received" }
    ImportLogEntry { id: "{when}: dari {officer} (dibuat {created})", en: "{when}: from {officer} (made {created})" }
    ColumnKind { id: "Jenis data", en: "Kind" }
    CountNew { id: "Baru", en: "New" }
    CountUpdated { id: "Diperbarui", en: "Updated" }
    CountUnchanged { id: "Tidak berubah", en: "Unchanged" }
    CountConflicting { id: "Konflik", en: "Conflicting" }
    CountDeleted { id: "Dihapus", en: "Deleted" }

    InboxHeading { id: "Konflik: pilih nilai yang benar ({count})", en: "Conflicts: choose the right value ({count})" }
    InboxExplain {
        id: "Dua petugas mengubah isian yang sama tanpa saling tahu. Nilai yang lebih baru sedang dipakai; pilihan Anda ikut terkirim di berkas berikutnya.",
        en: "Two officers changed the same field without knowing of each other. The newer value is in use; your choice travels in the next file.",
    }
    InboxKept { id: "Dipakai sekarang", en: "In use now" }
    InboxLost { id: "Tersisih", en: "Set aside" }
    InboxBy { id: "oleh {by}, {when}", en: "by {by}, {when}" }
    InboxPick { id: "Pakai ini", en: "Use this" }

    NotFoundTitle { id: "Halaman tidak ditemukan", en: "Page not found" }
    NotFoundBack { id: "Kembali ke Beranda", en: "Back to Home" }

    // issue 16: values from spreadsheets (src/intake/values.rs). No reason repeats the cell's
    // value: it may be personal data.
    ValueNotMoney {
        id: "Bukan jumlah rupiah. Tulis misalnya 20.000.000, Rp 20 jt atau 1,5 M.",
        en: "Not an amount of rupiah. Write for example 20.000.000, Rp 20 jt or 1,5 M.",
    }
    ValueMoneyFraction {
        id: "Rupiah harus bulat: jumlah ini menyisakan pecahan rupiah.",
        en: "Rupiah must be whole: this amount leaves a fraction of a rupiah.",
    }
    ValueMoneyDot {
        id: "Tidak jelas: titik diikuti 1 atau 2 angka. Ribuan ditulis 20.500; pecahan dengan koma dan satuan, misalnya 20,5 jt.",
        en: "Unclear: a dot followed by 1 or 2 digits. Thousands are written 20.500; a fraction with a comma and a unit, for example 20,5 jt.",
    }
    ValueTooLarge { id: "Angkanya terlalu besar (lebih dari 18 angka).", en: "The number is too large (more than 18 digits)." }
    ValueNotWhole {
        id: "Bukan angka bulat. Tulis misalnya 12 atau 12 orang.",
        en: "Not a whole number. Write for example 12 or 12 orang.",
    }
    ValueNotDate {
        id: "Bukan tanggal. Tulis misalnya 20 Mei 2017, 20/05/2017 atau 2017-05-20.",
        en: "Not a date. Write for example 20 Mei 2017, 20/05/2017 or 2017-05-20.",
    }
    ValueNoSuchDay {
        id: "Tanggal ini tidak ada di kalender. Hari ditulis lebih dulu, lalu bulan: 20/05/2017.",
        en: "This date is not in the calendar. The day comes first, then the month: 20/05/2017.",
    }
    ValueDayMissing {
        id: "Tanggal tidak lengkap: perlu hari, bulan dan tahun.",
        en: "Incomplete date: the day, month and year are needed.",
    }
    ValueDateSerial {
        id: "Angka ini bukan tanggal antara tahun 1970 dan 2099. Di Excel, format kolom ini sebagai tanggal.",
        en: "This number is not a date between 1970 and 2099. In Excel, format this column as a date.",
    }
    ValueNotYear { id: "Bukan tahun. Tulis empat angka, misalnya 2017.", en: "Not a year. Write four digits, for example 2017." }
    ValueDigitsLost {
        id: "Excel sudah memotong angka ini (misalnya 1,23E+12, atau lebih dari 15 angka). Format kolom sebagai teks di Excel, lalu ketik ulang nomornya.",
        en: "Excel has already cut this number (shown as 1.23E+12, or longer than 15 digits). Format the column as text in Excel, then type the number again.",
    }
    ValueNotDigits { id: "Nomor ini harus berupa angka saja.", en: "This number must be digits only." }
    ValueNotCoordinate {
        id: "Bukan koordinat desimal. Tulis misalnya -7,0123 atau 113,8615.",
        en: "Not a decimal coordinate. Write for example -7.0123 or 113.8615.",
    }

    // issue 16: the import plan (src/intake/plan.rs)
    ImportDesaSeveral {
        id: "Nama desa ini cocok dengan beberapa desa. Pilih desa yang dimaksud.",
        en: "This village name matches several villages. Choose the one meant.",
    }
    ImportDesaNotFound {
        id: "Desa ini tidak ditemukan di wilayah kerja. Periksa ejaannya, atau isi kode desa.",
        en: "This village is not found in the working area. Check its spelling, or give the village code.",
    }

    // issue 16: the import page (src/web/pages/impor.rs)
    IntakeTitle { id: "Impor daftar Excel/CSV", en: "Import an Excel/CSV list" }
    IntakeIntro {
        id: "Bawa daftar IKM dan sentra yang sudah ada di kantor (Excel atau CSV) ke Sentra. Sentra menebak isi tiap kolom dan mencocokkan desa; Anda memeriksa hasilnya. Tidak ada yang disimpan sebelum Anda menekan Impor.",
        en: "Bring the office's existing IKM and sentra lists (Excel or CSV) into Sentra. Sentra guesses each column and matches the villages; you check the result. Nothing is saved until you press Import.",
    }
    IntakeLink { id: "Impor daftar Excel/CSV", en: "Import an Excel/CSV list" }
    IntakeChoose { id: "Pilih berkas Excel (.xlsx, .xls, .ods) atau CSV", en: "Choose an Excel (.xlsx, .xls, .ods) or CSV file" }
    IntakeReading { id: "Membaca berkas…", en: "Reading the file…" }
    IntakeTemplate { id: "Unduh templat daftar Usaha (.xlsx)", en: "Download the Usaha list template (.xlsx)" }
    IntakeTemplateHint {
        id: "Belum punya daftar? Templat berisi judul kolom yang dipahami Sentra, satu baris contoh, dan lembar Petunjuk. Ada templat daftar usaha dan templat daftar sentra.",
        en: "No list yet? The template has the column headers Sentra understands, an example row and a Petunjuk (guide) sheet. There is one for a list of businesses and one for a list of sentra.",
    }
    IntakeNoReader {
        id: "Pembaca Excel belum tersimpan di perangkat ini. Buka berkas Excel sekali saat ada sinyal, atau simpan daftar sebagai CSV.",
        en: "The Excel reader is not on this device yet. Open an Excel file once while online, or save the list as CSV.",
    }
    IntakeNoArea {
        id: "Pilih dulu wilayah kerja di Pengaturan: desa dalam daftar dicocokkan di wilayah itu.",
        en: "Choose the working area in Settings first: the list's villages are matched within it.",
    }
    IntakeAreaLoading { id: "Memuat data desa wilayah kerja…", en: "Loading the working area's villages…" }
    IntakeNoHeader {
        id: "Judul kolom tidak ditemukan di lembar ini. Perlu ada baris judul seperti Nama Usaha (atau Nama Sentra), Desa, Kecamatan.",
        en: "No column headers were found on this sheet. It needs a header row such as Nama Usaha (or Nama Sentra), Desa, Kecamatan.",
    }
    IntakeSheet { id: "Lembar", en: "Sheet" }
    IntakeLayout { id: "Judul kolom di baris {header}; data mulai baris {first}.", en: "Column headers in row {header}; data from row {first}." }
    IntakeColumns { id: "Isi tiap kolom", en: "What each column holds" }
    IntakeColumnExample { id: "Contoh isi: {example}", en: "For example: {example}" }
    IntakeColumnNumber { id: "Kolom {n} (tanpa judul)", en: "Column {n} (no header)" }
    IntakeSkip { id: "— tidak diambil —", en: "— not taken —" }
    IntakeYear { id: "Tahun data daftar ini", en: "The year this list describes" }
    IntakeYearHint {
        id: "Misalnya 2017 untuk daftar IKM tahun 2017. Kolom Tahun di berkas, bila ada, didahulukan.",
        en: "For example 2017 for the 2017 IKM list. A Tahun column in the file, if any, comes first.",
    }
    IntakeSavedMapping { id: "Pilihan kolom dari impor sebelumnya yang sama bentuknya dipakai.", en: "The column choices of an earlier import of the same shape are used." }
    IntakeCheck { id: "Periksa", en: "Check" }
    IntakeChecking { id: "Memeriksa baris… {percent}%", en: "Checking rows… {percent}%" }
    IntakeSameAsRow { id: "Sama dengan baris lain", en: "Same as another row" }
    IntakeRefused { id: "Ditolak", en: "Refused" }
    IntakePlaces { id: "Desa yang perlu dipilih", en: "Villages to choose" }
    IntakePlace { id: "{village}, Kec. {kecamatan} (baris {rows})", en: "{village}, Kec. {kecamatan} (rows {rows})" }
    IntakePlaceNoKecamatan { id: "{village}, tanpa kecamatan (baris {rows})", en: "{village}, no kecamatan (rows {rows})" }
    IntakeRefusedList { id: "Baris yang ditolak", en: "Refused rows" }
    IntakeForcedRow { id: "Baris {line} dicatat sebagai usaha baru.", en: "Row {line} is recorded as a new business." }
    IntakeTakeAsNew { id: "Usaha lain: catat sebagai usaha baru", en: "A different business: record it as new" }
    IntakeRefusedRow { id: "Baris {line}: {field}: {reason}", en: "Row {line}: {field}: {reason}" }
    IntakeMore { id: "… dan {count} baris lain", en: "… and {count} more rows" }
    IntakeSameList { id: "Baris yang sama usahanya", en: "Rows of one business" }
    IntakeSameRow { id: "Baris {line} sama dengan baris {other}: digabung jadi satu usaha.", en: "Row {line} is the same as row {other}: merged into one business." }
    IntakeUpdateRow { id: "Baris {line} memperbarui {name}.", en: "Row {line} updates {name}." }
    IntakeRefusedDownload { id: "Unduh baris yang ditolak (.xlsx)", en: "Download the refused rows (.xlsx)" }
    IntakeRefusedReason { id: "Alasan ditolak", en: "Why refused" }
    IntakeApply { id: "Impor {count} usaha", en: "Import {count} businesses" }
    IntakeApplying { id: "Menyimpan…", en: "Saving…" }
    IntakeDone {
        id: "Selesai: {new} usaha baru, {updated} diperbarui, {unchanged} tidak berubah.",
        en: "Done: {new} new businesses, {updated} updated, {unchanged} unchanged.",
    }
    IntakeNothing {
        id: "Tidak ada yang perlu disimpan: semua baris sudah ada dan tidak berubah.",
        en: "Nothing to save: every row is already here, unchanged.",
    }
    IntakeFailed { id: "Gagal menyimpan; tidak ada yang berubah. {reason}", en: "Could not save; nothing changed. {reason}" }
    IntakeKind { id: "Daftar ini berisi", en: "This list holds" }
    IntakeKindUsaha { id: "Usaha (IKM/UMKM)", en: "Businesses (IKM/UMKM)" }
    IntakeKindSentra { id: "Sentra IKM", en: "Sentra IKM (industry centres)" }
    IntakeKindHint {
        id: "Ditebak dari judul kolom dan nama lembar; ubah bila keliru.",
        en: "Guessed from the column headers and the sheet's name; change it if wrong.",
    }
    IntakeSentraNoYears {
        id: "Sentra tidak menyimpan tahun data: baris yang cocok dengan sentra yang sudah ada hanya mengisi isian yang masih kosong. Jumlah anggota, tenaga kerja dan nilai investasi tidak diambil; anggota dicatat sebagai usaha di halaman sentra.",
        en: "A sentra keeps no list year: a row matching a sentra already here only fills its empty fields. Member counts, workers and investment are not taken; members are recorded as businesses on the sentra's page.",
    }
    IntakeTemplateSentra { id: "Unduh templat daftar Sentra (.xlsx)", en: "Download the Sentra list template (.xlsx)" }
    IntakeForcedRowSentra { id: "Baris {line} dicatat sebagai sentra baru.", en: "Row {line} is recorded as a new sentra." }
    IntakeTakeAsNewSentra { id: "Sentra lain: catat sebagai sentra baru", en: "A different sentra: record it as new" }
    IntakeSameListSentra { id: "Baris yang sama sentranya", en: "Rows of one sentra" }
    IntakeSameRowSentra { id: "Baris {line} sama dengan baris {other}: digabung jadi satu sentra.", en: "Row {line} is the same as row {other}: merged into one sentra." }
    IntakeApplySentra { id: "Impor {count} sentra", en: "Import {count} sentra" }
    IntakeDoneSentra {
        id: "Selesai: {new} sentra baru, {updated} diperbarui, {unchanged} tidak berubah.",
        en: "Done: {new} new sentra, {updated} updated, {unchanged} unchanged.",
    }
}
