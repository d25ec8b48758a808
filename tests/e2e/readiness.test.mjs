// Issue 18, as the offices report: Kawasan IKM readiness per kabupaten/kota with its total row
// (a province office's table: land known or not, clean and clear yes / no / not known, RPIK,
// central funds), the Kawasan list filtered by kabupaten/kota and by each status, hectares with a
// decimal comma on a record's page, a Kegiatan linked to the kawasan it concerns and shown on the
// kawasan's page, and village surveys per kecamatan with the OVOP stage each kecamatan's villages
// reached. Entered through the forms, as an officer does.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { chooseWorkArea, expectHeading, launchBrowser, openPage, pick, serverFor, shownText, tableCells } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const text = shownText;
const cells = tableCells;

async function addKawasan(page, base, k) {
  await page.goto(new URL("/kawasan-ikm/baru", base).href);
  await expectHeading(page, "Kawasan IKM");
  await page.getByLabel("Lokasi", { exact: true }).fill(k.lokasi);
  if (k.kabupaten) {
    await page.getByTestId("kabupaten").getByRole("button", { name: "Ganti" }).click();
    await pick(page, "kabupaten", k.kabupaten, k.kabupaten);
  }
  if (k.ha !== undefined) await page.getByLabel("Luas lahan (ha)").fill(k.ha);
  if (k.cnc) await page.getByLabel("Lahan bebas sengketa").selectOption(k.cnc);
  await page.getByLabel("Status RPIK").selectOption(k.rpik);
  if (k.dana) await page.getByLabel("Pendanaan pusat").selectOption(k.dana);
  await page.getByTestId("save").click();
  await page.getByTestId("fact-lokasi").filter({ hasText: k.lokasi }).waitFor();
}

async function addSurvey(page, base, s) {
  await page.goto(new URL("/survei-desa/baru", base).href);
  await expectHeading(page, "Survei Desa");
  await pick(page, "desa", s.desa, s.desa);
  await page.getByLabel("Tanggal kunjungan").fill(s.tanggal);
  for (const [label, date] of s.stages) await page.getByLabel(label).fill(date);
  if (s.tahap) {
    // The stage reached, chosen directly: its date starts as today, and may be left empty.
    await page.getByLabel("Tahap yang sudah dicapai").selectOption(s.tahap);
    const dated = await page.getByLabel(s.tahapLabel).inputValue();
    assert.equal(dated, new Date().toISOString().slice(0, 10));
    await page.getByLabel(s.tahapLabel).fill("");
  }
  await page.getByTestId("save").click();
  await page.getByTestId("ovop-reached").waitFor();
}

