// Reports as the office reads them: after Usaha and a sentra are entered, Beranda shows the
// right totals, the filters narrow them, the printable page has the same tables, and both
// exports download files that read back (CSV parsed here, XLSX unzipped here), with phones
// masked unless "sertakan data pribadi" is ticked.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { chooseWorkArea, expectHeading, launchBrowser, openPage, pick, seedUsaha, serverFor, shownText } from "./helpers.mjs";
import { unzip } from "./workbook.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const text = shownText;

/** RFC 4180 rows of a CSV text (quoted fields, doubled quotes, CRLF). */
function parseCsv(textIn) {
  assert.equal(textIn.charCodeAt(0), 0xfeff, "starts with a byte-order mark");
  const rows = [];
  let row = [], field = "", quoted = false;
  const s = textIn.slice(1);
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\r") { row.push(field); rows.push(row); row = []; field = ""; i++; }
    else field += c;
  }
  return rows;
}

async function download(page, testid) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testid).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

test("Beranda's figures, filters, printable report and exports", { timeout: 240_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser, { acceptDownloads: true });
  await chooseWorkArea(page, server.url);
  // 20 synthetic Usaha: all mikro; aktif/tidak aktif/tutup 7/7/6; 4 in each of 5 kecamatan
  // (Kota Sumenep 35.29.01 among them); entered in 2025.
  await seedUsaha(page, 20);
  await page.goto(new URL("/sentra/baru", server.url).href);
  await expectHeading(page, "Sentra");
  await page.getByLabel("Nama sentra").fill("Sentra Batik Pakandangan");
  await page.getByLabel("Status sentra").selectOption("terbentuk");
  await page.getByLabel("Tahun terbentuk").fill("2019");
  await pick(page, "desa", "pakandangan barat", "Pakandangan Barat");
  await page.getByLabel("Anggaran (Rp)").fill("20.000.000");
  await page.getByLabel("Tahun anggaran").fill("2019");
  await page.getByTestId("save").click();
  // The saved sentra's page (the address pattern alone also matched /sentra/baru, so a slow save
  // could still be running when the next page was opened, and the sentra was never stored).
  await page.getByTestId("record-detail").waitFor();

  await page.goto(new URL("/", server.url).href);
  await expectHeading(page, "Beranda");
  assert.equal(await text(page.getByTestId("report-usaha-total")), "20 usaha tercatat");
  const row = (chart, label) =>
    text(page.getByTestId(chart).locator(".chart__row").filter({ hasText: label }).locator(".chart__value"));
  assert.equal(await row("chart-umkm", "Mikro"), "20");
  assert.equal(await row("chart-umkm", "Kecil"), "0");
  assert.equal(await row("chart-status", "Tidak aktif"), "7");
  assert.equal(await row("chart-status", "Tutup"), "6");
  assert.equal(await row("chart-usaha-tahun", "2025"), "20");
  assert.equal(await page.getByTestId("chart-usaha-kecamatan").locator(".chart__row").count(), 5);
  // Kabupaten Sumenep has 27 kecamatan; the sentra lies in one.
  assert.equal(await text(page.getByTestId("report-coverage")), "Sentra ada di 1 dari 27 kecamatan");
  assert.equal(await text(page.getByTestId("sentra-budget-total")), "Rp20.000.000");
  assert.equal(await row("chart-sentra-tahun", "2019"), "1");
  const reportMs = Number(await page.locator("body").getAttribute("data-report-ms"));
  assert.ok(reportMs >= 0, "the report's time is recorded");

  // A kecamatan narrows every figure; the address keeps it.
  await page.locator("#f-kecamatan").selectOption({ label: "Kota Sumenep" });
  await page.getByTestId("report-usaha-total").filter({ hasText: "4 usaha" }).waitFor();
  assert.match(page.url(), /kecamatan=35\.29\.01/);
  assert.equal(await page.getByTestId("report-sentra").count(), 0, "the sentra is in another kecamatan");
  await page.locator("#f-kecamatan").selectOption("");
  await page.getByTestId("report-usaha-total").filter({ hasText: "20 usaha" }).waitFor();

  // CSV of the Usaha: a header and 20 rows, phones masked.
  const csv = await download(page, "export-csv");
  assert.match(csv.name, /^sentra-sumenep-usaha-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parseCsv(csv.bytes.toString("utf8"));
  assert.equal(rows.length, 21);
  const phone = rows[0].indexOf("Telepon");
  assert.ok(phone >= 0 && rows[0].includes("Kelas UMKM (PP 7/2021)") && rows[0].includes("Kecamatan"));
  assert.ok(rows.slice(1).every((r) => /^0812•+\d{3}$/.test(r[phone])), "masked");
  assert.ok(rows.slice(1).some((r) => r.includes("Kalianget")), "kecamatan by name");
  await page.getByTestId("export-message").filter({ hasText: csv.name }).waitFor();

  // With personal data asked for, the phones are whole.
  await page.getByTestId("export-personal").check();
  const whole = parseCsv((await download(page, "export-csv")).bytes.toString("utf8"));
  assert.ok(whole.slice(1).every((r) => /^0812\d{8}$/.test(r[phone])), "whole phones");
  await page.getByTestId("export-personal").uncheck();

  // XLSX: one sheet per kind, the Usaha sheet with 21 rows, no phone in the clear.
  const xlsx = await download(page, "export-xlsx");
  assert.match(xlsx.name, /^sentra-sumenep-laporan-.*\.xlsx$/);
  const files = unzip(xlsx.bytes);
  const sheets = [...files["xl/workbook.xml"].matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(sheets, ["Usaha", "Sentra", "Survei Desa", "Kawasan IKM", "Kegiatan", "Mitra", "Jejaring"]);
  assert.equal((files["xl/worksheets/sheet1.xml"].match(/<row /g) ?? []).length, 21);
  assert.equal((files["xl/worksheets/sheet2.xml"].match(/<row /g) ?? []).length, 2);
  assert.ok(!/0812\d{8}/.test(files["xl/sharedStrings.xml"]), "phones masked in the workbook");
  assert.match(files["xl/sharedStrings.xml"], /Sentra Batik Pakandangan/);

  // The printable report: the same figures, no navigation or buttons when printed.
  await page.goto(new URL("/laporan?tahun=2025", server.url).href);
  await expectHeading(page, "Laporan");
  assert.match(await text(page.getByTestId("laporan-meta")), /^Kabupaten Sumenep · Dibuat \d{1,2} \S+ \d{4}\s*Saringan: Tahun 2025$/);
  await page.getByTestId("report-usaha-total").filter({ hasText: "20 usaha" }).waitFor();
  assert.equal(await page.getByTestId("report-sentra").count(), 0, "formed in 2019, not 2025");
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator(".topbar").isVisible(), false);
  assert.equal(await page.getByRole("button", { name: "Cetak" }).isVisible(), false);
  assert.equal(await page.getByTestId("chart-umkm").isVisible(), true);
  page.assertNoErrors();
});
