// Issue 15 benchmark: opening the app on a device that holds N Usaha (default 50,000), as an
// officer opens it: the browser started on its stored profile (records in IndexedDB, the work
// area chosen, the service worker installed), the CPU slowed 4× (CDP
// Emulation.setCPUThrottlingRate), straight to /usaha. Each run starts the browser anew on the
// same profile. Reported per run, then medians:
// - shown: from the navigation's start (performance.timeOrigin) until the Usaha list is rendered
//   with every record counted (the frame after the count and a row entered the DOM): the list's
//   first screen as kept at the last opening, or the list itself;
// - every record read: the same for the list's own count (search and filters at work);
// - longest task: the longest main-thread task a PerformanceObserver ("longtask") saw from the
//   navigation until the page has been quiet for 2 s (work deferred past the first screen
//   counts too), and the longest before the list was shown;
// - wasm memory: the app's WebAssembly.Memory buffer (byteLength) once quiet;
// - search keystrokes on the list (as tools/bench-records.mjs times them: input event until
//   the list re-rendered), p95 at 4× and then at 1×.
// Not a gate.   node tools/bench-open.mjs [--dist DIR] [--runs R (default 5)] [--at PATH] [count]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { BROWSER_ARGS, chooseWorkArea, expectHeading, keptScreen, quantile, seedUsaha, startServer, timeKeystrokes } from "../tests/e2e/helpers.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at < 0 ? fallback : args.splice(at, 2)[1];
};
const dist = option("--dist", undefined);
const RUNS = Number(option("--runs", 5));
const AT = option("--at", "/usaha");
const COUNT = Number(args[0] || 50_000);
const SHOWN = `${COUNT.toLocaleString("id-ID")} dari ${COUNT.toLocaleString("id-ID")}`;
const WORDS = ["batik sekar", "pemilik 4999", "keripik", "tutup", "jalan raya 12"];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

// Installed before the app's own scripts in every document: long tasks, the wasm's memory (from
// Trunk's start event, so builds without a hook of their own are measured alike), and the
// moment the full list is in the DOM, then painted.
const probe = (shown) => {
  window.__tasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
  addEventListener("TrunkApplicationStarted", (e) => (window.__wasmMemory = e.detail?.wasm?.memory));
  // Shown: the count (the list's own, or the one its kept first screen had) and a row; ready:
  // the list's own count, every record read (search and filters work).
  const seen = (which) => {
    const count = document.querySelector(which);
    return count && count.textContent.startsWith(shown) && document.querySelector('[data-testid="usaha-list"] li');
  };
  const painted = (key) => requestAnimationFrame(() => setTimeout(() => (window[key] = performance.now()), 0));
  const watch = new MutationObserver(() => {
    if (!window.__inDom && seen('[data-testid="usaha-count"], [data-testid="usaha-count-kept"]')) {
      window.__inDom = performance.now();
      painted("__shown");
    }
    if (!window.__readyInDom && seen('[data-testid="usaha-count"]')) {
      window.__readyInDom = performance.now();
      painted("__ready");
      watch.disconnect();
    }
  });
  addEventListener("DOMContentLoaded", () => watch.observe(document.body, { childList: true, subtree: true, characterData: true }));
};

const launch = (dir) =>
  chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: BROWSER_ARGS,
    viewport: { width: 360, height: 740 },
  });
const firstPage = async (context) => context.pages()[0] ?? (await context.newPage());

