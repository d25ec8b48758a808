// Issue 14, layout on a 360 px phone: the report's tables never break a word or a number
// ("Ju/ml/ah", "Rp250/.000.0/00", "20/18"): every header and number cell renders on one line
// box, every other word whole, and a table wider than the screen scrolls inside its card, never
// the page. Printed in landscape, the report uses the page's width, not the hidden sidebar's
// 240 px column.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { chooseWorkArea, expectHeading, launchBrowser, openPage, pick, seedUsaha, serverFor } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Cells of the page's tables that break: a header or number cell over more than one line box,
 * or a word of another cell split across lines. Each as "table testid: text". */
function brokenCells(page) {
  return page.evaluate(() => {
    const lines = (range) => new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
    const broken = [];
    for (const cell of document.querySelectorAll("main table th, main table td")) {
      const name = `${cell.closest("table").dataset.testid ?? "table"}: ${cell.textContent.trim()}`;
      if (!cell.textContent.trim()) continue;
      if (cell.tagName === "TH" || cell.classList.contains("num")) {
        const range = document.createRange();
        range.selectNodeContents(cell);
        if (lines(range) > 1) broken.push(name);
        continue;
      }
      // Any other cell may wrap between words (or after a hyphen: "Apache-/2.0"), never inside one.
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of node.data.matchAll(/[^\s-]+-*/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          if (lines(range) > 1) broken.push(`${name} (${m[0]})`);
        }
      }
    }
    return broken;
  });
}

test("report tables keep every word and number whole at 360 px, and print across the page", { timeout: 240_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser);
  await page.setViewportSize({ width: 360, height: 740 });
  await chooseWorkArea(page, server.url);
  await seedUsaha(page, 1200);
  await page.reload();

  // A sentra with a budget in the hundreds of millions, a kawasan, a training with a budget, a
  // village survey: every section of the report has a table.
  await page.goto(new URL("/sentra/baru", server.url).href);
  await expectHeading(page, "Sentra");
  await page.getByLabel("Nama sentra").fill("Sentra Batik Pakandangan");
  await page.getByLabel("Status sentra").selectOption("rencana");
  await page.getByLabel("Tahun rencana").fill("2018");
  await page.getByLabel("Anggaran (Rp)").fill("250.000.000");
  await page.getByLabel("Tahun anggaran").fill("2018");
  await pick(page, "desa", "pakandangan barat", "Pakandangan Barat");
  await page.getByTestId("save").click();
  await page.getByTestId("record-detail").waitFor();

  await page.goto(new URL("/kawasan-ikm/baru", server.url).href);
  await expectHeading(page, "Kawasan IKM");
  await page.getByLabel("Lokasi", { exact: true }).fill("Kawasan IKM Gapura");
  await page.getByLabel("Luas lahan (ha)").fill("12,5");
  await page.getByLabel("Status RPIK").selectOption("draf");
  await page.getByTestId("save").click();
  await page.getByTestId("record-detail").waitFor();

  await page.goto(new URL("/kegiatan/baru", server.url).href);
  await expectHeading(page, "Kegiatan");
  await page.getByLabel("Nama kegiatan").fill("Pelatihan kemasan");
  await page.getByLabel("Jenis kegiatan").selectOption("pelatihan_kemasan");
  await page.getByLabel("Tanggal", { exact: true }).fill("2025-05-20");
  await page.getByLabel("Anggaran (Rp)").fill("1.250.000.000");
  await page.getByTestId("save").click();
  await page.getByTestId("record-detail").waitFor();

  await page.goto(new URL("/survei-desa/baru", server.url).href);
  await expectHeading(page, "Survei Desa");
  await pick(page, "desa", "kertasada", "Kertasada");
  await page.getByLabel("Tanggal kunjungan").fill("2025-06-01");
  await page.getByTestId("save").click();
  await page.getByTestId("record-detail").waitFor();

  for (const path of ["/", "/laporan"]) {
    await page.goto(new URL(path, server.url).href);
    await page.getByTestId("table-sentra-anggaran").waitFor();
    await page.getByTestId("table-kawasan").waitFor();
    assert.deepEqual(await brokenCells(page), [], `${path}: no word or number broken`);
    // The page itself never scrolls sideways; a wide table scrolls in its box.
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360, `${path}: page width`);
    const scrolls = await page.locator("main table").evaluateAll((tables) =>
      tables.filter((t) => t.getBoundingClientRect().width > 330).map((t) => getComputedStyle(t.parentElement).overflowX));
    assert.ok(scrolls.length > 0, "some table is wider than the phone");
    assert.ok(scrolls.every((o) => o === "auto"), `${path}: a wide table scrolls in its own box (${scrolls})`);
  }
  assert.match(await page.getByTestId("table-sentra-anggaran").textContent(), /Rp250\.000\.000/);
  // Beranda's report filters are folded on a phone behind "Saring", and open with a tap.
  await page.goto(new URL("/", server.url).href);
  await page.getByTestId("report-filters-toggle").waitFor();
  assert.equal(await page.locator("#f-tahun").isVisible(), false, "folded at 360 px");
  await page.getByTestId("report-filters-toggle").click();
  await page.locator("#f-tahun").selectOption("2018");
  await page.waitForURL(/tahun=2018/);
  assert.equal(await page.getByTestId("report-filters-toggle").textContent(), "Saring (1 aktif)");
  // Lists: a status is never cut, a row's lines wrap, and the whole row opens the record.
  for (const path of ["/sentra", "/usaha"]) {
    await page.goto(new URL(path, server.url).href);
    const row = page.locator(".record-list__item").first();
    await row.waitFor();
    const chip = row.locator(".chip");
    assert.ok(await chip.evaluate((c) => c.scrollWidth <= c.clientWidth), `${path}: the status is shown whole`);
    const cut = await row.locator(".record-list__meta > *").evaluateAll((spans) =>
      spans.filter((s) => s.scrollWidth > s.clientWidth + 1).map((s) => s.textContent));
    assert.deepEqual(cut, [], `${path}: the row's place, commodity and phone are shown whole`);
    const box = await row.boundingBox();
    assert.ok(box.height >= 44, `${path}: row ${box.height} px high`);
    const target = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest("a")?.getAttribute("href"), { x: box.x + box.width - 4, y: box.y + box.height - 4 });
    assert.match(target ?? "", new RegExp(`^${path}/`), `${path}: a tap on the row's corner opens the record`);
  }
  await page.goto(new URL("/tentang", server.url).href);
  await page.getByTestId("licences").waitFor();
  assert.deepEqual(await brokenCells(page), [], "Tentang: no word broken");
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360, "Tentang: page width");

  // Printed on an A4 landscape page (1123 × 794 CSS px), the report takes the page's width.
  await page.setViewportSize({ width: 1123, height: 794 });
  await page.emulateMedia({ media: "print" });
  const width = await page.locator("main").evaluate((m) => m.getBoundingClientRect().width);
  assert.ok(width > 1000, `printed report ${width} px wide`);
  await page.emulateMedia({ media: "screen" });
});
