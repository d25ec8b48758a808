// Issue 17 benchmark: a 12-megapixel photo (4000 × 3000 JPEG, taken on its side: EXIF
// orientation 6) added on an Usaha's page in headless Chromium, from the file input's change
// until its thumbnail is shown (shrunk in the worker, kept in IndexedDB, the record saved), and
// the longest main-thread task meanwhile (PerformanceObserver "longtask"). At 1x and at 4x CPU
// slowdown (CDP Emulation.setCPUThrottlingRate: the page's thread; the worker is not slowed the
// same way). Medians of R runs. Not a gate.   node tools/bench-photo.mjs [--runs R (default 5)]
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { BROWSER_ARGS, cliOption, seedUsaha, startServer } from "../tests/e2e/helpers.mjs";
import { takenOnItsSide, twelveMegapixels } from "../tests/e2e/photo-files.mjs";

const args = process.argv.slice(2);
const RUNS = Number(cliOption(args, "runs", 5));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

const server = await startServer();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: BROWSER_ARGS });
try {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__tasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: "longtask", buffered: true });
  });
  await page.goto(new URL("/usaha", server.url).href);
  await page.getByTestId("empty-state").waitFor();
  await seedUsaha(page, 3);
  await page.reload();
  const dir = mkdtempSync(join(tmpdir(), "sentra-bench-photo-"));
  const cdp = await context.newCDPSession(page);
  const originals = [];
  for (const rate of [1, 4]) {
    const times = [];
    const longest = [];
    for (let run = 0; run < RUNS; run++) {
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
      await page.goto(new URL("/usaha", server.url).href);
      await page.getByTestId("usaha-list").getByRole("link").first().click();
      await page.getByTestId("photos").waitFor();
      // A different photo each run (the same one would be kept once and not count).
      const file = join(dir, `foto-${rate}-${run}.jpg`);
      const original = takenOnItsSide(await twelveMegapixels(page, run + rate * 100));
      originals.push(original.length);
      writeFileSync(file, original);
      await page.waitForTimeout(500);
      const before = await page.getByTestId("photo").count();
      await cdp.send("Emulation.setCPUThrottlingRate", { rate });
      const started = await page.evaluate(() => {
        const input = document.querySelector('[data-testid="photo-input"]');
        input.addEventListener("change", () => (window.__picked = performance.now()), { once: true });
        return performance.now();
      });
      await page.getByTestId("photo-input").setInputFiles(file);
      await page.getByTestId("photo").nth(before).locator("img.photos__thumb").waitFor({ timeout: 60_000 });
      const r = await page.evaluate((started) => {
        const done = performance.now();
        const from = window.__picked ?? started;
        const tasks = window.__tasks.filter((t) => t.start + t.duration >= from);
        return { ms: done - from, longest: Math.max(0, ...tasks.map((t) => t.duration)) };
      }, started);
      times.push(r.ms);
      longest.push(r.longest);
      console.log(`${rate}x CPU, run ${run + 1}: picked to shown ${r.ms.toFixed(0)} ms, longest task ${r.longest.toFixed(0)} ms`);
    }
    console.log(`${rate}x CPU, medians of ${RUNS}: picked to shown ${median(times).toFixed(0)} ms, longest task ${median(longest).toFixed(0)} ms (max ${Math.max(...longest).toFixed(0)})`);
  }
  // What the photos weigh as kept.
  const sizes = await page.evaluate(
    () =>
      new Promise((ok) => {
        const req = indexedDB.open("sentra");
        req.onsuccess = () => {
          const all = req.result.transaction("photos").objectStore("photos").getAll();
          all.onsuccess = () => ok(all.result.map((b) => b.byteLength));
        };
      }),
  );
  console.log(`kept photos: median ${(median(sizes) / 1024).toFixed(0)} KB (${(Math.min(...sizes) / 1024).toFixed(0)}-${(Math.max(...sizes) / 1024).toFixed(0)} KB) from files of ${(median(originals) / 1024).toFixed(0)} KB`);
} finally {
  await browser.close();
  await server.stop();
}
