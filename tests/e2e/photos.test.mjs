// Photos (issue 17) as an officer adds them on a phone: a 12-megapixel product photo taken on
// its side (EXIF orientation 6) and a file that is no photo, picked together on an Usaha's page;
// the photo shrunk in the worker (long side 1,600 px, orientation applied, no EXIF left), kept
// once under its SHA-256, shown as a thumbnail and full size, still there after a reload, and
// removed from the device with the record's last reference. A full disk keeps neither photo nor
// change. (Camera capture cannot run headless: a picked file takes the same path.)
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { chooseWorkArea, diskFull, fillableDisk, launchBrowser, openPage, pick, seedUsaha, serverFor } from "./helpers.mjs";
import { takenAt, takenOnItsSide, twelveMegapixels } from "./photo-files.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Every photo the app keeps: key → { size, width, height, sha256, exif }. */
function storedPhotos(page) {
  return page.evaluate(
    () =>
      new Promise((ok, fail) => {
        const req = indexedDB.open("sentra");
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          const store = req.result.transaction("photos").objectStore("photos");
          const keys = store.getAllKeys();
          const values = store.getAll();
          values.onsuccess = async () => {
            req.result.close();
            const out = {};
            for (let i = 0; i < keys.result.length; i++) {
              const bytes = values.result[i];
              const bitmap = await createImageBitmap(new Blob([bytes]));
              const hash = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)), (b) => b.toString(16).padStart(2, "0")).join("");
              const text = new TextDecoder("latin1").decode(bytes);
              out[keys.result[i]] = { size: bytes.byteLength, width: bitmap.width, height: bitmap.height, sha256: hash, exif: text.includes("Exif") };
            }
            ok(out);
          };
        };
      }),
  );
}

test("a product photo is shrunk, kept once by its hash, shown, kept over a reload and removed with its last reference", { timeout: 120_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser, { viewport: { width: 360, height: 740 } });
  await page.goto(new URL("/usaha", server.url).href);
  await page.getByTestId("empty-state").waitFor();
  await seedUsaha(page, 3);
  await page.reload();
  await page.getByTestId("usaha-list").getByRole("link", { name: "Keripik Lestari 2" }).click();
  const photos = page.getByTestId("photos");
  await photos.getByText("Belum ada foto.").waitFor();

  const dir = mkdtempSync(join(tmpdir(), "sentra-photo-"));
  const original = takenOnItsSide(await twelveMegapixels(page));
  writeFileSync(join(dir, "produk.jpg"), original);
  writeFileSync(join(dir, "catatan.txt"), "bukan foto");
  // An iPhone's HEIC (its header; Chromium decodes none) is named for what it is, with the way out.
  writeFileSync(join(dir, "IMG_0001.HEIC"), Buffer.concat([Buffer.from("000000186674797068656963", "hex"), Buffer.alloc(64)]));
  await page.getByTestId("photo-kind").selectOption("produk");
  await page.getByTestId("photo-input").setInputFiles([join(dir, "produk.jpg"), join(dir, "catatan.txt"), join(dir, "IMG_0001.HEIC")]);
  await page.getByTestId("photo-problems").filter({ hasText: "catatan.txt tidak bisa dibaca sebagai foto" }).waitFor({ timeout: 30_000 });
  await page.getByTestId("photo-problems").filter({ hasText: "IMG_0001.HEIC adalah foto HEIC (iPhone)" }).waitFor();
  const item = page.getByTestId("photo");
  await item.locator("img.photos__thumb").waitFor();
  assert.equal(await item.count(), 1);
  assert.equal((await item.locator(".photos__kind").textContent()).trim(), "Produk");

  const stored = await storedPhotos(page);
  const [[hash, photo]] = Object.entries(stored);
  assert.equal(await item.getAttribute("data-hash"), hash, "the record refers to the photo by its hash");
  assert.equal(photo.sha256, hash, "kept under the SHA-256 of its bytes");
  assert.deepEqual([photo.width, photo.height], [1200, 1600], "turned upright as EXIF says, long side 1,600 px");
  assert.ok(photo.size < 400_000 && photo.size > 20_000, `${photo.size} bytes`);
  assert.ok(original.length > photo.size * 3, `${original.length} bytes shrunk to ${photo.size}`);
  assert.equal(photo.exif, false, "no EXIF (place, camera) left in the kept photo");
  assert.notEqual(hash, createHash("sha256").update(original).digest("hex"));

  // Printed, the record's page shows its photo, not the controls to change it.
  await page.emulateMedia({ media: "print" });
  assert.equal(await item.locator("img.photos__thumb").isVisible(), true);
  for (const control of ["photo-input", "photo-kind", "photo-delete"]) {
    assert.equal(await page.getByTestId(control).isVisible(), false, `${control} printed`);
  }
  await page.emulateMedia({ media: "screen" });

  // Full size, then closed.
  await item.getByRole("button", { name: "Buka foto Produk ukuran penuh" }).click();
  const full = page.getByTestId("photo-full");
  await full.locator("img").waitFor();
  assert.deepEqual(await full.locator("img").evaluate((img) => [img.naturalWidth, img.naturalHeight]), [1200, 1600]);
  await full.getByRole("button", { name: "Tutup" }).click();
  await full.waitFor({ state: "detached" });

  // The same photo picked again is kept once.
  await page.getByTestId("photo-input").setInputFiles(join(dir, "produk.jpg"));
  await page.getByTestId("photo-busy").waitFor({ state: "detached", timeout: 30_000 });
  assert.equal(Object.keys(await storedPhotos(page)).length, 1);
  assert.equal(await page.getByTestId("photo").count(), 1);

  // The list shows the photo as the row's thumbnail.
  await page.goto(new URL("/usaha", server.url).href);
  const row = page.getByTestId("usaha-list").locator("li").filter({ hasText: "Keripik Lestari 2" });
  await row.locator("img.record-list__photo").waitFor();
  assert.equal(await page.getByTestId("usaha-list").locator("img.record-list__photo").count(), 1, "only the Usaha with a photo has one");
  await row.getByRole("link").click();
  await page.getByTestId("photos").waitFor();

  // The storage card says how much of what is used is photos.
  const detail = page.url();
  await page.goto(new URL("/pengaturan", server.url).href);
  await page.getByTestId("storage-photos").filter({ hasText: /^1 foto, \d+(,\d)? KB$/ }).waitFor();
  await page.goto(detail);
  await page.getByTestId("photo").locator("img.photos__thumb").waitFor();

  // Removed: the record no longer shows it, and no record refers to it, so the device drops it.
  await page.getByTestId("photo-delete").click();
  assert.equal((await page.getByTestId("photo-delete").textContent()).trim(), "Tekan lagi untuk menghapus", "a first tap only asks");
  assert.equal(await page.getByTestId("photo").count(), 1);
  await page.getByTestId("photo-delete").click();
  await photos.getByText("Belum ada foto.").waitFor();
  for (let i = 0; Object.keys(await storedPhotos(page)).length && i < 50; i++) await page.waitForTimeout(100);
  assert.deepEqual(await storedPhotos(page), {});
  page.assertNoErrors();
});

