// Reading records on a 360 × 740 phone (issue 14): Beranda's first-start checklist, then its
// counts as tiles under the first actions; detail pages that show every field as officers read
// them (rupiah, dates, counts, short labels, the GPS point opening in a map app); counts and
// times in Indonesian forms; list search by NIB, phone digits, village and kecamatan, sorting,
// the "not yet shared" filter; and the import preview naming the file's area, warning when it is
// not the officer's.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { canonical, chooseWorkArea, expectHeading, launchBrowser, openPage, pick, serverFor, shownText } from "./helpers.mjs";

const PHONE = { viewport: { width: 360, height: 740 }, acceptDownloads: true };
const USAHA_COUNT = 1_204;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A bundle (docs/bundle-format.md) from `area` with `records` ({kind, fields}), written to a
 * temporary file; returns its path. Stamps are a minute old, so no clock is ahead. */
function bundleFile(area, records, name = "kiriman") {
  const device = "5a1e0c3d-2b4f-4e6a-8c9d-0e1f2a3b4c5d";
  const base = Date.now() - 60_000;
  const out = records.map((r, i) => {
    const wall = base + i;
    const fields = {};
    Object.entries(r.fields).forEach(([key, v], n) => {
      fields[key] = { by: 0, s: [wall, n + 1, 0], v };
    });
    return { created: [wall, 0, 0], fields, id: `${device}-${wall.toString(16)}-0`, kind: r.kind };
  });
  const bundle = {
    created: new Date(base + records.length).toISOString(),
    created_ms: base + records.length,
    device,
    devices: [device],
    format: "sentra-bundle",
    officers: ["Petugas Kiriman"],
    officer: "Petugas Kiriman",
    records: out,
    scope: "all",
    version: "1.2",
  };
  if (area) bundle.kabupaten = area;
  bundle.checksum = `sha256:${createHash("sha256").update(canonical(bundle)).digest("hex")}`;
  const path = join(mkdtempSync(join(tmpdir(), "sentra-reading-")), `${name}.json`);
  writeFileSync(path, JSON.stringify(bundle));
  return path;
}

/** A Sumenep officer's phone that received a colleague's file of `list`. */
async function officerWith(t, list) {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser, PHONE);
  const at = (path) => new URL(path, server.url).href;
  await chooseWorkArea(page, server.url);
  await page.goto(at("/bagikan"));
  await page.getByTestId("import-file").setInputFiles(bundleFile("35.29", list));
  await page.getByTestId("import-apply").click();
  await page.getByTestId("import-result").filter({ hasText: "digabungkan" }).waitFor({ timeout: 60_000 });
  return { page, at };
}

const FULL_USAHA = {
  kind: "usaha",
  fields: {
    nama: "Batik Sekar Lengkap",
    pemilik: "Ibu Sari Uji",
    telepon: "0812-3456-7890",
    nib: "1234567890123",
    alamat: "Jl. Raya Kalianget 1",
    desa: "35.29.02.2004",
    kecamatan_tertulis: "Bluto",
    komoditas: "batik",
    kbli: "13134",
    kbli_edisi: "2020",
    produk: "batik tulis",
    tenaga_kerja: 6,
    modal: 75_000_000,
    penjualan: 300_000_000,
    tahun_mulai: 2019,
    pirt: "123456789012345",
    halal_status: "terbit",
    halal_no: "ID35110000123",
    status: "aktif",
    diverifikasi: "2025-05-20",
    lat: -7.0123,
    lon: 113.8654,
    catatan: "Ikut pameran",
  },
};
const VILLAGES = ["35.29.04.2006", "35.29.22.2006", "35.29.06.2012", "35.29.01.1015"];
const records = [
  FULL_USAHA,
  ...Array.from({ length: USAHA_COUNT - 2 }, (_, i) => ({
    kind: "usaha",
    fields: {
      nama: `Keripik Uji ${i}`,
      status: "aktif",
      desa: VILLAGES[i % VILLAGES.length],
      telepon: `0813${String(10_000_000 + i).slice(-8)}`,
    },
  })),
  // A neighbour's Usaha, in Pamekasan: its village is named once that kabupaten's data is loaded.
  { kind: "usaha", fields: { nama: "Garam Tetangga", status: "aktif", desa: "35.28.01.2001" } },
  {
    kind: "sentra",
    fields: { nama: "Sentra Batik Kalianget", status: "terbentuk", desa: "35.29.02.2004", anggaran: 20_000_000, lat: -7.05, lon: 113.9 },
  },
  { kind: "survei_desa", fields: { desa: "35.29.02.2004", tanggal: "2025-06-01", pelaku_makanan: 1_250 } },
];

