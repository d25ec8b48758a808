// The app shell as an officer meets it: every page, navigation on a phone and a laptop, by
// keyboard, the language switch, settings, and working with the server gone.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  controllingBuildId,
  copyOfDist,
  expectHeading,
  launchBrowser,
  openPage,
  serverFor,
  startServer,
  waitForServiceWorkerControl,
} from "./helpers.mjs";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// path, Indonesian heading, English heading, has an empty state
const ROUTES = [
  ["/", "Beranda", "Home", true],
  ["/usaha", "Usaha", "Businesses", true],
  ["/sentra", "Sentra", "Sentra", true],
  ["/survei-desa", "Survei Desa", "Village Surveys", true],
  ["/kawasan-ikm", "Kawasan IKM", "IKM Areas", true],
  ["/kegiatan", "Kegiatan", "Activities", true],
  ["/mitra", "Mitra", "Partners", true],
  ["/jejaring", "Jejaring", "Networking", true],
  ["/bagikan", "Bagikan", "Share", true],
  ["/pengaturan", "Pengaturan", "Settings", false],
  ["/tentang", "Tentang", "About", false],
];

let browser;
let server;
before(async () => {
  browser = await launchBrowser();
  server = await startServer();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});
const at = (path) => new URL(path, server.url).href;

test("every route renders its own page, in Indonesian by default", { timeout: 60_000 }, async (t) => {
  const { context, page } = await openPage(t, browser);
  for (const [path, heading, , hasEmptyState] of ROUTES) {
    await page.goto(at(path));
    await expectHeading(page, heading);
    assert.equal(await page.title(), `${heading} · Sentra`);
    assert.equal(await page.locator(`#main-nav a[href="${path}"]`).getAttribute("aria-current"), "page", path);
    assert.equal(await page.locator('#main-nav a[aria-current="page"]').count(), 1, path);
    assert.equal(await page.locator('[data-testid="empty-state"]').count(), hasEmptyState ? 1 : 0, path);
  }
  assert.equal(await page.getAttribute("html", "lang"), "id");
  await page.goto(at("/tidak-ada-halaman-ini"));
  await expectHeading(page, "Halaman tidak ditemukan");
  await page.getByRole("link", { name: "Kembali ke Beranda" }).click();
  await expectHeading(page, "Beranda");
  page.assertNoErrors();
});