test("a photo another tab has just kept is not removed by this tab's start before its record refers to it", { timeout: 60_000 }, async (t) => {
  // A photo is kept a moment before the record referring to it is saved; a tab starting in
  // between (or holding records read before that save) must not take it for one no record needs.
  const server = await serverFor(t);
  const { page } = await openPage(t, browser);
  await page.goto(new URL("/usaha", server.url).href);
  await page.getByTestId("empty-state").waitFor();
  await seedUsaha(page, 1);
  await page.reload(); // the app's start brings the seeded database to its schema, photos included
  await page.getByTestId("usaha-list").waitFor();
  const stray = async (seed) => {
    const bytes = await twelveMegapixels(page, seed, 40, 30);
    return [createHash("sha256").update(bytes).digest("hex"), bytes.toString("base64")];
  };
  const [justKept, longAgo] = [await stray(21), await stray(22)];
  await page.evaluate(
    ([photos, minutes]) =>
      new Promise((ok, fail) => {
        const marks = {};
        const req = indexedDB.open("sentra");
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          let tx;
          try {
            tx = req.result.transaction("photos", "readwrite");
          } catch (e) {
            return fail(e);
          }
          photos.forEach(([hash, b64], i) => {
            tx.objectStore("photos").put(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)).buffer, hash);
            marks[hash] = Date.now() - minutes[i] * 60_000;
          });
          tx.oncomplete = () => {
            req.result.close();
            localStorage.setItem("sentra.photos.kept", JSON.stringify(marks));
            ok();
          };
          tx.onerror = () => fail(tx.error);
        };
      }),
    [[justKept, longAgo], [0, 11]],
  );
  assert.equal(Object.keys(await storedPhotos(page)).length, 2);
  // This tab starts again: the photo kept 11 minutes ago, with no record, goes; the one kept
  // just now stays for its record.
  await page.reload();
  for (let i = 0; (await storedPhotos(page))[longAgo[0]] && i < 100; i++) await page.waitForTimeout(100);
  assert.deepEqual(Object.keys(await storedPhotos(page)), [justKept[0]]);
  page.assertNoErrors();
});