const server = await startServer(dist);
const profile = mkdtempSync(join(tmpdir(), "sentra-open-"));
const runs = [];
try {
  // The device: N Usaha in the stored layout, the work area chosen, the service worker in control.
  {
    const context = await launch(profile);
    const page = await firstPage(context);
    await page.goto(new URL("/usaha", server.url).href);
    await expectHeading(page, "Usaha");
    await page.getByTestId("empty-state").waitFor();
    await seedUsaha(page, COUNT);
    await page.reload(); // upgrades the seeded records into chunks
    await page.getByTestId("usaha-count").filter({ hasText: SHOWN }).waitFor({ timeout: 300_000 });
    await chooseWorkArea(page, server.url);
    // The list once more, until its first screen is kept with the villages named (leaving at
    // once, as chooseWorkArea does, can leave before it is kept).
    await page.goto(new URL("/usaha", server.url).href);
    await page.getByTestId("usaha-count").filter({ hasText: SHOWN }).waitFor({ timeout: 300_000 });
    for (let i = 0; !(await keptScreen(page, "usaha"))?.includes("Kec. ") && i < 100; i++) await page.waitForTimeout(100);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    await context.close();
  }
  for (let run = 0; run < RUNS; run++) {
    const context = await launch(profile);
    const page = await firstPage(context);
    await page.addInitScript(probe, SHOWN);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.goto(new URL(AT, server.url).href, { waitUntil: "commit" });
    if (AT !== "/usaha") {
      // Opened elsewhere (Beranda): the list is reached through the menu, as an officer does.
      await page.locator("#main-nav").getByRole("link", { name: "Usaha", exact: true }).dispatchEvent("click");
    }
    await page.waitForFunction(() => window.__shown && window.__ready, null, { timeout: 120_000, polling: 100 });
    // Quiet: no long task for 2 s (deferred work included), at most 30 s.
    await page.waitForFunction(
      () => {
        const last = window.__tasks.reduce((t, e) => Math.max(t, e.start + e.duration), window.__shown);
        return performance.now() - last > 2_000;
      },
      null,
      { timeout: 30_000, polling: 250 },
    );
    const r = await page.evaluate(() => ({
      shown: window.__shown,
      inDom: window.__inDom,
      ready: window.__ready,
      longest: Math.max(0, ...window.__tasks.map((t) => t.duration)),
      longestBefore: Math.max(0, ...window.__tasks.filter((t) => t.start < window.__shown).map((t) => t.duration)),
      tasks: window.__tasks.length,
      memory: window.__wasmMemory?.buffer.byteLength ?? NaN,
    }));
    r.keys4 = quantile(await timeKeystrokes(page, '[data-testid="usaha-search"]', WORDS, 2, true), 0.95);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    r.keys1 = quantile(await timeKeystrokes(page, '[data-testid="usaha-search"]', WORDS, 2, true), 0.95);
    r.memoryAfter = await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? NaN);
    runs.push(r);
    const mb = (b) => (b / 2 ** 20).toFixed(1);
    console.log(
      `run ${run + 1}: shown ${r.shown.toFixed(0)} ms (in the DOM ${r.inDom.toFixed(0)}), every record read ${r.ready.toFixed(0)} ms, longest task ${r.longest.toFixed(0)} ms ` +
        `(before shown ${r.longestBefore.toFixed(0)}; ${r.tasks} long tasks), wasm memory ${mb(r.memory)} MB (${mb(r.memoryAfter)} after searching), ` +
        `keystroke p95 ${r.keys4.toFixed(1)} ms at 4x, ${r.keys1.toFixed(1)} ms at 1x`,
    );
    await context.close();
  }
} finally {
  await server.stop();
  rmSync(profile, { recursive: true, force: true });
}
const m = (key) => median(runs.map((r) => r[key]));
console.log(
  `opening ${AT} with ${COUNT} Usaha, browser started on its stored profile, 4x CPU, medians of ${RUNS}: ` +
    `list shown ${m("shown").toFixed(0)} ms, every record read ${m("ready").toFixed(0)} ms, longest task ${m("longest").toFixed(0)} ms (before shown ${m("longestBefore").toFixed(0)} ms), ` +
    `wasm memory ${(m("memory") / 2 ** 20).toFixed(1)} MB; search keystroke p95 ${m("keys4").toFixed(1)} ms at 4x, ${m("keys1").toFixed(1)} ms at 1x`,
);
