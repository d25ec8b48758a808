// Issue 3 benchmark in headless Chromium: 50,000 synthetic Usaha in IndexedDB.
// - plain JavaScript baseline, same browser run: one-transaction write of the records (as
//   objects) into a separate database, then getAll;
// - the app: records written as version 2 kept them (JSON text per record); the first reload
//   upgrades them into chunks (timed), the next three are timed loads; the app reports opening
//   + reading + parsing time in <body data-load-ms>, and taking the records in (the clock, the
//   Usaha index Beranda reads, the records map) in <body data-take-in-ms> (since issue 15 both
//   run in slices, chunk by chunk: the two are the time each took, breaths included);
// - search keystrokes on the real Usaha list, from the input event until the list re-rendered;
// - saving one edited Usaha among them (its chunk is read, merged and rewritten).
// Prints medians and ratios. Not a gate.   node tools/bench-records.mjs [--dist DIR] [count]
import { expectHeading, launchBrowser, quantile, seedUsaha, startServer, timeKeystrokes } from "../tests/e2e/helpers.mjs";

const args = process.argv.slice(2);
const at = args.indexOf("--dist"); // another build to compare: --dist DIR
const dist = at < 0 ? undefined : args.splice(at, 2)[1];
const COUNT = Number(args[0] || 50_000);
const server = await startServer(dist);
const browser = await launchBrowser();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
try {
  const page = await (await browser.newContext()).newPage();
  await page.goto(new URL("/usaha", server.url).href);
  await expectHeading(page, "Usaha");
  await page.getByTestId("empty-state").waitFor();

  const seeded = await seedUsaha(page, COUNT, true);

  await page.reload();
  await page.getByTestId("usaha-count").waitFor({ timeout: 300_000 });
  const upgrade = Number(await page.evaluate(() => document.body.dataset.loadMs));
  const chunkBytes = await page.evaluate(
    () =>
      new Promise((ok) => {
        const req = indexedDB.open("sentra");
        req.onsuccess = () => {
          const all = req.result.transaction("usaha").objectStore("usaha").getAll();
          all.onsuccess = () => {
            ok(all.result.reduce((n, s) => n + s.length, 0));
            req.result.close();
          };
        };
      }),
  );
  const loads = [];
  const takeIns = [];
  for (let i = 0; i < 5; i++) {
    await page.reload();
    await page.getByTestId("usaha-count").waitFor({ timeout: 120_000 });
    loads.push(Number(await page.evaluate(() => document.body.dataset.loadMs)));
    takeIns.push(Number(await page.evaluate(() => document.body.dataset.takeInMs)));
  }
  const count = await page.getByTestId("usaha-count").textContent();
  // Thousands grouped ("50.000") since issue 14; a build before it wrote "50000".
  if (!count.replaceAll(".", "").startsWith(`${COUNT} dari ${COUNT}`)) throw new Error(`the app did not load every record: ${count}`);

  const keystrokes = await timeKeystrokes(
    page,
    '[data-testid="usaha-search"]',
    ["batik sekar", "pemilik 4999", "keripik", "tutup", "jalan raya 12"],
    3,
    true,
  );
  const rendered = await page.locator('[data-testid="usaha-list"] li').count();
  // Saving one edited Usaha among 50,000: the store reads, merges and rewrites its chunk.
  const saves = [];
  await page.getByTestId("usaha-search").fill("");
  await page.getByTestId("usaha-list").getByRole("link").first().click();
  for (let i = 0; i < 5; i++) {
    await page.getByRole("link", { name: "Ubah" }).click();
    await page.getByLabel("Nama usaha").fill(`Batik Sekar Diubah ${i}`);
    const started = Date.now();
    await page.getByTestId("save").click();
    await page.getByTestId("usaha-name").filter({ hasText: `Batik Sekar Diubah ${i}` }).waitFor();
    saves.push(Date.now() - started);
  }
  const p95 = quantile(keystrokes, 0.95);
  const ours = median(loads);
  console.log(`${COUNT} Usaha: ${(seeded.bytes / 1e6).toFixed(1)} MB as one JSON text per record (version 2), ${(chunkBytes / 1e6).toFixed(1)} MB in chunks (version 3)`);
  console.log(`first start after seeding (upgrade 2 -> 3, then load): ${upgrade} ms`);
  console.log(`plain JS (objects, one transaction): write ${seeded.jsWrite.toFixed(0)} ms, read ${seeded.jsRead.toFixed(0)} ms (${seeded.jsReadCount} records)`);
  console.log(`plain JS write in the app's format (JSON text): ${seeded.appFormatWrite.toFixed(0)} ms`);
  console.log(`app load at start (open + read + parse), median of 5: ${ours} ms [${loads.join(", ")}]; ratio to plain-JS read: ${(ours / seeded.jsRead).toFixed(2)}x`);
  console.log(`then taking the records in (clock, Usaha index, records map), median of 5: ${median(takeIns)} ms [${takeIns.join(", ")}]`);
  console.log(`saving one edited Usaha (press to detail page, via Playwright), median of 5: ${median(saves)} ms [${saves.join(", ")}]`);
  console.log(`search keystroke until the list updated: median ${median(keystrokes).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (${keystrokes.length} keystrokes); rows rendered: ${rendered}`);
} finally {
  await browser.close();
  await server.stop();
}