test("a full disk refuses the photos with a message and keeps the record as it was", { timeout: 90_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser);
  await fillableDisk(page);
  await page.goto(new URL("/usaha", server.url).href);
  await page.getByTestId("empty-state").waitFor();
  await seedUsaha(page, 1);
  await page.reload();
  await page.getByTestId("usaha-list").getByRole("link").first().click();
  await page.getByTestId("photos").getByText("Belum ada foto.").waitFor();
  const dir = mkdtempSync(join(tmpdir(), "sentra-photo-"));
  writeFileSync(join(dir, "tempat.jpg"), await twelveMegapixels(page));
  await diskFull(page, true);
  await page.getByTestId("photo-input").setInputFiles(join(dir, "tempat.jpg"));
  await page.getByTestId("photo-problems").filter({ hasText: "Penyimpanan perangkat penuh: foto tidak disimpan." }).waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId("photo").count(), 0);
  await diskFull(page, false);
  await page.reload();
  await page.getByTestId("photos").getByText("Belum ada foto.").waitFor();
  assert.deepEqual(await storedPhotos(page), {});
  assert.equal(await page.getByTestId("usaha-name").textContent(), "Batik Sekar 0", "the record is as it was");
  page.assertNoErrors();
});

test("photos travel in a bundle when the officer shares 'dengan foto', and not 'tanpa foto'", { timeout: 150_000 }, async (t) => {
  const server = await serverFor(t);
  const at = (path) => new URL(path, server.url).href;
  const { page: a } = await openPage(t, browser, { viewport: { width: 360, height: 740 } });
  await a.goto(at("/usaha"));
  await a.getByTestId("empty-state").waitFor();
  await seedUsaha(a, 2);
  await a.reload();
  await a.getByTestId("usaha-list").getByRole("link", { name: "Tempe Sari 1" }).click();
  const dir = mkdtempSync(join(tmpdir(), "sentra-photo-"));
  writeFileSync(join(dir, "tempat.jpg"), await twelveMegapixels(a, 7));
  await a.getByTestId("photo-kind").selectOption("tempat");
  await a.getByTestId("photo-input").setInputFiles(join(dir, "tempat.jpg"));
  await a.getByTestId("photo").locator("img.photos__thumb").waitFor({ timeout: 30_000 });
  const [[hash, sent]] = Object.entries(await storedPhotos(a));

  // Sharing asks, with the size of each choice.
  const share = async (choice) => {
    await a.goto(at("/bagikan"));
    await a.getByTestId("share-all").click();
    const asked = a.getByTestId("photo-choice");
    await asked.waitFor();
    assert.match(await a.getByTestId("share-with-photos").textContent(), /^Dengan foto \(1 foto, ± \d+(,\d)? KB\)$/);
    assert.match(await a.getByTestId("share-without-photos").textContent(), /^Tanpa foto \(± \d+(,\d)? KB\)$/);
    const [download] = await Promise.all([a.waitForEvent("download"), a.getByTestId(choice).click()]);
    return download.path();
  };
  const withPhotos = await share("share-with-photos");
  const withoutPhotos = await share("share-without-photos");
  const { readFileSync } = await import("node:fs");
  const carried = JSON.parse(readFileSync(withPhotos, "utf8"));
  assert.equal(carried.version, "1.4");
  assert.deepEqual(carried.photos.map((p) => p.sha256), [hash]);
  assert.equal(JSON.parse(readFileSync(withoutPhotos, "utf8")).photos, undefined);

  // Officer B receives the file with photos: the photo is there, the same bytes.
  const receive = async (file) => {
    const { page: b } = await openPage(t, browser, { viewport: { width: 360, height: 740 } });
    await b.goto(at("/bagikan"));
    await b.getByTestId("import-file").setInputFiles(file);
    await b.getByTestId("import-apply").click();
    await b.getByTestId("import-result").filter({ hasText: "Berkas sudah digabungkan" }).waitFor({ timeout: 30_000 });
    await b.goto(at("/usaha"));
    await b.getByTestId("usaha-list").getByRole("link", { name: "Tempe Sari 1" }).click();
    await b.getByTestId("photo").waitFor();
    assert.equal(await b.getByTestId("photo").getAttribute("data-hash"), hash);
    return b;
  };
  const b = await receive(withPhotos);
  await b.getByTestId("photo").locator("img.photos__thumb").waitFor();
  assert.deepEqual((await storedPhotos(b))[hash], sent, "the photo arrived as it left");

  // Officer C receives the file without photos: the record says it has one, not yet here.
  const c = await receive(withoutPhotos);
  await c.getByTestId("photo").getByText("Foto belum ada di perangkat ini").waitFor();
  assert.deepEqual(await storedPhotos(c), {});

  // A file of the changes since the last one carries only the photos added since photos last
  // left the device: the first went with the file "dengan foto" above.
  await a.goto(at("/usaha"));
  await a.getByTestId("usaha-list").getByRole("link", { name: "Tempe Sari 1" }).click();
  writeFileSync(join(dir, "produk.jpg"), await twelveMegapixels(a, 8));
  await a.getByTestId("photo-kind").selectOption("produk");
  await a.getByTestId("photo-input").setInputFiles(join(dir, "produk.jpg"));
  await a.getByTestId("photos").locator("img.photos__thumb").nth(1).waitFor({ timeout: 30_000 });
  const added = Object.keys(await storedPhotos(a)).find((h) => h !== hash);
  await a.goto(at("/bagikan"));
  await a.getByTestId("share-changes").click();
  await a.getByTestId("photo-choice").waitFor();
  assert.match(await a.getByTestId("share-with-photos").textContent(), /^Dengan foto \(1 foto, ± \d+(,\d)? KB\)$/);
  const [since] = await Promise.all([a.waitForEvent("download"), a.getByTestId("share-with-photos").click()]);
  const changes = JSON.parse(readFileSync(await since.path(), "utf8"));
  assert.equal(changes.records.length, 1);
  assert.deepEqual(changes.photos.map((p) => p.sha256), [added], "only the photo added since");
  for (const p of [a, b, c]) p.assertNoErrors();
});