test("a first start shows its checklist, then Beranda its counts as tiles under the first actions", { timeout: 180_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser, PHONE);
  const at = (path) => new URL(path, server.url).href;
  await page.goto(at("/"));
  await expectHeading(page, "Beranda");

  // Nothing done: three items, the area's item says what a download can be, offline.
  const item = (id) => page.getByTestId(id);
  await item("first-start").waitFor();
  for (const id of ["start-name", "start-area", "start-usaha"]) {
    assert.equal(await item(id).getAttribute("data-done"), "false", id);
  }
  await item("start-area").filter({ hasText: /paling besar [\d,]+ KB untuk satu kabupaten\/kota, [\d,]+ KB untuk satu provinsi/ }).waitFor();
  // Adding and sharing come first on the phone's screen.
  const actions = await page.getByTestId("beranda-actions").boundingBox();
  assert.ok(actions.y + actions.height < 740 / 2, `actions at ${actions.y}`);

  await page.goto(at("/pengaturan"));
  await page.getByLabel("Nama petugas").fill("Ani Wijaya");
  await page.getByLabel(/^Nama kantor/).fill("Disperindag Sumenep");
  await page.getByRole("button", { name: "Simpan profil" }).click();
  await page.getByTestId("profile-outcome").filter({ hasText: "Profil tersimpan." }).waitFor();
  await chooseWorkArea(page, server.url);
  await page.goto(at("/"));
  await item("start-name").and(page.locator('[data-done="true"]')).waitFor();
  assert.match(await shownText(item("start-name")), /Ani Wijaya/);
  assert.equal(await item("start-area").getAttribute("data-done"), "true");
  // Said once the area's data is read back from the device after the page's start (read at
  // once, a slow start still said it was to be downloaded).
  await item("start-area")
    .filter({ hasText: /Kabupaten Sumenep: 27 kecamatan, 334 desa\/kelurahan \(5,6 KB\), tersimpan di perangkat ini\./ })
    .waitFor();
  assert.equal(await item("start-usaha").getAttribute("data-done"), "false");

  // A colleague's file from the same kabupaten: named, no warning; applied.
  await page.goto(at("/bagikan"));
  await page.getByTestId("import-file").setInputFiles(bundleFile("35.29", records));
  await page.getByTestId("import-preview").waitFor({ timeout: 60_000 });
  assert.equal(await shownText(page.getByTestId("import-area")), "Wilayah kerja pengirim: Kabupaten Sumenep.");
  assert.equal(await page.getByTestId("import-foreign").count(), 0);
  assert.match(await shownText(page.getByTestId("import-preview")), /dibuat \d{1,2} [A-Z][a-z]+ \d{4} pukul \d\d\.\d\d/);
  assert.deepEqual(await page.getByTestId("import-row-usaha").locator("td").allTextContents(), ["1.204", "0", "0", "0", "0"]);
  await page.getByTestId("import-apply").click();
  await page.getByTestId("import-result").filter({ hasText: "digabungkan" }).waitFor({ timeout: 60_000 });
  assert.equal((await page.getByTestId("unshared-count").textContent()).trim(), "1.206 data belum dibagikan.");

  // Everything done: the checklist goes; counts are tiles, grouped by thousands.
  await page.goto(at("/"));
  await page.getByTestId("beranda-counts").waitFor();
  assert.equal(await item("first-start").count(), 0);
  const tiles = page.getByTestId("beranda-counts").locator("li");
  assert.deepEqual(
    (await tiles.allInnerTexts()).map((s) => s.trim().replace(/\s+/g, " ")),
    ["Usaha 1.204", "Sentra 1", "Survei Desa 1"],
  );
  // Two tiles to a row: three kinds take two rows, not three screens' lines.
  const boxes = await Promise.all([0, 1, 2].map((i) => tiles.nth(i).boundingBox()));
  assert.equal(boxes[0].y, boxes[1].y, "side by side");
  assert.ok(boxes[2].y > boxes[0].y);
  const grid = await page.getByTestId("beranda-counts").boundingBox();
  assert.ok(grid.height < 200, `tiles ${grid.height} px high`);
  assert.equal((await page.getByTestId("beranda-unshared").textContent()).trim(), "1.206 data belum dibagikan.");
  const actionsNow = await page.getByTestId("beranda-actions").boundingBox();
  assert.ok(actionsNow.y < grid.y, "the actions stay above the counts");
  page.assertNoErrors();
});

