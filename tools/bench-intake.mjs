// Issue 16 benchmark in headless Chromium: an office's Usaha list of N rows (default 10,000 and
// 50,000; tests/e2e/workbook.mjs `officeList`: a title, a merged two-row header, money and dates
// written every way, Sumenep's villages) from the file to stored records. Three phases, each
// timed from the officer's action to what it shows: reading (file picked → columns shown, in
// the import worker), checking ("Periksa" → the plan), saving ("Impor" → "Selesai"); their sum
// is "file to stored" (the officer's own pauses left out). The longest main-thread block a 20 ms
// heartbeat saw over all three (goal: at most 200 ms). Goals: 10,000 rows ≤ 3 s, 50,000 ≤ 12 s.
// Each size runs on a fresh profile; medians over the runs. Not a gate.
//   node tools/bench-intake.mjs [--dist DIR] [--runs R] [count ...]
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliOption, chooseWorkArea, launchBrowser, startServer } from "../tests/e2e/helpers.mjs";
import { officeList } from "../tests/e2e/workbook.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => cliOption(args, name, fallback);
const dist = option("dist", undefined);
const runs = Number(option("runs", "3"));
const counts = args.length ? args.map(Number) : [10_000, 50_000];
const server = await startServer(dist);
const browser = await launchBrowser();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const ms = (x) => `${Math.round(x).toLocaleString("en")} ms`;

try {
  for (const count of counts) {
    // From a file on disk, as an officer picks one (a buffer would travel through the page).
    const file = join(tmpdir(), `ikm-${count}.xlsx`);
    writeFileSync(file, officeList(count));
    const results = [];
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      await chooseWorkArea(page, server.url);
      await page.goto(new URL("/impor", server.url).href);
      await page.getByTestId("intake-file").waitFor();
      // The reader fetched once beforehand, as on any visit after the first import.
      await page.evaluate(() => fetch("/import_worker_bg.wasm").then((r) => r.arrayBuffer()));
      await page.evaluate(() => {
        window.longest = 0;
        let last = performance.now();
        setInterval(() => {
          const now = performance.now();
          window.longest = Math.max(window.longest, now - last - 20);
          last = now;
        }, 20);
      });
      const blocks = [];
      const timed = async (act, done) => {
        await page.evaluate(() => (window.longest = 0));
        const t0 = Date.now();
        await act();
        await done();
        const took = Date.now() - t0;
        blocks.push(await page.evaluate(() => window.longest));
        return took;
      };
      const reading = await timed(
        () => page.getByTestId("intake-file").setInputFiles(file),
        () => page.getByTestId("intake-mapping").waitFor({ timeout: 300_000 }),
      );
      const checking = await timed(
        () => page.getByTestId("intake-check").click(),
        () => page.getByTestId("intake-plan").waitFor({ timeout: 300_000 }),
      );
      const created = (await page.getByTestId("intake-new").locator(".tile__count").textContent()).trim();
      const saving = await timed(
        () => page.getByTestId("intake-apply").click(),
        () => page.getByTestId("intake-message").filter({ hasText: "Selesai" }).waitFor({ timeout: 300_000 }),
      );
      const longest = Math.max(...blocks);
      results.push({ reading, checking, saving, total: reading + checking + saving, longest });
      console.log(`${count} rows, run ${run + 1}: reading ${ms(reading)}, checking ${ms(checking)} (${created} new), saving ${ms(saving)}; file to stored ${ms(reading + checking + saving)}; longest block ${ms(longest)} (by phase: ${blocks.map(ms).join(", ")})`);
      await context.close();
    }
    const m = (k) => ms(median(results.map((r) => r[k])));
    console.log(`${count} rows, medians of ${runs}: reading ${m("reading")}, checking ${m("checking")}, saving ${m("saving")}; file to stored ${m("total")}; longest block ${m("longest")}`);
  }
} finally {
  await browser.close();
  await server.stop();
}
