// When the device cannot keep data: a full disk, a browser that refuses storage (private mode),
// and an older Sentra in another tab blocking the database upgrade. Each gives a message an
// officer can act on, loses nothing typed, and changes nothing saved. The failures are made at
// the IndexedDB API in real Chromium, the way the browser reports them.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { diskFull, expectHeading, fillableDisk, launchBrowser, openPage, serverFor } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const FULL = "Penyimpanan perangkat penuh. Data belum tersimpan; isian Anda tetap di layar. Kosongkan ruang atau bagikan data lalu coba lagi.";
const PRIVATE = "Browser ini tidak mengizinkan penyimpanan (mungkin mode pribadi/penyamaran). Buka Sentra di jendela biasa agar data tersimpan.";
const BLOCKED = "Sentra terbuka di tab lain dengan versi lama. Tutup tab itu; halaman ini akan lanjut sendiri.";

async function fillMitra(page, name) {
  await page.getByLabel("Nama mitra").fill(name);
  await page.getByLabel("Jenis mitra").selectOption("investor");
}

test("a full disk refuses the save with a message, keeps the form and its draft", { timeout: 60_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser);
  await fillableDisk(page);
  await page.goto(new URL("/mitra/baru", server.url).href);
  await page.getByTestId("record-form").waitFor();
  await fillMitra(page, "Koperasi Penuh Harapan");
  await diskFull(page, true);
  await page.getByTestId("save").click();
  await page.getByTestId("form-outcome").filter({ hasText: FULL }).waitFor();
  assert.equal(await page.getByLabel("Nama mitra").inputValue(), "Koperasi Penuh Harapan", "nothing typed is lost");

  // Nothing was saved, and the draft is offered after a reload (the flag is gone: space freed).
  await page.goto(new URL("/mitra", server.url).href);
  await page.getByTestId("empty-state").waitFor();
  await page.goto(new URL("/mitra/baru", server.url).href);
  await page.getByTestId("draft-restore").click();
  assert.equal(await page.getByLabel("Nama mitra").inputValue(), "Koperasi Penuh Harapan");
  await page.getByTestId("save").click();
  await page.getByTestId("record-detail").waitFor();
  assert.equal((await page.getByTestId("record-title").textContent()).trim(), "Koperasi Penuh Harapan");
  page.assertNoErrors();
});

test("a browser that refuses storage says so on lists and forms, and keeps what was typed", { timeout: 60_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser);
  // What some private windows do: opening any database throws.
  await page.addInitScript(() => {
    IDBFactory.prototype.open = function () {
      throw new DOMException("The operation is insecure.", "SecurityError");
    };
  });
  await page.goto(new URL("/usaha", server.url).href);
  await expectHeading(page, "Usaha");
  await page.getByText(PRIVATE).waitFor();
  await page.goto(new URL("/mitra/baru", server.url).href);
  await page.getByTestId("record-form").waitFor();
  await fillMitra(page, "Investor Uji");
  await page.getByTestId("save").click();
  await page.getByTestId("form-outcome").filter({ hasText: PRIVATE }).waitFor();
  assert.equal(await page.getByLabel("Nama mitra").inputValue(), "Investor Uji");
});

test("an older Sentra open in another tab blocks the upgrade until it closes; data is kept", { timeout: 60_000 }, async (t) => {
  const server = await serverFor(t);
  const { context } = await openPage(t, browser);
  // The other tab: an older version of the app (database version 1) with one Mitra, which
  // does not close its connection when asked.
  const old = await context.newPage();
  await old.goto(new URL("/manifest.webmanifest", server.url).href);
  await old.evaluate(
    () =>
      new Promise((ok, fail) => {
        const req = indexedDB.open("sentra", 1);
        req.onupgradeneeded = () => {
          const db = req.result;
          for (const kind of ["usaha", "sentra", "survei_desa", "kawasan", "kegiatan", "mitra", "jejaring", "meta"]) {
            db.createObjectStore(kind);
          }
          const stamp = (wall) => ({ wall, counter: 0, device: "dev-lama" });
          const field = (value, wall) => ({ value, stamp: stamp(wall), by: "Petugas Lama" });
          const record = {
            id: "dev-lama-1-0",
            kind: "mitra",
            created: stamp(1),
            fields: { nama: field("Mitra Versi Lama", 2), jenis: field("ritel", 3) },
          };
          req.transaction.objectStore("mitra").put(JSON.stringify(record), record.id);
        };
        req.onsuccess = () => {
          globalThis.__db = req.result; // kept open, no onversionchange handler
          ok();
        };
        req.onerror = () => fail(req.error);
      }),
  );

  const page = await context.newPage();
  await page.goto(new URL("/mitra", server.url).href);
  await expectHeading(page, "Mitra");
  await page.getByText(BLOCKED).waitFor();

  await old.evaluate(() => globalThis.__db.close());
  await page.getByTestId("record-list").getByText("Mitra Versi Lama").waitFor();
  assert.equal(await page.getByText(BLOCKED).count(), 0, "the message goes once the upgrade ran");
});
