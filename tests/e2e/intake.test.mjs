// Issue 16, bringing an office's lists in: the workbook reader (src/bin/import_worker.rs) reads
// an XLSX as offices keep them (titles, a merged two-row header, dates, numbers stored as text)
// and CSV in the browser, is not part of a first visit's download, and once fetched reads
// offline too.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { countingProxy, expectHeading, launchBrowser, openPage, serverFor, waitForServiceWorkerControl } from "./helpers.mjs";
import { xlsx } from "./workbook.mjs";

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
          ok(typeof e.data === "string" ? { error: e.data } : { bytes: Array.from(e.data) });
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
