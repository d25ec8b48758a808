// Issue 18, a province office: Bengkulu asks each of its ten kabupaten/kota to prepare a Kawasan
// IKM. The officer chooses the province as the working area, enters the ten kawasan through the
// form (each starting with no kabupaten/kota, or the one last chosen, never the capital by
// default), and reads the readiness table with its total row, titled by the province; village
// searches start in the province; coverage counts against the province and against the
// kabupaten/kota filtered on. Figures are counted by hand from the table below.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { expectHeading, launchBrowser, openPage, pick, serverFor, shownText, tableCells } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const text = shownText;
const cells = tableCells;

// One kawasan per kabupaten/kota, as the province asked: Kaur and Lebong have not reported their
// land yet; Seluma's is known to be 0 ha.
const KAWASAN = [
  { kabupaten: "Bengkulu Selatan", ha: "0,5", cnc: "ya", rpik: "ditetapkan", dana: "disetujui" },
  { kabupaten: "Rejang Lebong", ha: "0,5", cnc: "ya", rpik: "draf", dana: "diajukan" },
  { kabupaten: "Bengkulu Utara", ha: "1,25", cnc: "tidak", rpik: "draf", dana: "belum" },
  { kabupaten: "Kaur", rpik: "belum" },
  { kabupaten: "Seluma", ha: "0", cnc: "tidak", rpik: "belum", dana: "belum" },
  { kabupaten: "Mukomuko", ha: "0,5", cnc: "ya", rpik: "ditetapkan", dana: "diajukan" },
  { kabupaten: "Lebong", rpik: "belum" },
  { kabupaten: "Kepahiang", ha: "0,75", rpik: "draf", dana: "ditolak" },
  { kabupaten: "Bengkulu Tengah", ha: "0,5", cnc: "ya", rpik: "ditetapkan", dana: "disetujui" },
  { kabupaten: "Kota Bengkulu", ha: "0,5", cnc: "tidak", rpik: "draf", dana: "diajukan" },
];

