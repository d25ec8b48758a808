// The office hub, as officers and the office meet it (issue 13): a real `sentra-hub` process on
// 127.0.0.1 with its SQLite file serves the app and the sync API; two browser profiles enrol
// with one-time codes from its command line, edit offline, come online and converge without a
// click, the conflict in both inboxes; the hub stopped during a sync loses nothing; a revoked
// device is told so and enrols again from the same card. A pull asks for the next page before
// reading the current one; two tabs of one device sync one at a time.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { DIST, ROOT, TARGET, expectHeading, launchBrowser, openPage, seedUsaha } from "./helpers.mjs";
import { twelveMegapixels } from "./photo-files.mjs";

let browser;
let hubBin;
before(async () => {
  // The hub's tests built it already; this only checks (a second or two when nothing changed).
  execFileSync("cargo", ["build", "--locked", "-q", "-p", "sentra-hub"], { cwd: ROOT, stdio: "inherit" });
  hubBin = join(TARGET, "debug", "sentra-hub");
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A free port on 127.0.0.1, so the hub comes back on the same address after a restart. */
function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** The hub's command line on `database`. */
function cli(database, args) {
  return execFileSync(hubBin, args, { env: { ...process.env, DATABASE_URL: database }, encoding: "utf8" });
}

/** Starts `sentra-hub serve` on `port`; resolves with a stop function once it listens. */
function startHub(database, port) {
  return new Promise((resolve, reject) => {
    const child = spawn(hubBin, ["serve", "--host", "127.0.0.1", "--port", String(port), "--dist", DIST], {
      env: { ...process.env, DATABASE_URL: database },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const timer = setTimeout(() => reject(new Error("hub did not start in 20 s")), 20_000);
    child.on("exit", (code) => reject(new Error(`hub exited early (${code})`)));
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (text) => {
      if (!text.includes("sentra-hub: http://")) return;
      clearTimeout(timer);
      child.removeAllListeners("exit");
      resolve({
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGKILL");
          }),
      });
    });
  });
}

/** A one-time code for `name`, by default for Kabupaten Sumenep (35.29). */
function officer(database, name, scope = ["--kabupaten", "35.29"]) {
  const out = cli(database, ["officer", "add", name, ...scope]);
  return out.match(/Code:\s+(\S+)/)[1];
}

/** An officer's browser profile, enrolled with the hub in Pengaturan. */
async function enrolled(t, base, database, name, scope) {
  const { page, context } = await openPage(t, browser);
  await page.goto(new URL("/pengaturan", base).href);
  await expectHeading(page, "Pengaturan");
  await page.getByTestId("kantor-address").fill(base);
  await page.getByTestId("kantor-code").fill(officer(database, name, scope));
  await page.getByTestId("kantor-connect").click();
  await page.getByTestId("kantor-linked").filter({ hasText: name }).waitFor();
  await page.getByTestId("sync-status").filter({ hasText: "Sinkron terakhir" }).waitFor();
  return { page, context };
}

async function newMitra(page, base, name) {
  await page.goto(new URL("/mitra/baru", base).href);
  await page.getByLabel("Nama mitra").fill(name);
  await page.getByLabel("Jenis mitra").selectOption("ritel");
  await page.getByTestId("save").click();
  await page.getByTestId("record-detail").waitFor();
  return page.url();
}

/** Edits the partner's contact. `url`: open it first (online); without, the page is on it already
 * (offline, the app moves between its pages with no network). */
async function editNarahubung(page, url, value) {
  if (url) await page.goto(url);
  await page.getByTestId("edit").click();
  await page.getByLabel("Narahubung").fill(value);
  await page.getByTestId("save").click();
  await page.getByTestId("record-detail").waitFor();
}

test("two officers sync through a real hub: offline edits converge without a click, the conflict in both inboxes", { timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "sentra-hub-e2e-"));
  const database = `sqlite://${dir}/hub.db?mode=rwc`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let hub = await startHub(database, port);
  t.after(() => hub.stop());

  const { page: a, context: ctxA } = await enrolled(t, base, database, "Ani Uji");
  const { page: b, context: ctxB } = await enrolled(t, base, database, "Budi Uji");
  // The card names the officer's area from the region data, its code beside it.
  await a.getByTestId("kantor-scope").filter({ hasText: "Wilayah: Kabupaten Sumenep (35.29)" }).waitFor();
  const crashes = [];
  for (const page of [a, b]) page.on("pageerror", (e) => crashes.push(e.message));

  // A records a partner; a little after the save it reaches the hub by itself.
  const url = await newMitra(a, base, "Toko Sinkron");
  await a.goto(new URL("/pengaturan", base).href);
  await a.getByTestId("sync-status").filter({ hasText: "Sinkron terakhir" }).waitFor({ timeout: 30_000 });
  assert.doesNotMatch(await a.getByTestId("sync-status").textContent(), /menunggu/);

  // B opens the app: it pulls by itself.
  await b.goto(new URL("/mitra", base).href);
  await b.getByTestId("record-count").filter({ hasText: "1 dari 1 data" }).waitFor({ timeout: 30_000 });
  const urlB = new URL(url).pathname;

  // Both go offline and change the same field.
  await a.goto(url);
  await a.getByTestId("record-detail").waitFor();
  await b.goto(new URL(urlB, base).href);
  await b.getByTestId("record-detail").waitFor();
  await ctxA.setOffline(true);
  await ctxB.setOffline(true);
  await editNarahubung(a, null, "Pak Ani");
  await editNarahubung(b, null, "Bu Budi");
  // Online again: the browser's "online" event starts the sync, A first, then B.
  await ctxA.setOffline(false);
  await a.goto(new URL("/pengaturan", base).href);
  await a.getByTestId("sync-status").filter({ hasText: "Sinkron terakhir" }).waitFor({ timeout: 30_000 });
  await ctxB.setOffline(false);
  await b.goto(new URL("/bagikan", base).href);
  await b.getByTestId("conflict").first().waitFor({ timeout: 30_000 });
  // B finds the conflict when it pulls, then pushes its version: A must not sync in between.
  await b.getByTestId("sync-status").filter({ hasText: "Sinkron terakhir" }).waitFor({ timeout: 30_000 });
  assert.doesNotMatch(await b.getByTestId("sync-status").textContent(), /menunggu/);
  // A pulls B's version (later stamp) on its next sync; it finds the conflict too.
  await a.goto(new URL("/bagikan", base).href);
  await a.getByTestId("conflict").first().waitFor({ timeout: 30_000 });
  for (const page of [a, b]) {
    await page.goto(new URL(urlB, base).href);
    await page.getByTestId("record-detail").filter({ hasText: "Bu Budi" }).waitFor({ timeout: 30_000 });
  }

  // The hub stops while A has a change waiting: nothing is lost, and it goes once the hub is back.
  await hub.stop();
  await editNarahubung(a, url, "Pak Ani lagi");
  await a.goto(new URL("/pengaturan", base).href);
  await a.getByTestId("sync-now").click();
  await a.getByTestId("sync-status").filter({ hasText: "Kantor tidak bisa dihubungi" }).waitFor({ timeout: 30_000 });
  assert.match(await a.getByTestId("sync-status").textContent(), /1 perubahan menunggu/);
  hub = await startHub(database, port);
  await a.getByTestId("sync-now").click();
  await a.getByTestId("sync-status").filter({ hasText: "Sinkron terakhir" }).waitFor({ timeout: 30_000 });
  await b.goto(new URL("/pengaturan", base).href);
  await b.getByTestId("sync-now").click();
  await b.goto(new URL(urlB, base).href);
  await b.getByTestId("record-detail").filter({ hasText: "Pak Ani lagi" }).waitFor({ timeout: 30_000 });

  // The office revokes B's device: B is told, and keeps its records.
  const device = await b.evaluate(() => JSON.parse(localStorage.getItem("sentra.profile")).device_id);
  cli(database, ["device", "revoke", device]);
  await b.goto(new URL("/pengaturan", base).href); // opening the app syncs
  await b.getByTestId("sync-status").filter({ hasText: "Perangkat ini dicabut oleh kantor" }).waitFor({ timeout: 30_000 });
  await b.goto(new URL("/mitra", base).href);
  await b.getByTestId("record-count").filter({ hasText: "1 dari 1 data" }).waitFor();

  // A change made while revoked waits; the card offers the enrol form there and then, the
  // hub's address filled in: a new code from the office, and B is back without "Putuskan".
  await editNarahubung(b, new URL(urlB, base).href, "Bu Budi lagi");
  await b.goto(new URL("/pengaturan", base).href);
  await b.getByTestId("sync-status").filter({ hasText: "Perangkat ini dicabut oleh kantor" }).waitFor();
  assert.equal(await b.getByTestId("kantor-address").inputValue(), base);
  assert.equal(await b.getByTestId("sync-now").count(), 0);
  await b.getByTestId("kantor-code").fill(officer(database, "Budi Uji"));
  await b.getByTestId("kantor-connect").click();
  await b.getByTestId("kantor-enrol").waitFor({ state: "detached" });
  await b.getByTestId("sync-status").filter({ hasText: "Sinkron terakhir" }).waitFor({ timeout: 30_000 });
  assert.doesNotMatch(await b.getByTestId("sync-status").textContent(), /menunggu/);
  await a.goto(url); // opening the app syncs
  await a.getByTestId("record-detail").filter({ hasText: "Bu Budi lagi" }).waitFor({ timeout: 30_000 });
  // No panic or uncaught error (refused connections and 401s are logged by the browser itself).
  assert.deepEqual(crashes, []);
});

