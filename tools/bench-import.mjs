// Issue 5 benchmark in headless Chromium: receiving a bundle of N synthetic Usaha (default
// 10,000 and 50,000): device A holds them (seeded) and exports all; device B, empty, reads the
// file (check + preview) and applies it (merge + one transaction). Reports the two phases, the
// file size, and the longest main-thread block seen by a 20 ms heartbeat (goal: under 200 ms).
// Goals: 10,000 in 2 s, 50,000 in 8 s. Not a gate.   node tools/bench-import.mjs [count ...]
import { expectHeading, launchBrowser, seedUsaha, startServer } from "../tests/e2e/helpers.mjs";
import { statSync } from "node:fs";

const counts = process.argv.slice(2).map(Number);
const server = await startServer();
const browser = await launchBrowser();
const heartbeat = () => {
  // Records the longest gap between 20 ms ticks: how long the page could not respond.
  window.__longest = 0;
  let last = performance.now();
  window.__beat = setInterval(() => {
    const now = performance.now();
    window.__longest = Math.max(window.__longest, now - last - 20);
    last = now;
  }, 20);
};
try {
  for (const count of counts.length ? counts : [10_000, 50_000]) {
    const a = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await a.goto(new URL("/bagikan", server.url).href);
    await expectHeading(a, "Bagikan");
    await seedUsaha(a, count);
    await a.reload();
    await a.getByTestId("share-all").waitFor({ timeout: 120_000 });
    const [download] = await Promise.all([a.waitForEvent("download"), a.getByTestId("share-all").click()]);
    const file = await download.path();
    const bytes = statSync(file).size;

    const b = await (await browser.newContext()).newPage();
    await b.goto(new URL("/bagikan", server.url).href);
    await b.getByTestId("import-file").waitFor();
    await b.evaluate(heartbeat);
    let t = Date.now();
    await b.getByTestId("import-file").setInputFiles(file);
    await b.getByTestId("import-preview").waitFor({ timeout: 300_000 });
    const preview = Date.now() - t;
    const blockedPreview = await b.evaluate(() => window.__longest);
    await b.evaluate(() => { window.__longest = 0; });
    t = Date.now();
    await b.getByTestId("import-apply").click();
    await b.getByTestId("import-result").filter({ hasText: "Berkas sudah digabungkan" }).waitFor({ timeout: 300_000 });
    const apply = Date.now() - t;
    const blockedApply = await b.evaluate(() => window.__longest);
    console.log(
      `${count} Usaha, ${(bytes / 1e6).toFixed(1)} MB file: read + check + preview ${preview} ms (longest block ${blockedPreview.toFixed(0)} ms); ` +
        `apply ${apply} ms (longest block ${blockedApply.toFixed(0)} ms); total ${preview + apply} ms`,
    );
    await a.context().close();
    await b.context().close();
  }
} finally {
  await browser.close();
  await server.stop();
}
