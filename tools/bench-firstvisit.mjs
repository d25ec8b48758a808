// Issue 15 benchmark: a new officer's first visit on a slow rural link, in headless Chromium on a
// 360 × 740 phone with Chrome's "Slow 4G" (562.5 ms latency, 1.44 Mbps down, 675 kbps up) and
// the CPU slowed 4×, each run in a new profile:
// - first paint: the first contentful paint (the app's frame and "Memuat…", once index.html
//   carries them; before that, the app's first render);
// - usable: the Usaha list shown after a tap on its menu entry, the tap made as soon as the menu
//   button is there;
// - bytes: everything the browser downloaded (page and the service worker's precache together),
//   counted by a proxy in front of the server, until the service worker is ready;
// - repeat: the same page reloaded once the service worker controls it.
// The server sends the build's precompressed copies (tools/serve.mjs). Prints medians of the
// runs. Not a gate.        node tools/bench-firstvisit.mjs [--dist DIR] [runs, default 5]
import { countingProxy, launchBrowser, startServer } from "../tests/e2e/helpers.mjs";

const args = process.argv.slice(2);
const at = args.indexOf("--dist");
const dist = at < 0 ? undefined : args.splice(at, 2)[1];
const RUNS = Number(args[0] || 5);
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: (1.44e6 / 8) * 0.9, uploadThroughput: (675e3 / 8) * 0.9 };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

const server = await startServer(dist);
const proxy = await countingProxy(server);
const base = proxy.url;

const browser = await launchBrowser();
const runs = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    proxy.bytes = 0;
    await page.goto(base, { waitUntil: "commit" });
    await page.locator(".topbar__menu").tap({ timeout: 60_000 });
    await page.locator("#main-nav").getByRole("link", { name: "Usaha", exact: true }).tap();
    await page.waitForFunction(() => document.querySelector('[data-testid="page-title"]')?.textContent === "Usaha", null, { timeout: 60_000 });
    const usable = await page.evaluate(() => performance.now());
    const paint = await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    const firstBytes = proxy.bytes;
    await page.reload({ waitUntil: "commit" });
    await page.waitForFunction(() => document.querySelector('[data-testid="page-title"]')?.textContent === "Usaha", null, { timeout: 60_000 });
    const repeat = await page.evaluate(() => performance.now());
    runs.push({ paint, usable, bytes: firstBytes, repeat });
    console.log(`run ${run + 1}: first paint ${paint.toFixed(0)} ms, usable ${usable.toFixed(0)} ms, ${(firstBytes / 1024).toFixed(0)} KB, repeat visit usable ${repeat.toFixed(0)} ms`);
    await context.close();
  }
} finally {
  await browser.close();
  await proxy.close();
  await server.stop();
}
const m = (key) => median(runs.map((r) => r[key]));
console.log(`first visit, Slow 4G + 4× CPU, medians of ${RUNS}: first paint ${m("paint").toFixed(0)} ms, usable ${m("usable").toFixed(0)} ms, ${(m("bytes") / 1024).toFixed(0)} KB downloaded (page and precache); repeat visit usable ${m("repeat").toFixed(0)} ms`);