/** A hub of its own on a fresh SQLite file for test `t`: its address and database. */
async function hubFor(t) {
  const dir = mkdtempSync(join(tmpdir(), "sentra-hub-e2e-"));
  const database = `sqlite://${dir}/hub.db?mode=rwc`;
  const port = await freePort();
  const hub = await startHub(database, port);
  t.after(() => hub.stop());
  return { base: `http://127.0.0.1:${port}`, database };
}

test("a pull asks for the next page before reading the one it has (the hub builds it meanwhile)", { timeout: 60_000 }, async (t) => {
  const { base, database } = await hubFor(t);
  // A province-wide officer (an office laptop): the card names the province.
  const { page } = await enrolled(t, base, database, "Dinas Jatim", ["--provinsi", "35"]);
  await page.getByTestId("kantor-scope").filter({ hasText: "Wilayah: Provinsi Jawa Timur (35)" }).waitFor();
  // A device with no working area takes the officer's: the province (issue 18).
  assert.equal(await page.getByTestId("work-area-current").textContent(), "Provinsi Jawa Timur (35)");
  // The hub's first page says more follow after sequence 77, and cannot be read: were the next
  // page asked for only after reading this one, it would never be asked for.
  await page.route(/\/api\/v1\/pull\?since=0/, (route) =>
    route.fulfill({
      status: 200,
      headers: { "Content-Type": "application/json", "X-Sentra-Cursor": "77", "X-Sentra-More": "true" },
      body: "{}",
    }),
  );
  const next = page.waitForRequest((r) => r.url().includes("/api/v1/pull?since=77"), { timeout: 15_000 });
  await page.getByTestId("sync-now").click();
  await next;
  // The page that could not be read stops the sync, and the cursor stays where it was.
  await page.locator(".sync-status--failed").waitFor({ timeout: 15_000 });
  assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem("sentra.kantor")).cursor), 0);
});