test("a Sentra's photo shows on its page and as its row's thumbnail in the Sentra list", { timeout: 90_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser, { viewport: { width: 360, height: 740 } });
  const at = (path) => new URL(path, server.url).href;
  await chooseWorkArea(page, server.url);
  for (const name of ["Sentra Batik Pakandangan", "Sentra Anyaman Bluto"]) {
    await page.goto(at("/sentra/baru"));
    await page.getByLabel("Nama sentra").fill(name);
    await page.getByLabel("Status sentra").selectOption("terbentuk");
    await page.getByLabel("Tahun terbentuk").fill("2019");
    await pick(page, "desa", "pakandangan barat", "Pakandangan Barat");
    await page.getByTestId("save").click();
    await page.getByTestId("record-detail").waitFor();
  }
  assert.deepEqual(await page.getByTestId("photo-kind").locator("option").allTextContents(), ["Lokasi", "Produk"]);
  const dir = mkdtempSync(join(tmpdir(), "sentra-photo-"));
  writeFileSync(join(dir, "lokasi.jpg"), await twelveMegapixels(page, 11, 2000, 1500));
  await page.getByTestId("photo-input").setInputFiles(join(dir, "lokasi.jpg"));
  await page.getByTestId("photo").locator("img.photos__thumb").waitFor({ timeout: 30_000 });
  await page.goto(at("/sentra"));
  const list = page.getByTestId("record-list");
  await list.locator("li").filter({ hasText: "Sentra Anyaman Bluto" }).locator("img.record-list__photo").waitFor();
  assert.equal(await list.locator("img.record-list__photo").count(), 1, "only the sentra with a photo has one");
  page.assertNoErrors();
});

test("where a photo was taken fills the record's coordinates only when the officer asks", { timeout: 90_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser, { viewport: { width: 360, height: 740 } });
  await page.goto(new URL("/usaha", server.url).href);
  await page.getByTestId("empty-state").waitFor();
  await seedUsaha(page, 1);
  await page.reload();
  await page.getByTestId("usaha-list").getByRole("link").first().click();
  const dir = mkdtempSync(join(tmpdir(), "sentra-photo-"));
  const taken = async (seed) => {
    const file = join(dir, `tempat-${seed}.jpg`);
    writeFileSync(file, takenAt(await twelveMegapixels(page, seed, 2000, 1500), -7.0123, 113.8615));
    return file;
  };
  // Not asked: the place in the file goes nowhere.
  await page.getByTestId("photo-input").setInputFiles(await taken(21));
  await page.getByTestId("photo").nth(0).locator("img").waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId("fact-lat").count(), 0);
  assert.equal(Object.values(await storedPhotos(page))[0].exif, false);
  // Asked: the record takes the coordinates, and is no longer offered them.
  await page.getByTestId("photo-place").check();
  await page.getByTestId("photo-input").setInputFiles(await taken(22));
  await page.getByTestId("photo").nth(1).locator("img").waitFor({ timeout: 30_000 });
  assert.match(await page.getByTestId("fact-lat").textContent(), /^-7\.0123\d*, 113\.8615\d*/);
  await page.getByTestId("photo-place").waitFor({ state: "detached" });
  page.assertNoErrors();
});
