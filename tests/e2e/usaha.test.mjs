// Recording an Usaha as an officer does: the village chosen by a misspelled name, a reload,
// search, edit, delete and undo, and a half-filled form surviving a reload.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { chooseWorkArea, expectHeading, keptScreen, launchBrowser, openPage, pick, seedUsaha, serverFor } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test("an Usaha is recorded with a misspelled village, found, edited, deleted and restored", { timeout: 90_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser);
  await chooseWorkArea(page, server.url);

  await page.goto(new URL("/usaha", server.url).href);
  await expectHeading(page, "Usaha");
  await page.getByTestId("empty-state").waitFor();
  await page.getByTestId("usaha-add").click();
  await expectHeading(page, "Usaha baru");

  // Saving an empty form shows every reason and keeps the page.
  await page.getByTestId("save").click();
  assert.equal(await page.locator("#f-nama-error").textContent(), "Wajib diisi.");
  assert.match(await page.getByTestId("form-outcome").textContent(), /Belum tersimpan/);

  await page.getByLabel("Nama usaha").fill("Batik Sekar <script>alert(1)</script>");
  await page.getByLabel("Nama pemilik").fill("Ibu Uji Coba");
  await page.getByLabel("Telepon").fill("0812-3456-7890");
  await page.getByLabel("NIB (13 angka, bila ada)").fill("123456789012"); // one digit short
  await page.getByLabel("Kecamatan menurut keterangan (bila ada)").fill("Bluto");
  // "Aeng Tong-Tong, Kecamatan Bluto" as a report writes it; officially it is in Saronggi.
  await pick(page, "desa", "aeng tong tong", "Aengtongtong");
  assert.equal(await page.getByTestId("desa-warning").textContent(), "Aengtongtong termasuk Kecamatan Saronggi, bukan Bluto.");
  await page.getByText("Ganti").click();
  await pick(page, "desa", "kerta sade", "Kertasada"); // misspelled; officially in Kalianget
  assert.match(await page.getByTestId("desa-chosen").textContent(), /^Kertasada, Kec\. Kalianget, Kabupaten Sumenep \(35\.29\.02\.2004\)$/);
  assert.equal(await page.getByTestId("desa-warning").textContent(), "Kertasada termasuk Kecamatan Kalianget, bukan Bluto.");
  await page.getByLabel("Kecamatan menurut keterangan (bila ada)").fill("kec. kalianget");
  assert.equal(await page.getByTestId("desa-warning").textContent(), "", "the written kecamatan now agrees");
  await page.getByLabel("Modal usaha (Rp, tanpa tanah dan bangunan)").fill("1.500.000.000");
  await page.getByLabel("Tenaga kerja (orang, termasuk pemilik)").fill("6");

  await page.getByTestId("save").click();
  assert.equal(await page.locator("#f-nib-error").textContent(), "NIB terdiri dari 13 angka.");
  assert.equal(await page.getByLabel("Nama usaha").inputValue(), "Batik Sekar <script>alert(1)</script>", "nothing typed is lost");
  await page.getByLabel("NIB (13 angka, bila ada)").fill("1234567890123");
  await page.getByTestId("save").click();

  await page.getByTestId("usaha-detail").waitFor();
  assert.equal(await page.getByTestId("usaha-name").textContent(), "Batik Sekar <script>alert(1)</script>");
  assert.match(await page.getByTestId("fact-desa").textContent(), /Kertasada, Kec\. Kalianget/);
  assert.equal(await page.getByTestId("class-umkm").textContent(), "Kecil");
  assert.equal(await page.getByTestId("class-bps").textContent(), "Industri kecil (5–19 pekerja)");
  assert.equal(await page.getByTestId("class-industri").textContent(), "Data belum cukup");

  // Reload: it comes back from IndexedDB; the list masks the phone and search finds it.
  await page.goto(new URL("/usaha", server.url).href);
  await page.reload();
  await page.getByTestId("usaha-list").waitFor();
  assert.equal(await page.getByTestId("masked-phone").first().textContent(), "0812•••••890");
  await page.getByTestId("usaha-search").fill("BATIK-sekar");
  assert.equal(await page.getByTestId("usaha-count").textContent(), "1 dari 1 usaha");
  await page.getByTestId("usaha-search").fill("tempe");
  assert.equal(await page.getByTestId("usaha-count").textContent(), "0 dari 1 usaha");
  await page.getByTestId("usaha-search").fill("uji coba");
  await page.getByTestId("usaha-list").getByRole("link").first().click();

  // Edit.
  await page.getByRole("link", { name: "Ubah" }).click();
  await expectHeading(page, "Ubah usaha");
  await page.getByLabel("Status keaktifan").selectOption("tidak_aktif");
  await page.getByLabel("Nama usaha").fill("Batik Sekar Jaya");
  await page.getByTestId("save").click();
  await page.getByTestId("usaha-detail").waitFor();
  assert.equal(await page.getByTestId("usaha-name").textContent(), "Batik Sekar Jaya");
  assert.match(await page.getByTestId("usaha-detail").textContent(), /Tidak aktif/);

  // Delete, then undo.
  await page.getByTestId("delete").click();
  await expectHeading(page, "Usaha");
  assert.equal(await page.getByTestId("undo-banner").locator("p").textContent(), "Batik Sekar Jaya dihapus.");
  await page.getByTestId("empty-state").waitFor();
  await page.getByTestId("undo").click();
  await page.getByTestId("usaha-list").waitFor();
  await page.reload();
  await page.getByTestId("usaha-list").waitFor();
  assert.equal(await page.getByTestId("usaha-count").textContent(), "1 dari 1 usaha");
  assert.equal(await page.locator("script:not([type])").filter({ hasText: "alert" }).count(), 0);
  page.assertNoErrors();
});