test("two tabs of one device sync one at a time: the other says so, then shows what the sync found", { timeout: 120_000 }, async (t) => {
  const { base, database } = await hubFor(t);
  const { page: colleague } = await enrolled(t, base, database, "Budi Uji");
  const { page: a, context } = await enrolled(t, base, database, "Ani Uji");
  const b = await context.newPage();
  await b.goto(new URL("/pengaturan", base).href);
  await b.getByTestId("sync-status").filter({ hasText: "Sinkron terakhir" }).waitFor({ timeout: 30_000 });
  // A colleague's record reaches the hub after both tabs opened.
  await newMitra(colleague, base, "Toko Dua Tab");
  await colleague.goto(new URL("/pengaturan", base).href);
  await colleague.getByTestId("sync-status").filter({ hasText: "Sinkron terakhir" }).waitFor({ timeout: 30_000 });

  // From now on the hub's pages are held until the test lets them go, and every pull is noted
  // with the tab that asked.
  let letGo;
  const held = new Promise((resolve) => (letGo = resolve));
  const pulls = [];
  await context.route(/\/api\/v1\/pull/, async (route) => {
    pulls.push(route.request().frame().page() === a ? "a" : "b");
    const response = await route.fetch();
    await held;
    await route.fulfill({ response });
  });
  await a.getByTestId("sync-now").click();
  await a.getByTestId("sync-status").filter({ hasText: "Sedang sinkron" }).waitFor();
  await b.getByTestId("sync-now").click();
  await b.getByTestId("sync-status").filter({ hasText: "Tab Sentra lain sedang sinkron" }).waitFor({ timeout: 15_000 });
  assert.ok(await b.getByTestId("sync-now").isDisabled());
  letGo();
  await a.getByTestId("sync-status").filter({ hasText: "Sinkron terakhir" }).waitFor({ timeout: 30_000 });
  await b.getByTestId("sync-status").filter({ hasText: "Sinkron terakhir" }).waitFor({ timeout: 30_000 });
  assert.deepEqual(pulls, ["a"], "only the tab holding the lock pulled");
  // What A pulled reached B too (A told it; B read it back), without a reload.
  await b.locator('nav a[href="/mitra"]').dispatchEvent("click");
  await b.getByTestId("record-count").filter({ hasText: "1 dari 1 data" }).waitFor({ timeout: 15_000 });
  assert.deepEqual(pulls, ["a"]);
});

