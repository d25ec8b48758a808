// Reports issue benchmark in headless Chromium, release build: 50,000 synthetic Usaha.
// - Beranda's recompute: the app writes each computation's time to <body data-report-ms>; it is
//   read after each change of the year filter (the figures are recomputed over every record);
// - XLSX of every kind: from the click until the download arrives, with the longest stretch the
//   page could not answer (a 20 ms heartbeat), whether the progress bar showed, and the app's
//   own split (<body data-export-ms>: rows built and written into the workbook in slices, then
//   the file written and compressed in one go).
// Prints medians. Not a gate.   node tools/bench-report.mjs [count]
import { chooseWorkArea, expectHeading, launchBrowser, seedUsaha, startServer } from "../tests/e2e/helpers.mjs";

const COUNT = Number(process.argv[2] || 50_000);
const server = await startServer();
const browser = await launchBrowser();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
try {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await chooseWorkArea(page, server.url);
  await seedUsaha(page, COUNT);
  await page.goto(new URL("/", server.url).href);
  await expectHeading(page, "Beranda");
  await page.getByTestId("report-usaha-total").waitFor({ timeout: 300_000 });
  const first = Number(await page.evaluate(() => document.body.dataset.reportMs));
  const recompute = [];
  for (let i = 0; i < 9; i++) {
    // Alternate a year that keeps every record with "all": each change recomputes everything.
    await page.locator("#f-tahun").selectOption(i % 2 ? "" : "2025");
    await page.waitForTimeout(150);
    recompute.push(Number(await page.evaluate(() => document.body.dataset.reportMs)));
  }
  const total = (await page.getByTestId("report-usaha-total").textContent()).trim();
  if (!total.startsWith(new Intl.NumberFormat("id-ID").format(COUNT))) throw new Error(`not every Usaha counted: ${total}`);

  const xlsx = [];
  const blocks = [];
  const phases = [];
  let sawProgress = false;
  for (let i = 0; i < 3; i++) {
    await page.evaluate(() => {
      window.__beats = [];
      window.__beat = setInterval(() => window.__beats.push(performance.now()), 20);
    });
    const t0 = Date.now();
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 120_000 }),
      page.getByTestId("export-xlsx").click(),
      page.getByTestId("export-progress").waitFor({ timeout: 10_000 }).then(() => (sawProgress = true)),
    ]);
    await download.path();
    xlsx.push(Date.now() - t0);
    phases.push(await page.evaluate(() => document.body.dataset.exportMs));
    blocks.push(
      await page.evaluate(() => {
        clearInterval(window.__beat);
        const b = window.__beats;
        let longest = 0;
        for (let j = 1; j < b.length; j++) longest = Math.max(longest, b[j] - b[j - 1]);
        return longest;
      }),
    );
    await page.getByTestId("export-message").waitFor();
  }
  console.log(`Beranda over ${COUNT} Usaha (Chromium, release):`);
  console.log(`  first computation ${first.toFixed(1)} ms; recompute median ${median(recompute).toFixed(1)} ms (${recompute.map((x) => x.toFixed(0)).join(", ")})`);
  console.log(`XLSX of every kind: median ${median(xlsx)} ms click to download (${xlsx.join(", ")}); longest block median ${median(blocks).toFixed(0)} ms; progress bar shown: ${sawProgress}`);
  console.log(`  where the time went, each run (ms): ${phases.join("; ")}`);
} finally {
  await browser.close();
  await server.stop();
}
