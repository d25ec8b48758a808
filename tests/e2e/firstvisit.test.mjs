// Issue 15, a first visit on a slow link: index.html paints the app's frame and "Memuat Sentra…"
// before the app's code has arrived, and the app replaces it when it mounts; the service worker
// precaches the app without downloading its wasm a second time (it takes the content-hashed
// files from the HTTP cache the page has just filled); the server sends the build's brotli copy
// to a browser that accepts it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { countingProxy, expectHeading, launchBrowser, openPage, serverFor } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test("the frame is painted before the app arrives, and the app is downloaded once", { timeout: 90_000 }, async (t) => {
  const server = await serverFor(t);
  const proxy = await countingProxy(server);
  t.after(() => proxy.close());
  const { page } = await openPage(t, browser);

  // Hold the app's wasm back, as a slow link does: the frame is there meanwhile.
  let release;
  const held = new Promise((ok) => (release = ok));
  await page.route(/_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(proxy.url, { waitUntil: "commit" });
  const waiting = page.locator("#loading-shell");
  await waiting.getByText("Memuat Sentra…").waitFor();
  assert.equal(await waiting.locator(".topbar__brand").textContent(), "Sentra");
  release();
  await expectHeading(page, "Beranda");
  assert.equal(await page.locator("#loading-shell").count(), 0, "the app took the frame's place");
  assert.equal(await page.locator(".topbar").count(), 1);

  // Once the service worker has precached the app, the main wasm has reached the server once.
  await page.evaluate(() => navigator.serviceWorker.ready);
  const wasm = proxy.paths.filter((p) => /^\/sentra-[0-9a-f]{8,16}_bg\.wasm$/.test(p));
  assert.equal(wasm.length, 1, `the app's wasm was downloaded ${wasm.length} times`);
  page.assertNoErrors();
});

test("a browser accepting brotli gets the build's precompressed copy", { timeout: 30_000 }, async (t) => {
  const server = await serverFor(t);
  const index = await fetch(server.url);
  const wasmPath = (await index.text()).match(/\/sentra-[0-9a-f]{8,16}_bg\.wasm/)[0];
  const raw = await fetch(new URL(wasmPath, server.url), { headers: { "accept-encoding": "identity" } });
  const rawSize = (await raw.arrayBuffer()).byteLength;
  // Node's fetch decodes what it is sent; the header says what travelled.
  const br = await fetch(new URL(wasmPath, server.url), { headers: { "accept-encoding": "br" } });
  assert.equal(br.headers.get("content-encoding"), "br");
  assert.equal(br.headers.get("vary"), "Accept-Encoding");
  assert.equal((await br.arrayBuffer()).byteLength, rawSize, "the same file, decoded");
  const gz = await fetch(new URL(wasmPath, server.url), { headers: { "accept-encoding": "gzip" } });
  assert.equal(gz.headers.get("content-encoding"), "gzip");
});