test("Kawasan readiness per kabupaten/kota and surveys per kecamatan", { timeout: 240_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser);
  await chooseWorkArea(page, server.url);

  // Four kawasan in two kabupaten: one whose land is known to be 0 ha and not clean and clear,
  // one whose land and clean-and-clear are not known yet.
  const kawasan = [
    { lokasi: "Kawasan IKM Gapura", ha: "0,5", cnc: "ya", rpik: "ditetapkan", dana: "disetujui" },
    { lokasi: "Kawasan IKM Bluto", ha: "0", cnc: "tidak", rpik: "draf" },
    { lokasi: "Kawasan IKM Ambunten", rpik: "belum", dana: "diajukan" },
    { lokasi: "Kawasan IKM Larangan", kabupaten: "Pamekasan", ha: "1,25", cnc: "ya", rpik: "draf", dana: "diajukan" },
  ];
  for (const k of kawasan) await addKawasan(page, server.url, k);
  // A record's page reads hectares as officers write them.
  assert.equal(await text(page.getByTestId("fact-luas_ha")), "1,25 ha");

  // A verification visit concerns one kawasan, and shows on that kawasan's page.
  await page.goto(new URL("/kegiatan/baru", server.url).href);
  await expectHeading(page, "Kegiatan");
  await page.getByLabel("Nama kegiatan").fill("Verifikasi lahan Gapura");
  await page.getByLabel("Jenis kegiatan").selectOption("lainnya");
  await page.getByLabel("Tanggal", { exact: true }).fill("2026-11-20");
  await pick(page, "kawasan", "gapura", "Kawasan IKM Gapura");
  await page.getByTestId("save").click();
  await page.getByTestId("fact-kawasan").filter({ hasText: "Kawasan IKM Gapura" }).waitFor();
  await page.getByTestId("fact-kawasan").getByRole("link").click();
  await page.getByTestId("record-title").filter({ hasText: "Kawasan IKM Gapura" }).waitFor();
  assert.equal(await text(page.getByTestId("kegiatan-about")), "Verifikasi lahan Gapura — 20 November 2026");
  await page.getByTestId("kegiatan-about").getByRole("link").click();
  await page.getByTestId("record-title").filter({ hasText: "Verifikasi lahan Gapura" }).waitFor();

  await page.goto(new URL("/", server.url).href);
  await expectHeading(page, "Beranda");
  const rows = await cells(page, "table-kawasan");
  assert.deepEqual(rows[0], ["Kabupaten/kota", "Jumlah", "Luas lahan (ha)", "Lahan bebas sengketa (clear and clean)", "Status RPIK", "Pendanaan pusat"]);
  assert.deepEqual(rows[1], ["Ya", "Tidak", "Belum diketahui", "Belum ada", "Draf", "Ditetapkan", "Belum diajukan", "Diajukan", "Disetujui", "Ditolak"]);
  // Pamekasan (35.28) comes before Sumenep (35.29), as codes sort. Sumenep: 0,5 ha known over
  // two kawasan (one of them 0 ha), one not known; the empty clean-and-clear counts as not known.
  assert.deepEqual(rows.slice(2), [
    ["Kabupaten Pamekasan", "1", "1,25 ha", "1", "0", "0", "0", "1", "0", "0", "1", "0", "0"],
    ["Kabupaten Sumenep", "3", "0,5 ha (1 belum diketahui)", "1", "1", "1", "1", "1", "1", "1", "1", "1", "0"],
    ["Jumlah", "4", "1,75 ha (1 belum diketahui)", "2", "1", "1", "1", "2", "1", "1", "2", "1", "0"],
  ]);

  // Beranda looks at one kabupaten/kota when the records lie in several.
  await page.locator("#f-kabupaten").selectOption("35.28");
  await page.waitForURL(/kabupaten=35\.28/);
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=table-kawasan] tbody tr").length === 1);
  assert.deepEqual((await cells(page, "table-kawasan")).slice(2).map((r) => r.slice(0, 2)), [
    ["Kabupaten Pamekasan", "1"],
    ["Jumlah", "1"],
  ]);

  // The list narrows by kabupaten/kota and by each status.
  await page.goto(new URL("/kawasan-ikm", server.url).href);
  await expectHeading(page, "Kawasan IKM");
  assert.equal(await text(page.getByTestId("record-add")), "Tambah Kawasan IKM");
  await page.getByTestId("filters-toggle").click();
  await page.getByTestId("filter-cnc").selectOption("-");
  assert.match(await text(page.getByTestId("record-count")), /^1 /);
  await page.getByTestId("filter-cnc").selectOption("tidak");
  assert.match(await text(page.getByTestId("record-count")), /^1 /);
  assert.match(await text(page.locator("main")), /Kawasan IKM Bluto/);
  await page.getByTestId("filter-cnc").selectOption("");
  await page.getByTestId("filter-kabupaten").selectOption("35.28");
  assert.match(await text(page.getByTestId("record-count")), /^1 /);
  assert.match(await text(page.locator("main")), /Kawasan IKM Larangan/);
  await page.getByTestId("filter-kabupaten").selectOption("");
  await page.getByTestId("filter-dana_pusat").selectOption("diajukan");
  assert.match(await text(page.getByTestId("record-count")), /^2 /);

  // Village surveys in two kecamatan: per kecamatan, how many villages reached each stage.
  await addSurvey(page, server.url, { desa: "Kertasada", tanggal: "2025-06-01", stages: [["Sosialisasi", "2025-01-10"], ["Desain kemasan", "2025-03-01"]] });
  await addSurvey(page, server.url, { desa: "Marengan Laok", tanggal: "2025-06-02", stages: [], tahap: "sosialisasi", tahapLabel: "Sosialisasi" });
  assert.equal(await text(page.getByTestId("ovop-reached")), "Tahap OVOP tercapai: Sosialisasi");
  await addSurvey(page, server.url, { desa: "Pakandangan Barat", tanggal: "2025-06-03", stages: [] });
  await page.goto(new URL("/laporan", server.url).href);
  await expectHeading(page, "Laporan");
  // All three villages lie in one kabupaten: no table per kabupaten/kota yet.
  await page.getByTestId("table-survei-kecamatan").waitFor();
  assert.equal(await page.getByTestId("table-survei-kabupaten").count(), 0);
  const survei = await cells(page, "table-survei-kecamatan");
  assert.deepEqual(survei, [
    ["Kecamatan", "Desa", "Sosialisasi", "Pembinaan manajemen", "Pengelolaan komoditas unggulan", "Desain kemasan", "Gelar produk", "Pemasaran ritel/online", "Belum mulai"],
    // Kertasada reached Desain kemasan (so every stage before it), Marengan Laok Sosialisasi.
    ["Kalianget", "2", "2", "1", "1", "1", "0", "0", "0"],
    ["Bluto", "1", "0", "0", "0", "0", "0", "0", "1"],
    ["Jumlah", "3", "2", "1", "1", "1", "0", "0", "1"],
  ]);
  // A survey in a village of the neighbouring kabupaten (searched in the province): the
  // section now also counts per kabupaten/kota.
  await page.goto(new URL("/survei-desa/baru", server.url).href);
  await expectHeading(page, "Survei Desa");
  await page.getByTestId("desa").getByLabel("Provinsi", { exact: true }).check();
  await pick(page, "desa", "Dabuan", "Dabuan");
  await page.getByLabel("Tanggal kunjungan").fill("2025-06-04");
  await page.getByLabel("Sosialisasi").fill("2025-05-01");
  await page.getByTestId("save").click();
  await page.getByTestId("ovop-reached").waitFor();
  await page.goto(new URL("/laporan", server.url).href);
  await expectHeading(page, "Laporan");
  assert.deepEqual(await cells(page, "table-survei-kabupaten"), [
    ["Kabupaten/kota", "Desa", "Sosialisasi", "Pembinaan manajemen", "Pengelolaan komoditas unggulan", "Desain kemasan", "Gelar produk", "Pemasaran ritel/online", "Belum mulai"],
    ["Kabupaten Pamekasan", "1", "1", "0", "0", "0", "0", "0", "0"],
    ["Kabupaten Sumenep", "3", "2", "1", "1", "1", "0", "0", "1"],
    ["Jumlah", "4", "3", "1", "1", "1", "0", "0", "1"],
  ]);
  // The readiness table is in the printable report too.
  assert.equal((await cells(page, "table-kawasan")).at(-1)[0], "Jumlah");
});