test("a province officer enters ten kawasan and reads the province's readiness", { timeout: 300_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser);

  // "Bengkulu" offers the province first, then the city of the same name.
  await page.goto(new URL("/pengaturan", server.url).href);
  await expectHeading(page, "Pengaturan");
  await page.locator("#work-area").fill("bengkulu");
  const offered = page.locator("#work-area-list [role=option]");
  await offered.first().waitFor();
  assert.match(await text(offered.nth(0)), /^Provinsi Bengkulu/);
  assert.match(await text(offered.nth(1)), /^Kota Bengkulu/);
  await pick(page, "work-area", "bengkulu", "Provinsi Bengkulu");
  assert.equal(await text(page.getByTestId("work-area-current")), "Provinsi Bengkulu (17)");
  // The whole province's villages are kept on the device (Kemendagri: 129 kecamatan, 1,513 villages).
  await page.getByTestId("work-area-ready").filter({ hasText: "129 kecamatan dan 1.513 desa/kelurahan" }).waitFor();

  let previous = null;
  for (const [i, k] of KAWASAN.entries()) {
    await page.goto(new URL("/kawasan-ikm/baru", server.url).href);
    await expectHeading(page, "Kawasan IKM");
    await page.getByLabel("Lokasi", { exact: true }).fill(`Lahan Kawasan IKM ${k.kabupaten}`);
    if (previous === null) {
      // The first form starts with no kabupaten/kota, and offers the province's ten at a tap.
      assert.equal(await page.getByTestId("kabupaten-chosen").count(), 0);
      await page.locator("#kabupaten").click();
      await page.locator("#kabupaten-list [role=option]").nth(9).waitFor();
      assert.equal(await page.locator("#kabupaten-list [role=option]").count(), 10);
      assert.match(await text(page.locator("#kabupaten-list [role=option]").nth(0)), /^Kabupaten Bengkulu Selatan/);
    } else {
      // The next starts with the one chosen last.
      assert.match(await text(page.getByTestId("kabupaten-chosen")), new RegExp(previous));
      await page.getByTestId("kabupaten").getByRole("button", { name: "Ganti" }).click();
    }
    const full = k.kabupaten.startsWith("Kota") ? k.kabupaten : `Kabupaten ${k.kabupaten}`;
    await pick(page, "kabupaten", k.kabupaten, full);
    if (k.ha !== undefined) await page.getByLabel("Luas lahan (ha)").fill(k.ha);
    if (k.cnc) await page.getByLabel("Lahan bebas sengketa").selectOption(k.cnc);
    await page.getByLabel("Status RPIK").selectOption(k.rpik);
    if (k.dana) await page.getByLabel("Pendanaan pusat").selectOption(k.dana);
    await page.getByTestId("save").click();
    await page.getByTestId("fact-lokasi").filter({ hasText: k.kabupaten }).waitFor();
    previous = full;
    assert.ok(i < 10);
  }

  // A sentra in the capital, its village found by the province-wide search.
  await page.goto(new URL("/sentra/baru", server.url).href);
  await expectHeading(page, "Sentra");
  const reach = page.getByTestId("desa").locator("fieldset label");
  assert.deepEqual((await reach.allTextContents()).map((s) => s.trim()), ["Provinsi kerja", "Seluruh Indonesia"]);
  await page.getByLabel("Nama sentra").fill("Sentra Batik Besurek");
  await page.getByLabel("Status sentra").selectOption("terbentuk");
  await page.getByLabel("Tahun terbentuk").fill("2020");
  await pick(page, "desa", "jalan gedang", "Jalan Gedang");
  await page.getByTestId("save").click();
  await page.getByTestId("record-title").filter({ hasText: "Sentra Batik Besurek" }).waitFor();

  // A verification visit to Kaur's land (no kecamatan of its own) and a training held in the
  // capital: each counted in its kabupaten/kota.
  for (const g of [
    { nama: "Verifikasi lahan Kaur", jenis: "lainnya", kawasan: ["kaur", "Lahan Kawasan IKM Kaur"] },
    { nama: "Pelatihan kemasan", jenis: "pelatihan_kemasan", kecamatan: ["selebar", "Selebar"] },
  ]) {
    await page.goto(new URL("/kegiatan/baru", server.url).href);
    await expectHeading(page, "Kegiatan");
    await page.getByLabel("Nama kegiatan").fill(g.nama);
    await page.getByLabel("Jenis kegiatan").selectOption(g.jenis);
    await page.getByLabel("Tanggal", { exact: true }).fill("2026-11-20");
    if (g.kawasan) await pick(page, "kawasan", ...g.kawasan);
    if (g.kecamatan) await pick(page, "kecamatan", ...g.kecamatan);
    await page.getByTestId("save").click();
    await page.getByTestId("record-title").filter({ hasText: g.nama }).waitFor();
  }

  // Beranda, titled by the province: the readiness table per kabupaten/kota, in code order, and
  // its total row.
  await page.goto(new URL("/", server.url).href);
  await expectHeading(page, "Beranda");
  assert.equal(await text(page.getByTestId("report-area")), "Provinsi Bengkulu");
  const rows = await cells(page, "table-kawasan");
  const names = rows.slice(2, 12).map((r) => r[0]);
  assert.deepEqual(names, KAWASAN.map((k) => (k.kabupaten.startsWith("Kota") ? k.kabupaten : `Kabupaten ${k.kabupaten}`)));
  assert.deepEqual(rows[5], ["Kabupaten Kaur", "1", "Belum diketahui", "0", "0", "1", "1", "0", "0", "1", "0", "0", "0"]);
  assert.deepEqual(rows[6], ["Kabupaten Seluma", "1", "0 ha", "0", "1", "0", "1", "0", "0", "1", "0", "0", "0"]);
  // Land: 8 known, 4,5 ha; clean and clear 4 yes, 3 no, 3 not known; RPIK 3 belum, 4 draf,
  // 3 ditetapkan; funds 4 not yet, 3 submitted, 2 approved, 1 refused.
  assert.deepEqual(rows[12], ["Jumlah", "10", "4,5 ha (2 belum diketahui)", "4", "3", "3", "3", "4", "3", "4", "3", "2", "1"]);
  assert.equal(await text(page.getByTestId("report-coverage-kabupaten")), "Sentra ada di 1 dari 10 kabupaten/kota");
  assert.equal(await text(page.getByTestId("report-coverage")), "Sentra ada di 1 dari 129 kecamatan");
  assert.deepEqual(await cells(page, "table-kegiatan-kabupaten"), [
    ["Kabupaten/kota", "Pelatihan kemasan", "Lainnya", "Jumlah"],
    ["Kabupaten Kaur", "0", "1", "1"],
    ["Kota Bengkulu", "1", "0", "1"],
    ["Jumlah", "1", "1", "2"],
  ]);

  // One kabupaten/kota in view: named beside the province, coverage against its kecamatan.
  await page.locator("#f-kabupaten").selectOption("17.71");
  await page.waitForURL(/kabupaten=17\.71/);
  await page.getByTestId("report-area").filter({ hasText: "Provinsi Bengkulu · Kota Bengkulu" }).waitFor();
  await page.getByTestId("report-coverage").filter({ hasText: "Sentra ada di 1 dari 9 kecamatan" }).waitFor();
  assert.equal(await page.getByTestId("report-coverage-kabupaten").count(), 0);
  assert.deepEqual((await cells(page, "table-kawasan")).slice(2).map((r) => r.slice(0, 3)), [
    ["Kota Bengkulu", "1", "0,5 ha"],
    ["Jumlah", "1", "0,5 ha"],
  ]);

  // The printable report is headed by the province.
  await page.goto(new URL("/laporan", server.url).href);
  await expectHeading(page, "Laporan");
  assert.match(await text(page.getByTestId("laporan-meta")), /^Provinsi Bengkulu · /);
  const printed = await cells(page, "table-kawasan");
  assert.equal(printed.at(-1)[2], "4,5 ha (2 belum diketahui)");
});
