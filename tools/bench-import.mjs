// Issue 5 benchmark in headless Chromium: receiving a bundle of N synthetic Usaha (default
// 10,000 and 50,000): device A holds them (seeded) and exports all; device B, empty, reads the
// file (check + preview) and applies it (merge + one transaction). Each size is received 3 times
// (a fresh device B each time) and the medians reported: the two phases, their total, and the
// longest main-thread block a 20 ms heartbeat saw in each (how long the page could not respond;
// goal: at most 200 ms). Goals: 10,000 in 2 s, 50,000 in 8 s. Also the file's size gzipped, for
// the compression decision. Not a gate.
//   node tools/bench-import.mjs [--dist DIR] [--runs R] [count ...]
import { cliOption, expectHeading, launchBrowser, seedUsaha, startServer } from "../tests/e2e/helpers.mjs";
import { readFileSync, statSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";

const args = process.argv.slice(2);
const option = (name, fallback) => cliOption(args, name, fallback);
const dist = option("dist", undefined);
const runs = Number(option("runs", "3"));
const counts = args.map(Number);
const server = await startServer(dist);
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
// The longest block so far, and a fresh start for the next phase.
const longest = (page) =>
  page.evaluate(() => {
    const seen = window.__longest;
    window.__longest = 0;
    return seen;
  });
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (n) => `${Math.round(n).toLocaleString("en")} ms`;

/** Device B, fresh, receives `file` and applies it: times and longest blocks. */
async function receive(file) {
  const b = await (await browser.newContext()).newPage();
  try {
    await b.goto(new URL("/bagikan", server.url).href);
    await b.getByTestId("import-file").waitFor();
    await b.evaluate(heartbeat);
    let t = Date.now();
    await b.getByTestId("import-file").setInputFiles(file);
    await b.getByTestId("import-preview").waitFor({ timeout: 300_000 });
    const preview = Date.now() - t;
    const blockedPreview = await longest(b);
    t = Date.now();
    await b.getByTestId("import-apply").click();
    await b.getByTestId("import-result").filter({ hasText: "Berkas sudah digabungkan" }).waitFor({ timeout: 300_000 });
    const apply = Date.now() - t;
    await b.waitForTimeout(500); // what the page does right after (lists, counts) counts too
    const blockedApply = await longest(b);
    return { preview, blockedPreview, apply, blockedApply, total: preview + apply };
  } finally {
    await b.context().close();
  }
}

try {
  for (const count of counts.length ? counts : [10_000, 50_000]) {
    const a = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await a.goto(new URL("/bagikan", server.url).href);
    await expectHeading(a, "Bagikan");
    await seedUsaha(a, count);
    await a.reload();
    await a.getByTestId("share-all").waitFor({ timeout: 120_000 });
    await a.evaluate(heartbeat);
    const sending = Date.now();
    const [download] = await Promise.all([a.waitForEvent("download"), a.getByTestId("share-all").click()]);
    const file = await download.path();
    const sendMs = Date.now() - sending; // writing the bundle, gzip over 1 MB, the download
    const sendBlock = await longest(a);
    const bytes = statSync(file).size;
    // What gzip makes of it (level 6, the zlib default CompressionStream uses too), for the
    // compression decision (docs/bundle-format.md); the app sends files over 1 MB gzipped.
    const sent = readFileSync(file);
    const packed = sent[0] === 0x1f && sent[1] === 0x8b;
    const json = packed ? gunzipSync(sent) : sent;
    const zipping = [];
    let gz = 0;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      gz = gzipSync(json, { level: 6 }).length;
      zipping.push(performance.now() - t0);
    }
    console.log(
      `${count.toLocaleString("en")} Usaha: JSON ${(json.length / 1e6).toFixed(1)} MB, gzip -6 ${(gz / 1e6).toFixed(2)} MB ` +
        `(${(json.length / gz).toFixed(1)}x smaller), gzip in Node ${ms(median(zipping))}; ` +
        `the app sent ${packed ? "it gzipped" : "plain JSON"}, ${(sent.length / 1e6).toFixed(2)} MB, ${ms(sendMs)} from the click to the download (longest block ${ms(sendBlock)})`,
    );

    const results = [];
    for (let run = 0; run < runs; run++) {
      const r = await receive(file);
      results.push(r);
      console.log(
        `  run ${run + 1}: read + check + preview ${ms(r.preview)} (longest block ${ms(r.blockedPreview)}); ` +
          `apply ${ms(r.apply)} (longest block ${ms(r.blockedApply)}); total ${ms(r.total)}`,
      );
    }
    const m = (key) => median(results.map((r) => r[key]));
    console.log(
      `${count.toLocaleString("en")} Usaha, ${(bytes / 1e6).toFixed(1)} MB file, median of ${runs}: ` +
        `read + check + preview ${ms(m("preview"))}, apply ${ms(m("apply"))}, total ${ms(m("total"))}; ` +
        `longest block: preview ${ms(m("blockedPreview"))}, apply ${ms(m("blockedApply"))}`,
    );
    await a.context().close();
  }
} finally {
  await browser.close();
  await server.stop();
}