test("a half-filled form survives a reload and is offered back", { timeout: 60_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser);
  await page.goto(new URL("/usaha/baru", server.url).href);
  await expectHeading(page, "Usaha baru");
  await page.getByLabel("Nama usaha").fill("Keripik Tempe Bu Ani");
  await page.getByLabel("Produk").fill("keripik tempe, peyek");
  await page.reload();
  await expectHeading(page, "Usaha baru");
  await page.getByTestId("draft-offer").waitFor();
  assert.equal(await page.getByLabel("Nama usaha").inputValue(), "");
  await page.getByTestId("draft-restore").click();
  assert.equal(await page.getByLabel("Nama usaha").inputValue(), "Keripik Tempe Bu Ani");
  assert.equal(await page.getByLabel("Produk").inputValue(), "keripik tempe, peyek");
  page.assertNoErrors();
});

test("the GPS button fills the coordinates from the device's location", { timeout: 60_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser, {
    geolocation: { latitude: -7.012345, longitude: 113.862109 },
    permissions: ["geolocation"],
  });
  await page.goto(new URL("/usaha/baru", server.url).href);
  await expectHeading(page, "Usaha baru");
  await page.getByTestId("gps").click();
  await page.waitForFunction(() => document.querySelector("#f-lat")?.value !== "");
  assert.equal(await page.getByLabel("Lintang (GPS)").inputValue(), "-7.012345");
  assert.equal(await page.getByLabel("Bujur (GPS)").inputValue(), "113.862109");
  page.assertNoErrors();
});

test("wiping the device needs HAPUS typed, then removes records and drafts", { timeout: 60_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser);
  await chooseWorkArea(page, server.url);
  await page.goto(new URL("/usaha/baru", server.url).href);
  await page.getByLabel("Nama usaha").fill("Gerabah Uji");
  await pick(page, "desa", "poteran", "Poteran");
  await page.getByTestId("save").click();
  await page.getByTestId("usaha-detail").waitFor();
  await page.goto(new URL("/usaha/baru", server.url).href);
  await page.getByLabel("Nama usaha").fill("Draf yang akan dihapus");

  await page.goto(new URL("/pengaturan", server.url).href);
  await expectHeading(page, "Pengaturan");
  const wipe = page.getByTestId("wipe");
  assert.equal(await wipe.isDisabled(), true);
  await page.getByLabel("Ketik HAPUS untuk melanjutkan").fill("hapus");
  assert.equal(await wipe.isDisabled(), true, "the exact word is needed");
  await page.getByLabel("Ketik HAPUS untuk melanjutkan").fill("HAPUS");
  await wipe.click();
  await page.getByTestId("wipe-outcome").filter({ hasText: "Semua data di perangkat ini sudah dihapus." }).waitFor();

  await page.goto(new URL("/usaha", server.url).href);
  await page.getByTestId("empty-state").waitFor();
  await page.goto(new URL("/usaha/baru", server.url).href);
  await expectHeading(page, "Usaha baru");
  assert.equal(await page.getByTestId("draft-offer").count(), 0, "the draft is gone too");
  page.assertNoErrors();
});