test("a photo crosses the hub once: up after its record, down to the other officer's device, by its hash", { timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "sentra-hub-photo-"));
  const database = `sqlite://${dir}/hub.db?mode=rwc`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const hub = await startHub(database, port);
  t.after(() => hub.stop());
  const uploads = [];
  const downloads = [];
  const { page: a } = await enrolled(t, base, database, "Ani Uji");
  a.on("request", (r) => r.method() === "PUT" && r.url().includes("/api/v1/photos/") && uploads.push(r.url()));
  // A's Usaha in Sumenep, in the office's scope, then a photo of it.
  await seedUsaha(a, 1);
  await a.goto(new URL("/usaha", base).href);
  await a.getByTestId("usaha-list").getByRole("link").first().click();
  const file = join(dir, "produk.jpg");
  writeFileSync(file, await twelveMegapixels(a, 31, 2000, 1500));
  await a.getByTestId("photo-input").setInputFiles(file);
  await a.getByTestId("photo").locator("img.photos__thumb").waitFor({ timeout: 30_000 });
  const hash = await a.getByTestId("photo").getAttribute("data-hash");
  await a.goto(new URL("/pengaturan", base).href);
  await a.getByTestId("sync-now").click();
  await a.getByTestId("sync-status").filter({ hasText: "Sinkron terakhir" }).waitFor({ timeout: 30_000 });
  for (let i = 0; uploads.length === 0 && i < 100; i++) await a.waitForTimeout(100);
  assert.deepEqual(uploads, [`${base}/api/v1/photos/${hash}`]);

  // B pulls the record, then the photo; the same bytes.
  const { page: b } = await enrolled(t, base, database, "Budi Uji");
  b.on("request", (r) => r.method() === "GET" && r.url().includes("/api/v1/photos/") && downloads.push(r.url()));
  await b.goto(new URL("/usaha", base).href);
  await b.getByTestId("usaha-list").getByRole("link").first().click();
  await b.getByTestId("photo").locator("img.photos__thumb").waitFor({ timeout: 30_000 });
  assert.equal(await b.getByTestId("photo").getAttribute("data-hash"), hash);
  // Fetched in B's first rounds (possibly before this page was watched), at most once since.
  assert.ok(downloads.length <= 1, downloads.join());
  const fetched = downloads.length;

  // Another round on each: nothing goes again.
  for (const page of [a, b]) {
    await page.goto(new URL("/pengaturan", base).href);
    await page.getByTestId("sync-now").click();
    await page.getByTestId("sync-status").filter({ hasText: "Sinkron terakhir" }).waitFor({ timeout: 30_000 });
  }
  await a.waitForTimeout(500);
  assert.equal(uploads.length, 1, "the hub has it: not sent again");
  assert.equal(downloads.length, fetched, "B has it: not fetched again");
  a.assertNoErrors();
  b.assertNoErrors();
});
