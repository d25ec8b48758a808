// Issue 16, bringing an office's lists in: the workbook reader (src/bin/import_worker.rs) reads
// an XLSX as offices keep them (titles, a merged two-row header, dates, numbers stored as text)
// and CSV in the browser, is not part of a first visit's download, and once fetched reads
// offline too.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { chooseWorkArea, countingProxy, expectHeading, launchBrowser, openPage, pick, serverFor, waitForServiceWorkerControl } from "./helpers.mjs";
import { officeList, sentraList, unzip, xlsx } from "./workbook.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Reads a file in the page through the import worker, as the app does: its sheets as JSON. */
function readInWorker(page, name, bytes) {
  return page.evaluate(
    ([name, bytes]) =>
      new Promise((ok) => {
        const w = new Worker("/import_worker_loader.js");
        w.onerror = (e) => ok({ error: `worker: ${e.message}` });
        w.onmessage = (e) => {
          if (typeof e.data === "string" && e.data.startsWith("siap:")) {
            w.postMessage([name, new Uint8Array(bytes)]);
            return;
          }
          w.terminate();
          // An array of pieces, each postcard bytes of some rows of a sheet.
          ok(typeof e.data === "string" ? { error: e.data } : { bytes: e.data.flatMap((p) => Array.from(p)) });
        };
        setTimeout(() => ok({ error: "timed out" }), 20_000);
      }),
    [name, [...bytes]],
  );
}

test("the workbook reader reads office lists, is fetched only when used, and then works offline", { timeout: 120_000 }, async (t) => {
  const server = await serverFor(t);
  const proxy = await countingProxy(server);
  t.after(() => proxy.close());
  const { page } = await openPage(t, browser);
  const fetched = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(proxy.url);
  await expectHeading(page, "Beranda");
  await waitForServiceWorkerControl(page);
  await page.getByTestId("offline-ready").waitFor();
  assert.ok(!fetched.some((p) => p.startsWith("/import_worker")), "not part of the first visit");

  const book = xlsx([
    {
      name: "IKM 2017",
      rows: [
        ["DATA IKM KABUPATEN CONTOH TAHUN 2017"],
        [],
        ["No", "Nama Usaha", "Alamat", null, "Tenaga Kerja", null, "Tanggal Pendataan"],
        [null, null, "Desa/Kel", "Kecamatan", "L", "P", null],
        [1, "Kripik Maju", "Aeng Tong-Tong", "Saronggi", 2, 3, { date: "2017-05-20" }],
        [2, "Tempe Bu Sri", "Kerta Sade", "Kalianget", "4", 0, "20 Mei 2017"],
      ],
      merges: ["C3:D3", "E3:F3", "A1:G1"],
    },
    { name: "Catatan", rows: [["dibuat untuk uji"]] },
  ]);
  const read = await readInWorker(page, "ikm-2017.xlsx", book);
  assert.ok(read.bytes, read.error);
  // postcard of Vec<Table>: checked by shape here, by value in the native tests.
  const text = Buffer.from(read.bytes).toString("latin1");
  for (const s of ["IKM 2017", "Catatan", "Kripik Maju", "Aeng Tong-Tong", "20 Mei 2017", "Tanggal Pendataan"]) {
    assert.ok(text.includes(s), s);
  }
  assert.ok(fetched.includes("/import_worker_bg.wasm"), "fetched when first used");

  // A CSV as Excel in Indonesia saves it (semicolons), read by the same worker.
  const csv = Buffer.from("Nama Usaha;Desa;Omzet\r\nBatik Sekar;Pakandangan;Rp 20.000.000\r\n", "utf8");
  const fromCsv = await readInWorker(page, "ikm-2018.csv", csv);
  assert.ok(fromCsv.bytes, fromCsv.error);
  assert.ok(Buffer.from(fromCsv.bytes).toString("latin1").includes("Rp 20.000.000"));

  // Once fetched, it is kept: the server gone, the reader still starts and reads.
  await server.stop();
  const offline = await readInWorker(page, "ikm-2017.xlsx", book);
  assert.ok(offline.bytes, offline.error);
  page.assertNoErrors();
});