test("a listed commodity shows its Podes group and KBLI codes and fills them", { timeout: 60_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser);
  await page.goto(new URL("/usaha/baru", server.url).href);
  await expectHeading(page, "Usaha baru");
  await page.getByLabel("Komoditas").fill("batik");
  const info = page.getByTestId("komoditas-info");
  assert.match(await info.textContent(), /Kelompok bahan \(Podes\): Kain, tenun · KBLI 2020: 13134 · KBLI 2025: 13133/);
  await info.getByRole("button", { name: "Pakai KBLI 2025: 13133" }).click();
  assert.equal(await page.getByLabel("Kode KBLI").inputValue(), "13133");
  assert.equal(await page.getByLabel("Edisi KBLI").inputValue(), "2025");
  await page.getByLabel("Komoditas").fill("keris");
  assert.match(await info.textContent(), /KBLI 2020: 25999 \(belum pasti\) · KBLI 2025: belum diketahui/);
  await page.getByLabel("Komoditas").fill("batik tulis lasem");
  assert.equal(await page.getByTestId("komoditas-info").count(), 0, "free text is allowed and shows nothing");
  page.assertNoErrors();
});

test("a long list renders only the rows in view, scrolls to the end, and filters by class and commodity", { timeout: 90_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser, { viewport: { width: 360, height: 740 } });
  await page.goto(new URL("/usaha", server.url).href);
  await page.getByTestId("empty-state").waitFor();
  await seedUsaha(page, 2_000);
  await page.reload();
  await page.getByTestId("usaha-count").filter({ hasText: "2.000 dari 2.000 usaha" }).waitFor();
  const rendered = () => page.locator('[data-testid="usaha-list"] li').count();
  assert.ok((await rendered()) < 30, `rendered ${await rendered()} rows for 2,000`);
  // Sorted by folded name, the last of the 2,000 is "Ukiran Mandiri 998".
  await page.locator(".record-scroll").evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await page.getByTestId("usaha-list").getByText("Ukiran Mandiri 998", { exact: true }).waitFor();
  assert.ok((await rendered()) < 30);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the list is ${width}px wide on a 360px screen`);
  // Filters by UMKM class (from the figures) and commodity. The seeded figures make 6 in every
  // 100 kecil (capital over Rp1 miliar, or sales over Rp2 miliar), the rest mikro.
  const count = () => page.getByTestId("usaha-count").textContent();
  // The filters fold behind "Saring", which then says how many are on.
  await page.getByTestId("filters-toggle").click();
  await page.getByTestId("filter-class").selectOption("kecil");
  assert.equal((await page.getByTestId("filters-toggle").textContent()).trim(), "Saring (1 aktif)");
  assert.equal(await count(), "120 dari 2.000 usaha");
  await page.getByTestId("filter-komoditas").selectOption("Terasi");
  assert.equal(await count(), "20 dari 2.000 usaha");
  await page.getByTestId("filter-class").selectOption("mikro");
  assert.equal(await count(), "180 dari 2.000 usaha");
  await page.getByTestId("filter-class").selectOption("-");
  assert.equal(await count(), "0 dari 2.000 usaha");
  page.assertNoErrors();
});

test("reopened, the list shows its first screen as kept while the records are read, then the list itself", { timeout: 120_000 }, async (t) => {
  const server = await serverFor(t);
  const { context, page } = await openPage(t, browser, { viewport: { width: 360, height: 740 } });
  await page.goto(new URL("/usaha", server.url).href);
  await page.getByTestId("empty-state").waitFor();
  await seedUsaha(page, 6_000);
  await page.reload();
  const live = page.getByTestId("usaha-count").filter({ hasText: "6.000 dari 6.000 usaha" });
  await live.waitFor({ timeout: 60_000 });
  // The kept screen names the villages once their region data is in.
  const kept = () => keptScreen(page, "usaha");
  await page.waitForFunction(() => document.querySelector('[data-testid="usaha-list"]')?.textContent.includes("Kec. "));
  for (let i = 0; !(await kept())?.includes("Kec. ") && i < 50; i++) await page.waitForTimeout(100);
  assert.match(await kept(), /^\d+ \{"total":6000,"rows":\[\{"id":/);

  // Every opening notes what the list showed while the records were still being read.
  await context.addInitScript(() => {
    const rows = () => [...document.querySelectorAll('[data-testid="usaha-list"] li')].map((li) => li.innerText);
    const watch = new MutationObserver(() => {
      const count = document.querySelector('[data-testid="usaha-count-kept"]');
      if (count && !window.__kept && document.querySelector('[data-testid="usaha-list"] li')) {
        window.__kept = { count: count.textContent, rows: rows(), loading: !!document.querySelector('[data-testid="usaha-still-loading"]') };
      }
      if (document.querySelector('[data-testid="usaha-count"]') && !window.__live) {
        window.__live = { count: document.querySelector('[data-testid="usaha-count"]').textContent, keptFirst: !!window.__kept };
      }
    });
    addEventListener("DOMContentLoaded", () => watch.observe(document.body, { childList: true, subtree: true, characterData: true }));
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.reload();
  await live.waitFor({ timeout: 60_000 });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  const seen = await page.evaluate(() => ({ kept: window.__kept, live: window.__live }));
  assert.ok(seen.kept, "the kept first screen was shown before the records were read");
  assert.equal(seen.live.keptFirst, true);
  assert.equal(seen.kept.count, "6.000 dari 6.000 usaha · memuat…");
  assert.equal(seen.kept.loading, true, "the officer is told the rest is coming");
  const liveRows = await page.locator('[data-testid="usaha-list"] li').evaluateAll((lis) => lis.map((li) => li.innerText));
  assert.ok(seen.kept.rows.length >= 8, `${seen.kept.rows.length} rows kept`);
  assert.deepEqual(seen.kept.rows, liveRows.slice(0, seen.kept.rows.length), "the kept rows are the list's own");
  assert.match(seen.kept.rows[0], /Kec\. /);
  assert.match(seen.kept.rows[0], /0812•+\d{3}/, "phone numbers kept masked");

  // A deletion keeps a new first screen: the next opening shows it, not the old one.
  const first = seen.kept.rows[0].split("\n")[0];
  await page.getByTestId("usaha-list").getByRole("link", { name: first, exact: true }).click();
  await page.getByTestId("delete").click();
  await page.getByTestId("usaha-count").filter({ hasText: "5.999 dari 5.999 usaha" }).waitFor();
  for (let i = 0; !(await kept())?.includes('"total":5999') && i < 50; i++) await page.waitForTimeout(100);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.reload();
  await page.getByTestId("usaha-count").filter({ hasText: "5.999 dari 5.999 usaha" }).waitFor({ timeout: 60_000 });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  const again = await page.evaluate(() => window.__kept);
  assert.equal(again.count, "5.999 dari 5.999 usaha · memuat…");
  assert.notEqual(again.rows[0].split("\n")[0], first);
  page.assertNoErrors();
});

test("saving a possible duplicate warns first, then saves on a second press", { timeout: 90_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser);
  await chooseWorkArea(page, server.url);
  const add = async (name) => {
    await page.goto(new URL("/usaha/baru", server.url).href);
    await expectHeading(page, "Usaha baru");
    await page.getByLabel("Nama usaha").fill(name);
    await pick(page, "desa", "poteran", "Poteran");
    await page.getByTestId("save").click();
  };
  await add("Batik Sekar");
  await page.getByTestId("usaha-detail").waitFor();

  await add("batik  sekar"); // the same business, typed differently, in the same desa
  const warning = page.getByTestId("duplicates");
  await warning.waitFor();
  assert.match(await warning.textContent(), /Batik Sekar — nama mirip di desa yang sama/);
  assert.equal(await page.getByTestId("save").textContent(), "Tetap simpan");
  await page.getByLabel("Nama usaha").fill("Tenun Ikat Poteran"); // no longer similar
  assert.equal(await page.getByTestId("duplicates").count(), 0, "the warning follows the form");
  await page.getByLabel("Nama usaha").fill("Batik Sekarr");
  await warning.waitFor();
  await page.getByTestId("save").click();
  await page.getByTestId("usaha-detail").waitFor();
  await page.goto(new URL("/usaha", server.url).href);
  await page.getByTestId("usaha-count").filter({ hasText: "2 dari 2 usaha" }).waitFor();
  page.assertNoErrors();
});