test("detail pages show every field as officers read it, the GPS point opening in a map app", { timeout: 180_000 }, async (t) => {
  const { page, at } = await officerWith(t, [records[0], ...records.slice(-2)]);

  await page.goto(at("/usaha"));
  await page.getByTestId("usaha-list").getByRole("link", { name: "Batik Sekar Lengkap" }).click();
  await page.getByTestId("usaha-detail").waitFor();
  const fact = async (key) => shownText(page.getByTestId(`fact-${key}`));
  const label = (key) => page.getByTestId(`fact-${key}`).evaluate((dd) => dd.previousElementSibling.textContent.trim());
  const want = {
    pemilik: ["Nama pemilik", "Ibu Sari Uji"],
    telepon: ["Telepon", "0812-3456-7890"], // in full on the detail page, as before
    nib: ["NIB", "1234567890123"],
    desa: ["Desa/kelurahan", "Kertasada, Kec. Kalianget, Kabupaten Sumenep (35.29.02.2004)"],
    kecamatan_tertulis: ["Kecamatan tertulis", "Bluto"],
    komoditas: ["Komoditas", "Batik"],
    kbli_edisi: ["Edisi KBLI", "2020"],
    tenaga_kerja: ["Tenaga kerja", "6 orang"],
    modal: ["Modal usaha", "Rp75.000.000"],
    penjualan: ["Penjualan per tahun", "Rp300.000.000"],
    halal_status: ["Sertifikat halal", "Terbit"],
    halal_no: ["Nomor sertifikat halal", "ID35110000123"],
    diverifikasi: ["Terakhir diverifikasi", "20 Mei 2025"],
  };
  for (const [key, [l, v]] of Object.entries(want)) {
    assert.equal(await label(key), l, key);
    assert.equal(await fact(key), v, key);
  }
  assert.equal(await label("lat"), "Titik GPS");
  assert.match(await fact("lat"), /^-7\.0123, 113\.8654/);
  assert.equal(await page.getByTestId("map-app").getAttribute("href"), "geo:-7.0123,113.8654?q=-7.0123,113.8654");
  assert.equal(
    await page.getByTestId("map-web").getAttribute("href"),
    "https://www.openstreetmap.org/?mlat=-7.0123&mlon=113.8654#map=17/-7.0123/113.8654",
  );
  // No form hint left among the labels.
  const labels = (await page.locator(".facts dt").allTextContents()).join(" | ");
  assert.doesNotMatch(labels, /bila ada|\(Rp|angka|termasuk pemilik/, labels);
  // Times as officers read them.
  assert.match(
    await shownText(page.getByTestId("last-change")),
    /^Dicatat \d{1,2} [A-Z][a-z]+ \d{4} pukul \d\d\.\d\d\. Perubahan terakhir: \d{1,2} [A-Z][a-z]+ \d{4} pukul \d\d\.\d\d, oleh Petugas Kiriman/,
  );
  // The detail fits the phone: nothing wider than the screen.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360));

  await page.goto(at("/sentra"));
  await page.getByRole("link", { name: "Sentra Batik Kalianget" }).click();
  await page.getByTestId("record-detail").waitFor();
  assert.equal(await fact("anggaran"), "Rp20.000.000");
  assert.equal(await label("anggaran"), "Anggaran");
  assert.equal(await label("lat"), "Titik GPS");
  assert.equal(await page.getByTestId("map-app").getAttribute("href"), "geo:-7.05,113.9?q=-7.05,113.9");

  await page.goto(at("/survei-desa"));
  await page.getByTestId("record-list").getByRole("link").first().click();
  await page.getByTestId("record-detail").waitFor();
  assert.equal(await fact("pelaku_makanan"), "1.250");
  page.assertNoErrors();
});

test("lists find NIB, phone digits, village and kecamatan, sort by village, and keep to what is not shared", { timeout: 180_000 }, async (t) => {
  const { page, at } = await officerWith(t, records);
  // Shared: nothing is "belum dibagikan" any more.
  await Promise.all([page.waitForEvent("download"), page.getByTestId("share-changes").click()]);
  await page.getByTestId("unshared-count").filter({ hasText: "Semua data sudah dibagikan." }).waitFor();

  await page.goto(at("/usaha"));
  const count = () => page.getByTestId("usaha-count").textContent();
  const search = page.getByTestId("usaha-search");
  await page.getByTestId("usaha-list").waitFor();
  assert.equal(await count(), "1.204 dari 1.204 usaha");
  for (const [query, shown] of [
    ["1234567890123", "1 dari 1.204 usaha"], // NIB
    ["0812 3456 7890", "1 dari 1.204 usaha"], // phone digits, written with spaces
    ["0813 1000 0007", "1 dari 1.204 usaha"],
    ["kertasada", "1 dari 1.204 usaha"], // village
    ["Ra'as", "301 dari 1.204 usaha"], // the kecamatan of 35.29.22.2006 (every fourth from the second)
    ["raas", "301 dari 1.204 usaha"],
    ["dabuan", "1 dari 1.204 usaha"], // a village of Pamekasan, outside the work area
    ["tlanakan", "1 dari 1.204 usaha"],
  ]) {
    await search.fill(query);
    assert.equal(await count(), shown, query);
  }
  await search.fill("");

  // Sorted by village: Kertasada's one Usaha (Kalianget) is not first by name, but is among
  // villages: the first rows all share the alphabetically first village.
  await page.getByTestId("sort").selectOption("desa");
  const firstPlaces = await page.getByTestId("usaha-list").locator(".record-list__item > .record-list__meta:nth-child(2) > span").allTextContents();
  const sorted = [...firstPlaces].sort((a, b) => a.localeCompare(b, "id"));
  assert.deepEqual(firstPlaces, sorted, "rows in view go by village");
  await page.getByTestId("sort").selectOption("terbaru");
  assert.equal(await page.getByTestId("usaha-list").getByRole("link").first().textContent(), "Garam Tetangga", "the latest change first");

  // One record changed after the export: "Hanya yang belum dibagikan" keeps it alone.
  await search.fill("batik sekar");
  await page.getByTestId("usaha-list").getByRole("link", { name: "Batik Sekar Lengkap" }).click();
  await page.getByTestId("delete").click();
  await page.getByTestId("undo").click();
  await page.getByTestId("undo-banner").waitFor({ state: "hidden" });
  await page.getByTestId("usaha-list").waitFor();
  assert.equal(await count(), "1.204 dari 1.204 usaha");
  await page.getByTestId("filters-toggle").click();
  await page.getByTestId("filter-unsent").check();
  assert.equal(await count(), "1 dari 1.204 usaha");
  assert.equal(await page.getByTestId("filters-toggle").textContent(), "Saring (1 aktif)");
  assert.equal(await page.getByTestId("usaha-list").getByRole("link").first().textContent(), "Batik Sekar Lengkap");

  // The other lists have the same filter and sorts.
  await page.goto(at("/sentra"));
  await page.getByTestId("record-list").waitFor();
  assert.deepEqual(await page.getByTestId("sort").locator("option").allTextContents(), ["Nama", "Perubahan terbaru", "Desa/kelurahan"]);
  await page.getByTestId("record-search").fill("kalianget");
  assert.equal(await page.getByTestId("record-count").textContent(), "1 dari 1 data");
  await page.getByTestId("filters-toggle").click();
  await page.getByTestId("filter-unsent").check();
  assert.equal(await page.getByTestId("record-count").textContent(), "0 dari 1 data");
  page.assertNoErrors();
});

test("the import preview names the file's area and warns when it is not the officer's", { timeout: 120_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser, PHONE);
  const at = (path) => new URL(path, server.url).href;
  await chooseWorkArea(page, server.url);
  const preview = async (area) => {
    await page.goto(at("/bagikan"));
    await page.getByTestId("import-file").setInputFiles(bundleFile(area, [records[1]]));
    await page.getByTestId("import-preview").waitFor();
  };
  const warning = () => page.getByTestId("import-foreign");

  await preview("17.01");
  assert.equal(await shownText(page.getByTestId("import-area")), "Wilayah kerja pengirim: Kabupaten Bengkulu Selatan.");
  await warning().filter({ hasText: "Berkas ini dari Kabupaten Bengkulu Selatan, bukan dari wilayah kerja Anda (Kabupaten Sumenep)." }).waitFor();
  // A province's file may hold other kabupaten: not the kabupaten office's area.
  await preview("35");
  assert.equal(await shownText(page.getByTestId("import-area")), "Wilayah kerja pengirim: Provinsi Jawa Timur.");
  await warning().waitFor();
  await preview(null);
  assert.equal(await shownText(page.getByTestId("import-area")), "Pengirim belum memilih wilayah kerja.");
  assert.equal(await warning().count(), 0);

  // A province office: a file from a kabupaten inside its province is its own; another
  // province's is not.
  await page.goto(at("/pengaturan"));
  await pick(page, "work-area", "jawa timur", "Provinsi Jawa Timur");
  await page.getByTestId("work-area-current").filter({ hasText: "Provinsi Jawa Timur" }).waitFor();
  await preview("35.29");
  assert.equal(await warning().count(), 0);
  await preview("17");
  await warning().filter({ hasText: "Berkas ini dari Provinsi Bengkulu, bukan dari wilayah kerja Anda (Provinsi Jawa Timur)." }).waitFor();
  page.assertNoErrors();
});