test("a file that is neither a workbook nor text is refused in words an officer understands", { timeout: 60_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser);
  await page.goto(server.url);
  await expectHeading(page, "Beranda");
  const broken = Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(64, 7)]);
  const read = await readInWorker(page, "rusak.xlsx", broken);
  assert.match(read.error ?? "", /tidak terbaca sebagai buku kerja/);
});

test("an office's 6,000-row workbook: checked, villages chosen, refused rows downloaded, imported once", { timeout: 300_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser, { acceptDownloads: true });
  await chooseWorkArea(page, server.url);
  await page.goto(new URL("/bagikan", server.url).href);
  await page.getByTestId("intake-link").click();
  await expectHeading(page, "Impor daftar Excel/CSV");

  // The blank template: the headers an import understands, an example row and a guide sheet.
  const [blank] = await Promise.all([page.waitForEvent("download"), page.getByTestId("intake-template").click()]);
  assert.equal(blank.suggestedFilename(), "sentra-templat-daftar-usaha.xlsx");
  const template = unzip(readFileSync(await blank.path()));
  assert.deepEqual([...template["xl/workbook.xml"].matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]), ["Usaha", "Petunjuk"]);
  assert.match(template["xl/sharedStrings.xml"], /Nama usaha.*Desa\/kelurahan/s);

  const file = { name: "ikm-sumenep-2017.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: officeList(6000) };
  await page.getByTestId("intake-file").setInputFiles(file);
  await page.getByTestId("intake-mapping").waitFor({ timeout: 60_000 });
  assert.equal(await page.getByTestId("intake-layout").textContent(), "Judul kolom di baris 3; data mulai baris 5.");
  assert.equal(await page.getByTestId("intake-year").inputValue(), "2017", "the year from the title");
  const chosen = async (c) => page.getByTestId(`intake-column-${c}`).inputValue();
  assert.deepEqual(
    [await chosen(1), await chosen(2), await chosen(3), await chosen(4), await chosen(5), await chosen(6), await chosen(7), await chosen(8)],
    ["nama", "pemilik", "telepon", "desa_nama", "kecamatan_nama", "tenaga_kerja", "modal", "diverifikasi"],
  );

  // The check shows a progress bar while it runs (6,000 rows take about a second here).
  await page.evaluate(() => {
    window.sawProgress = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="intake-progress"] progress')) window.sawProgress = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.getByTestId("intake-check").click();
  await page.getByTestId("intake-plan").waitFor({ timeout: 120_000 });
  assert.equal(await page.evaluate(() => window.sawProgress), true, "a progress bar while checking");
  const count = async (id) => (await page.getByTestId(id).locator(".tile__count").textContent()).trim();
  assert.deepEqual(
    [await count("intake-new"), await count("intake-same"), await count("intake-refused")],
    ["5.995", "1", "4"],
  );
  const refused = await page.getByTestId("intake-refused-list").textContent();
  assert.match(refused, /Baris 103: Desa\/kelurahan: Desa ini tidak ditemukan/);
  assert.match(refused, /Baris 104: Modal usaha[^:]*: Bukan jumlah rupiah/);
  assert.match(refused, /Baris 105: [^:]*: Nomor telepon Indonesia/);
  assert.match(await page.getByTestId("intake-same-list").textContent(), /Baris 102 sama dengan baris 101/);

  // Row 102 is another business after all (the officer knows the village): taken as new, and
  // back again; each change checks the rows again.
  await page.getByTestId("intake-new-row-102").check();
  await page.getByTestId("intake-new").filter({ hasText: "5.996" }).waitFor({ timeout: 120_000 });
  assert.equal(await count("intake-same"), "0");
  await page.getByTestId("intake-new-row-102").uncheck();
  await page.getByTestId("intake-same").filter({ hasText: "1" }).waitFor({ timeout: 120_000 });

  // The officer chooses Poteran of Ra'as; the check runs again.
  const place = page.getByTestId("intake-places").locator("select");
  await place.selectOption({ label: "Poteran, Kec. Ra'as, Kabupaten Sumenep" });
  await page.getByTestId("intake-new").filter({ hasText: "5.996" }).waitFor({ timeout: 120_000 });
  assert.equal(await count("intake-refused"), "3");

  // The refused rows as a workbook: the file's header, the rows as they were, the reasons.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("intake-download-refused").click()]);
  assert.equal(download.suggestedFilename(), "ikm-sumenep-2017-ditolak.xlsx");
  const parts = unzip(readFileSync(await download.path()));
  const sheetXml = parts["xl/worksheets/sheet1.xml"];
  assert.equal((sheetXml.match(/<row /g) ?? []).length, 4, "the header and three rows");
  assert.match(parts["xl/sharedStrings.xml"], /Alasan ditolak/);
  assert.match(parts["xl/sharedStrings.xml"], /Kampung Entah/);
  assert.match(parts["xl/sharedStrings.xml"], /Baris 104: Modal usaha[^<]*Bukan jumlah rupiah/);

  await page.getByTestId("intake-apply").click();
  await page.getByTestId("intake-message").filter({ hasText: "Selesai: 5.996 usaha baru, 0 diperbarui" }).waitFor({ timeout: 120_000 });

  // Beranda counts them in 2017, the list's year, not in the year they were imported.
  await page.goto(new URL("/?tahun=2017", server.url).href);
  await page.getByTestId("report-usaha-total").filter({ hasText: "5.996 usaha" }).waitFor({ timeout: 30_000 });

  // The same file again: every business already here, nothing to import.
  await page.goto(new URL("/impor", server.url).href);
  await page.getByTestId("intake-file").setInputFiles(file);
  await page.getByTestId("intake-check").click();
  await page.getByTestId("intake-plan").waitFor({ timeout: 120_000 });
  assert.equal(await count("intake-unchanged"), "5.996");
  assert.equal(await count("intake-new"), "0");
  assert.equal(await page.getByTestId("intake-apply").isDisabled(), true);
  page.assertNoErrors();
});

