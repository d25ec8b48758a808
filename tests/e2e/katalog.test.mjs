// The product catalogue (issue 17) as an office prints it for a showcase: Beranda's link opens it
// under Beranda's filter; it holds the Usaha still active that have a photo of their products,
// each with that photo at full size, its village by name and its phone masked until the officer
// shows phones; on paper the controls are gone and the photos stay.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { axeViolations, chooseWorkArea, launchBrowser, openPage, seedUsaha, serverFor } from "./helpers.mjs";
import { twelveMegapixels } from "./photo-files.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test("the catalogue shows active businesses with product photos, phones masked, and prints them", { timeout: 150_000 }, async (t) => {
  const server = await serverFor(t);
  const at = (path) => new URL(path, server.url).href;
  const { page } = await openPage(t, browser, { viewport: { width: 360, height: 740 } });
  await chooseWorkArea(page, server.url);
  await page.goto(at("/usaha"));
  await page.getByTestId("empty-state").waitFor(); // the app has opened its database: seed after
  // Seeded: "Batik Sekar 0" active, "Tempe Sari 1" inactive, "Keripik Lestari 2" closed,
  // "Anyaman Jaya 3" active.
  await seedUsaha(page, 4);
  await page.reload();
  await page.getByTestId("usaha-list").waitFor();
  const dir = mkdtempSync(join(tmpdir(), "sentra-katalog-"));
  const addPhoto = async (name, jenis, seed) => {
    await page.goto(at("/usaha"));
    await page.getByTestId("usaha-list").getByRole("link", { name }).click();
    writeFileSync(join(dir, `${seed}.jpg`), await twelveMegapixels(page, seed, 2000, 1500));
    await page.getByTestId("photo-kind").selectOption(jenis);
    await page.getByTestId("photo-input").setInputFiles(join(dir, `${seed}.jpg`));
    await page.getByTestId("photo").locator("img.photos__thumb").waitFor({ timeout: 30_000 });
  };
  await addPhoto("Batik Sekar 0", "produk", 31);
  await addPhoto("Tempe Sari 1", "produk", 32); // not active: not in the catalogue
  await addPhoto("Anyaman Jaya 3", "tempat", 33); // no photo of its products

  await page.goto(at("/"));
  await page.getByRole("link", { name: "Katalog produk untuk dicetak" }).click();
  await page.getByTestId("page-title").filter({ hasText: "Katalog produk" }).waitFor();
  const items = page.getByTestId("katalog-item");
  await items.first().waitFor();
  assert.equal(await items.count(), 1);
  assert.equal((await page.getByTestId("katalog-count").textContent()).trim(), "1 usaha dengan foto produk");
  const item = items.first();
  assert.equal(await item.getByRole("heading").textContent(), "Batik Sekar 0");
  await item.getByText(/Kec\. /).waitFor();
  const photo = item.locator("img.katalog__photo");
  await photo.waitFor();
  await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await photo.elementHandle());
  assert.deepEqual(await photo.evaluate((img) => [img.naturalWidth, img.naturalHeight]), [1600, 1200], "the photo at full size, for paper");
  const phone = item.getByTestId("katalog-phone");
  assert.match(await phone.textContent(), /^0812•+\d{3}$/, "masked unless asked");
  await page.getByTestId("katalog-phones").check();
  assert.equal(await phone.textContent(), "081210000000");
  await page.getByText("Nomor telepon adalah data pribadi").waitFor();
  assert.deepEqual(await axeViolations(page), [], "axe finds nothing on the catalogue with an entry");

  // On paper: the heading that says who and when, the photo; not the controls.
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.getByTestId("katalog-phones").isVisible(), false);
  assert.equal(await page.getByRole("button", { name: "Cetak" }).isVisible(), false);
  assert.equal(await photo.isVisible(), true);
  assert.equal(await page.getByTestId("laporan-meta").isVisible(), true);
  // No profile name was filled in: the heading says when, and no "by" with nobody after it.
  const meta = await page.getByTestId("laporan-meta").textContent();
  assert.match(meta, /Dibuat \d{1,2} \S+ \d{4}/);
  assert.doesNotMatch(meta, /oleh/);
  await page.emulateMedia({ media: "screen" });

  // Beranda's filter narrows it: no Tempe business is both active and photographed.
  await page.goto(at("/katalog?komoditas=Tempe"));
  await page.getByTestId("empty-state").filter({ hasText: "Belum ada usaha aktif dengan foto produk" }).waitFor();
  page.assertNoErrors();
});
