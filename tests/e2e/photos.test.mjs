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
import { diskFull, fillableDisk, launchBrowser, openPage, seedUsaha, serverFor } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A 4000 × 3000 JPEG made in the page (a product shot: shapes, text, gradients), as bytes. */
async function twelveMegapixels(page) {
  const b64 = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(4000, 3000);
    const c = canvas.getContext("2d");
    const g = c.createLinearGradient(0, 0, 4000, 3000);
    g.addColorStop(0, "#f4e1c1");
    g.addColorStop(1, "#7a4a21");
    c.fillStyle = g;
    c.fillRect(0, 0, 4000, 3000);
    for (let i = 0; i < 60; i++) {
      c.fillStyle = `hsl(${(i * 37) % 360} 60% 45%)`;
      c.beginPath();
      c.arc(200 + ((i * 613) % 3600), 200 + ((i * 389) % 2600), 60 + (i % 7) * 25, 0, 2 * Math.PI);
      c.fill();
    }
    c.fillStyle = "#111";
    c.font = "bold 220px sans-serif";
    c.fillText("KERIPIK TEMPE BU ANI", 300, 1600);
    const blob = await canvas.convertToBlob({ type: "image/jpeg", quality: 0.92 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = "";
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  });
  return Buffer.from(b64, "base64");
}

/** `jpeg` with an EXIF segment saying "rotate 90° clockwise to show" (orientation 6) and a GPS tag. */
function takenOnItsSide(jpeg) {
  const tiff = Buffer.from([
    0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, // little-endian TIFF, first IFD at 8
    0x02, 0x00, // two entries
    0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00, // Orientation = 6
    0x25, 0x88, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x26, 0x00, 0x00, 0x00, // GPS IFD at 38
    0x00, 0x00, 0x00, 0x00, // no next IFD
    0x00, 0x00, 0x00, 0x00, // the GPS IFD: no entries, no next
  ]);
  const body = Buffer.concat([Buffer.from("Exif\0\0", "latin1"), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}

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
  await page.getByTestId("photo-kind").selectOption("produk");
  await page.getByTestId("photo-input").setInputFiles([join(dir, "produk.jpg"), join(dir, "catatan.txt")]);
  await page.getByTestId("photo-problems").filter({ hasText: "catatan.txt tidak bisa dibaca sebagai foto" }).waitFor({ timeout: 30_000 });
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

  await page.reload();
  await page.getByTestId("photo").locator("img.photos__thumb").waitFor();

  // Removed: the record no longer shows it, and no record refers to it, so the device drops it.
  await page.getByTestId("photo-delete").click();
  await photos.getByText("Belum ada foto.").waitFor();
  for (let i = 0; Object.keys(await storedPhotos(page)).length && i < 50; i++) await page.waitForTimeout(100);
  assert.deepEqual(await storedPhotos(page), {});
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