test("an office's list shared from another app opens on the import page", { timeout: 120_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser);
  await chooseWorkArea(page, server.url);
  await waitForServiceWorkerControl(page);
  // What the system does for the manifest's share_target: a POST of the file to /bagikan, which
  // only the service worker answers; a workbook is sent on to the import page.
  await page.evaluate(() => {
    const form = Object.assign(document.createElement("form"), { method: "post", enctype: "multipart/form-data", action: "/bagikan", id: "share-target" });
    form.append(Object.assign(document.createElement("input"), { type: "file", name: "berkas" }));
    document.body.append(form);
  });
  const book = xlsx([{ name: "Sheet1", rows: [["Nama Usaha", "Desa", "Kecamatan"], ["Kripik Maju", "Aengtongtong", "Saronggi"]] }]);
  await page.locator("#share-target input").setInputFiles({ name: "IKM Sumenep 2018.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: book });
  await Promise.all([
    page.waitForURL((url) => url.pathname === "/impor" && url.searchParams.has("terima")),
    page.evaluate(() => document.getElementById("share-target").submit()),
  ]);
  await page.getByTestId("intake-mapping").waitFor({ timeout: 60_000 });
  await page.waitForURL((url) => url.pathname === "/impor" && url.search === "");
  assert.equal(await page.getByTestId("intake-year").inputValue(), "2018", "the year from the file's name");
  await page.getByTestId("intake-check").click();
  await page.getByTestId("intake-plan").waitFor({ timeout: 60_000 });
  assert.equal((await page.getByTestId("intake-new").locator(".tile__count").textContent()).trim(), "1");
  page.assertNoErrors();
});

test("an office's Sentra list: its kind guessed, a sentra already here updated, a row refused, the rest in the Sentra list", { timeout: 180_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser, { acceptDownloads: true });
  await chooseWorkArea(page, server.url);

  // A sentra entered by hand, planned, without its commodity.
  await page.goto(new URL("/sentra/baru", server.url).href);
  await page.getByLabel("Nama sentra").fill("Sentra Tenun Pakandangan");
  await pick(page, "desa", "pakandangan barat", "Pakandangan Barat");
  await page.getByTestId("save").click();
  await page.getByTestId("last-change").waitFor();

  await page.goto(new URL("/impor", server.url).href);
  await expectHeading(page, "Impor daftar Excel/CSV");
  // The Sentra template: its own headers, an example row and the guide.
  const [blank] = await Promise.all([page.waitForEvent("download"), page.getByTestId("intake-template-sentra").click()]);
  assert.equal(blank.suggestedFilename(), "sentra-templat-daftar-sentra.xlsx");
  const template = unzip(readFileSync(await blank.path()));
  assert.deepEqual([...template["xl/workbook.xml"].matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]), ["Sentra", "Petunjuk"]);
  assert.match(template["xl/sharedStrings.xml"], /Nama sentra.*Status sentra.*Tahun terbentuk/s);

  const file = { name: "daftar-sumenep.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: sentraList(30) };
  await page.getByTestId("intake-file").setInputFiles(file);
  await page.getByTestId("intake-mapping").waitFor({ timeout: 60_000 });
  // Guessed from the headers: a Sentra list, which keeps no list year.
  assert.equal(await page.getByTestId("intake-kind-sentra").isChecked(), true);
  assert.equal(await page.getByTestId("intake-year").count(), 0);
  const chosen = async (c) => page.getByTestId(`intake-column-${c}`).inputValue();
  const columns = async () => Promise.all([1, 2, 3, 4, 5, 6, 7].map(chosen));
  assert.deepEqual(await columns(), ["nama", "komoditas", "desa_nama", "kecamatan_nama", "", "tahun_terbentuk", "status"]);
  // The officer may read it as an Usaha list instead, and back.
  await page.getByTestId("intake-kind-usaha").check();
  await page.getByTestId("intake-year").waitFor();
  assert.notEqual(await chosen(6), "tahun_terbentuk");
  await page.getByTestId("intake-kind-sentra").check();
  await page.getByTestId("intake-year").waitFor({ state: "detached" });
  assert.deepEqual(await columns(), ["nama", "komoditas", "desa_nama", "kecamatan_nama", "", "tahun_terbentuk", "status"]);

  await page.getByTestId("intake-check").click();
  await page.getByTestId("intake-plan").waitFor({ timeout: 60_000 });
  const count = async (id) => (await page.getByTestId(id).locator(".tile__count").textContent()).trim();
  assert.deepEqual(
    [await count("intake-new"), await count("intake-updated"), await count("intake-refused")],
    ["28", "1", "1"],
  );
  assert.match(await page.getByTestId("intake-same-list").textContent(), /Baris 13 memperbarui Sentra Tenun Pakandangan/);
  assert.match(await page.getByTestId("intake-refused-list").textContent(), /Baris 23: Status sentra: /);
  assert.match(await page.getByTestId("intake-apply").textContent(), /Impor 29 sentra/);
  await page.getByTestId("intake-apply").click();
  await page.getByTestId("intake-message").filter({ hasText: "Selesai: 28 sentra baru, 1 diperbarui" }).waitFor({ timeout: 60_000 });

  // In the Sentra list: the 28 new ones and the one entered by hand, now with its commodity.
  await page.goto(new URL("/sentra", server.url).href);
  await page.getByTestId("record-list").waitFor();
  assert.equal((await page.getByTestId("record-count").textContent()).trim(), "29 dari 29 data");
  await page.getByTestId("record-search").fill("Tenun Pakandangan");
  await page.getByTestId("record-count").filter({ hasText: "1 dari 29 data" }).waitFor();
  assert.match(await page.getByTestId("record-list").textContent(), /Tenun ikat/);
  page.assertNoErrors();
});