test("on a 360 px phone the menu works by keyboard and nothing overflows", { timeout: 60_000 }, async (t) => {
  const { context, page } = await openPage(t, browser, { viewport: { width: 360, height: 740 }, hasTouch: true });
  await page.goto(at("/"));
  await expectHeading(page, "Beranda");
  const nav = page.locator("#main-nav");
  const menu = page.getByTestId("menu-button");
  assert.equal(await nav.isVisible(), false, "the page list starts folded away on a phone");
  assert.ok(await menu.isVisible());

  // Tab order: skip link, brand, menu button.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Langsung ke isi halaman");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "menu-button");
  await page.keyboard.press("Enter");
  assert.ok(await nav.isVisible());
  assert.equal(await menu.getAttribute("aria-expanded"), "true");
  assert.equal(await menu.getAttribute("aria-label"), "Tutup menu");

  // Escape folds it and gives focus back to the button.
  await page.keyboard.press("Escape");
  assert.equal(await nav.isVisible(), false);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "menu-button");

  // Open again, Tab to the second page (Usaha), Enter: the page opens and the menu folds.
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Usaha");
  await page.keyboard.press("Enter");
  await expectHeading(page, "Usaha");
  assert.equal(new URL(page.url()).pathname, "/usaha");
  assert.equal(await nav.isVisible(), false);

  // Nothing wider than the screen, on every page.
  for (const [path, heading] of ROUTES) {
    await page.goto(at(path));
    await expectHeading(page, heading);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${path} is ${width}px wide on a 360px screen`);
  }
  page.assertNoErrors();
});

test("on a laptop the page list is always shown and the skip link reaches the content", { timeout: 30_000 }, async (t) => {
  const { context, page } = await openPage(t, browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(at("/kegiatan"));
  await expectHeading(page, "Kegiatan");
  assert.ok(await page.locator("#main-nav").isVisible());
  assert.equal(await page.getByTestId("menu-button").isVisible(), false);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "main");
  await page.locator("#main-nav").getByRole("link", { name: "Tentang" }).click();
  await expectHeading(page, "Tentang");
  assert.ok(await page.getByTestId("licences").getByRole("cell", { name: "leptos", exact: true }).isVisible());
  page.assertNoErrors();
});

test("switching to English changes the interface and survives a reload", { timeout: 30_000 }, async (t) => {
  const { context, page } = await openPage(t, browser);
  await page.goto(at("/pengaturan"));
  await expectHeading(page, "Pengaturan");
  await page.getByLabel("English").check();
  await expectHeading(page, "Settings");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal(await page.title(), "Settings · Sentra");
  assert.ok(await page.locator("#main-nav").getByRole("link", { name: "Businesses" }).count());

  await page.reload();
  await expectHeading(page, "Settings");
  assert.equal(await page.getByLabel("English").isChecked(), true);
  await page.goto(at("/usaha"));
  await expectHeading(page, "Businesses");
  assert.equal(await page.getByTestId("empty-state").textContent(), "No businesses recorded yet.");

  await page.goto(at("/pengaturan"));
  await page.getByLabel("Bahasa Indonesia").check();
  await expectHeading(page, "Pengaturan");
  assert.equal(await page.getAttribute("html", "lang"), "id");
  page.assertNoErrors();
});

test("settings show the storage persistence state the browser reports, and its space", { timeout: 30_000 }, async (t) => {
  const { context, page } = await openPage(t, browser);
  await page.goto(at("/pengaturan"));
  await expectHeading(page, "Pengaturan");
  const state = page.getByTestId("storage-persistent");
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="storage-persistent"]');
    return el && el.dataset.state !== "checking";
  });
  const persisted = await page.evaluate(() => navigator.storage.persisted());
  assert.equal(await state.getAttribute("data-state"), persisted ? "yes" : "no");
  assert.match(await state.textContent(), persisted ? /^Ya/ : /^Belum/);
  // The button to ask again is offered exactly when storage is not persistent.
  assert.equal(await page.getByTestId("storage-request").count(), persisted ? 0 : 1);
  assert.match(await page.getByTestId("storage-used").textContent(), /^\d+(,\d)? (B|KB|MB|GB)$/);
  assert.match(await page.getByTestId("storage-available").textContent(), /^\d+(,\d)? (B|KB|MB|GB|TB)$/);
  page.assertNoErrors();
});

test("the officer profile is checked, saved, and kept with one device id", { timeout: 30_000 }, async (t) => {
  const { context, page } = await openPage(t, browser);
  await page.goto(at("/pengaturan"));
  await expectHeading(page, "Pengaturan");
  const deviceId = await page.getByTestId("device-id").textContent();
  assert.match(deviceId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

  await page.getByRole("button", { name: "Simpan profil" }).click();
  assert.equal(await page.locator("#profile-name-error").textContent(), "Nama petugas wajib diisi.");
  assert.equal(await page.locator("#profile-office-error").textContent(), "Kantor wajib diisi.");
  assert.equal(await page.getByTestId("profile-outcome").textContent(), "Profil belum tersimpan. Periksa isian yang ditandai.");

  await page.getByLabel("Nama petugas").fill("  Petugas Uji <b>Satu</b> ");
  await page.getByLabel(/^Nama kantor/).fill("Kabupaten Contoh");
  await page.getByRole("button", { name: "Simpan profil" }).click();
  assert.equal(await page.getByTestId("profile-outcome").textContent(), "Profil tersimpan.");
  assert.equal(await page.locator("#profile-name-error").textContent(), "");

  await page.reload();
  await expectHeading(page, "Pengaturan");
  assert.equal(await page.getByLabel("Nama petugas").inputValue(), "Petugas Uji <b>Satu</b>");
  assert.equal(await page.getByLabel(/^Nama kantor/).inputValue(), "Kabupaten Contoh");
  assert.equal(await page.getByTestId("device-id").textContent(), deviceId);
  assert.equal(await page.locator("b").count(), 0, "typed markup stays text");
  page.assertNoErrors();
});

test("after the first load the app and a deep route open with the server stopped", { timeout: 60_000 }, async (t) => {
  const own = await serverFor(t);
  const { context, page } = await openPage(t, browser);
  await page.goto(own.url);
  await expectHeading(page, "Beranda");
  await waitForServiceWorkerControl(page);
  await page.getByTestId("offline-ready").waitFor();

  await own.stop();
  await assert.rejects(fetch(own.url), "the server must really be gone");

  await page.reload();
  await expectHeading(page, "Beranda");
  // The XLSX export's worker starts offline too: its script and the app's wasm it runs come from
  // the cache (started as src/web/workbook.rs starts it).
  const worker = await page.evaluate(
    () =>
      new Promise((ok) => {
        const w = new Worker("/workbook-worker.js", { type: "module" });
        w.onmessage = (e) => { ok(e.data); w.terminate(); };
        w.onerror = (e) => ok(`error: ${e.message}`);
        w.postMessage({
          script: document.querySelector("link[rel=modulepreload]").getAttribute("href"),
          wasm: document.querySelector("link[rel=preload][type='application/wasm']").getAttribute("href"),
        });
        setTimeout(() => ok("timed out"), 10_000);
      }),
  );
  assert.equal(worker, "siap");
  await page.goto(new URL("/kegiatan", own.url).href);
  await expectHeading(page, "Kegiatan");
  // A new tab in the same profile, straight to a deep route, navigating on from there.
  const tab = await context.newPage();
  await tab.goto(new URL("/survei-desa", own.url).href);
  await expectHeading(tab, "Survei Desa");
  await tab.locator("#main-nav").getByRole("link", { name: "Pengaturan" }).click();
  await expectHeading(tab, "Pengaturan");
});

test("a new version is announced and switches only when the officer agrees", { timeout: 60_000 }, async (t) => {
  const dir = copyOfDist();
  const own = await serverFor(t, dir);
  const { context, page } = await openPage(t, browser);
  await page.goto(new URL("/pengaturan", own.url).href);
  await expectHeading(page, "Pengaturan");
  await waitForServiceWorkerControl(page);
  const oldId = await controllingBuildId(page);
  assert.match(oldId, /^[0-9a-f]{16}$/);

  // The officer is typing when a new version is deployed.
  await page.getByLabel("Nama petugas").fill("Sedang mengetik");
  const swPath = join(dir, "sw.js");
  writeFileSync(swPath, readFileSync(swPath, "utf8").replace(oldId, "e2e0new0version0"));
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());

  await page.getByTestId("update-banner").waitFor();
  // Nothing switched on its own: the old version still serves and the typing is intact.
  await page.waitForTimeout(500);
  assert.equal(await controllingBuildId(page), oldId);
  assert.equal(await page.getByLabel("Nama petugas").inputValue(), "Sedang mengetik");

  await Promise.all([page.waitForEvent("load"), page.getByTestId("update-now").click()]);
  await expectHeading(page, "Pengaturan");
  assert.equal(await controllingBuildId(page), "e2e0new0version0");
  assert.equal(await page.getByTestId("update-banner").count(), 0);
  assert.deepEqual(
    (await page.evaluate(() => caches.keys())).filter((name) => name.startsWith("sentra-") && name !== "sentra-wilayah"),
    ["sentra-e2e0new0version0"],
    "the old version's app cache is removed (region data has its own cache)",
  );
});
