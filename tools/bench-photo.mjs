// Issue 17 benchmark: a 12-megapixel photo (4000 × 3000 JPEG, taken on its side: EXIF
// orientation 6) added on an Usaha's page in headless Chromium, from the file input's change
// until its thumbnail is shown (shrunk in the worker, kept in IndexedDB, the record saved), and
// the longest main-thread task meanwhile (PerformanceObserver "longtask"). At 1x and at 4x CPU
// slowdown (CDP Emulation.setCPUThrottlingRate: the page's thread; the worker is not slowed the
// same way). Medians of R runs. Then more photos (P, 3-megapixel files) until the device holds
// P + 2R, and the size of a bundle of all of them shared "dengan foto" and "tanpa foto".
// Not a gate.   node tools/bench-photo.mjs [--runs R (default 5)] [--photos P (default 90)]
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { BROWSER_ARGS, cliOption, seedUsaha, startServer } from "../tests/e2e/helpers.mjs";
import { takenOnItsSide, twelveMegapixels } from "../tests/e2e/photo-files.mjs";

const args = process.argv.slice(2);
const RUNS = Number(cliOption(args, "runs", 5));
const PHOTOS = Number(cliOption(args, "photos", 90));
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
  // A bundle with PHOTOS photos (3-megapixel files with a camera's grain, kept at 1,600 px as
  // the 12-megapixel ones are), shared "dengan foto" and "tanpa foto": the files' sizes.
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  await page.goto(new URL("/usaha", server.url).href);
  await page.getByTestId("usaha-list").getByRole("link").nth(1).click();
  await page.getByTestId("photos").waitFor();
  for (let from = 0; from < PHOTOS; from += 10) {
    const files = [];
    for (let n = from; n < Math.min(PHOTOS, from + 10); n++) {
      const file = join(dir, `bundle-${n}.jpg`);
      writeFileSync(file, await twelveMegapixels(page, 1000 + n, 2000, 1500));
      files.push(file);
    }
    await page.getByTestId("photo-input").setInputFiles(files);
    await page.getByTestId("photo").nth(Math.min(PHOTOS, from + 10) - 1).locator("img.photos__thumb").waitFor({ timeout: 120_000 });
  }
  const shared = async (choice) => {
    await page.goto(new URL("/bagikan", server.url).href);
    await page.getByTestId("share-all").click();
    await page.getByTestId("photo-choice").waitFor({ timeout: 120_000 });
    const offered = (await page.getByTestId(choice).textContent()).trim();
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 120_000 }), page.getByTestId(choice).click()]);
    const { statSync } = await import("node:fs");
    return { offered, name: download.suggestedFilename(), bytes: statSync(await download.path()).size };
  };
  for (const choice of ["share-with-photos", "share-without-photos"]) {
    const r = await shared(choice);
    console.log(`${PHOTOS + RUNS * 2} photos on 3 Usaha, shared ${choice === "share-with-photos" ? "dengan foto" : "tanpa foto"}: ${r.name}, ${(r.bytes / 1e6).toFixed(2)} MB (offered as "${r.offered}")`);
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
