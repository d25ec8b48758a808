// Shared pieces of the end-to-end tests: a real server on 127.0.0.1 (tools/serve.mjs) and
// Debian's Chromium driven by playwright-core (which never downloads a browser of its own).
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

export const ROOT = resolve(import.meta.dirname, "..", "..");
/** The built app: dist/ here, or SENTRA_DIST (a benchmark comparing two builds). */
export const DIST = resolve(ROOT, process.env.SENTRA_DIST || "dist");
/** Cargo's target directory, where the hub's binary is: CARGO_TARGET_DIR as cargo reads it (a
 * git worktree with its own), else target/ here. */
export const TARGET = resolve(ROOT, process.env.CARGO_TARGET_DIR || "target");

/** Starts tools/serve.mjs on a free port for test `t` (stopped when it ends, passed or failed). */
export async function serverFor(t, dir = DIST) {
  const server = await startServer(dir);
  t.after(() => server.stop());
  return server;
}

/** Starts tools/serve.mjs on a free port; resolves once it listens. */
export function startServer(dir = DIST) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "tools", "serve.mjs"), "--dir", dir, "--port", "0"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const timer = setTimeout(() => reject(new Error("server did not start in 10 s")), 10_000);
    child.on("exit", (code) => reject(new Error(`server exited early (${code})`)));
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (text) => {
      const match = text.match(/served at (http:\/\/\S+\/)/);
      if (!match) return;
      clearTimeout(timer);
      // Bounded: SIGKILL if the server has not exited 3 s after SIGTERM.
      const stop = () =>
        new Promise((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.removeAllListeners("exit");
          const force = setTimeout(() => child.kill("SIGKILL"), 3_000);
          child.once("exit", () => {
            clearTimeout(force);
            done();
          });
          child.kill("SIGTERM");
        });
      resolvePromise({ url: match[1], stop });
    });
  });
}

/**
 * A proxy on 127.0.0.1 in front of `server` that counts what reaches it: `bytes` of response
 * bodies as sent (compressed when the browser accepted it) and `paths` requested, in order.
 * Sees the service worker's requests too, which a page's own network events do not.
 */
export async function countingProxy(server) {
  const upstream = new URL(server.url);
  const counted = { bytes: 0, paths: [] };
  const proxy = createServer((req, res) => {
    counted.paths.push(new URL(req.url, "http://x").pathname);
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode, answer.headers);
        answer.on("data", (chunk) => (counted.bytes += chunk.length));
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  await new Promise((ok) => proxy.listen(0, "127.0.0.1", ok));
  counted.url = `http://127.0.0.1:${proxy.address().port}/`;
  counted.close = () => new Promise((ok) => { proxy.closeAllConnections(); proxy.close(ok); });
  return counted;
}

/**
 * axe-core's violations on the page as "rule: target", one per element (axe injected once per
 * document). `tags`: only the rules of these tags (e.g. WCAG 2.1 A/AA); every rule without.
 */
export async function axeViolations(page, tags = null) {
  if (!(await page.evaluate(() => "axe" in window))) {
    await page.addScriptTag({ path: join(ROOT, "node_modules", "axe-core", "axe.min.js") });
  }
  return page.evaluate(async (tags) => {
    const options = tags ? { runOnly: { type: "tag", values: tags } } : {};
    const result = await window.axe.run(document, { ...options, resultTypes: ["violations"] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
  }, tags);
}

/** A copy of the built app in a temporary folder, for tests that "deploy" a change to it. */
export function copyOfDist() {
  const dir = mkdtempSync(join(tmpdir(), "sentra-dist-"));
  cpSync(DIST, dir, { recursive: true });
  return dir;
}

/** Chromium's flags for tests and benchmarks (a profile of their own, nothing in the background). */
export const BROWSER_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: BROWSER_ARGS,
  });
}

/**
 * A fresh browser profile and a page in it, closed when test `t` ends, passed or failed.
 * Uncaught page errors (a wasm panic, say) are collected; `assertNoErrors()` fails the test on any.
 */
export async function openPage(t, browser, options = {}) {
  const context = await browser.newContext(options);
  t.after(() => context.close());
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (err) => errors.push(err.message));
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.assertNoErrors = () => {
    if (errors.length) throw new Error(`errors in the page:\n${errors.join("\n")}`);
  };
  return { context, page };
}

/** Waits until the page's heading reads `text`. */
export async function expectHeading(page, text, timeout = 15_000) {
  try {
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid="page-title"]')?.textContent === want,
      text,
      { timeout },
    );
  } catch {
    const got = await page.locator('[data-testid="page-title"]').first().textContent().catch(() => null);
    throw new Error(`expected the heading "${text}", found ${JSON.stringify(got)} at ${page.url()}`);
  }
}

/** Resolves once a service worker controls the page; fails after `timeout` ms. */
export function waitForServiceWorkerControl(page, timeout = 20_000) {
  return page.evaluate(async (timeout) => {
    const controlled = (async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
      }
    })();
    const late = new Promise((_, fail) =>
      setTimeout(() => fail(new Error(`no service worker controlled the page within ${timeout} ms`)), timeout),
    );
    await Promise.race([controlled, late]);
  }, timeout);
}

/** The build id of the service worker that controls the page. */
export function controllingBuildId(page) {
  return page.evaluate(
    () =>
      new Promise((resolveId) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => resolveId(event.data);
        navigator.serviceWorker.controller.postMessage("build-id", [channel.port2]);
      }),
  );
}

/** Types into a combobox and picks the option whose text contains `want`. */
export async function pick(page, inputId, typed, want) {
  await page.locator(`#${inputId}`).fill(typed);
  const option = page.locator(`#${inputId}-list [role="option"]`, { hasText: want }).first();
  await option.waitFor({ timeout: 15_000 });
  await option.dispatchEvent("mousedown");
}


/**
 * Times keystrokes inside the page: for every prefix of every word, from dispatching the input
 * event on `selector` until the view has re-rendered (a macrotask queued after Leptos'
 * microtask effects). Returns the times in ms, sorted. `clearBetween` empties the field after
 * each word.
 */
export function timeKeystrokes(page, selector, words, rounds, clearBetween = false) {
  return page.evaluate(
    async ({ selector, words, rounds, clearBetween }) => {
      const input = document.querySelector(selector);
      const afterRender = () =>
        new Promise((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = resolve;
          channel.port2.postMessage(0);
        });
      const type = async (text) => {
        input.value = text;
        const t0 = performance.now();
        input.dispatchEvent(new Event("input", { bubbles: true }));
        await afterRender();
        return performance.now() - t0;
      };
      const out = [];
      for (let round = 0; round < rounds; round++) {
        for (const word of words) {
          for (let end = 1; end <= word.length; end++) out.push(await type(word.slice(0, end)));
          if (clearBetween) await type("");
        }
      }
      return out.sort((a, b) => a - b);
    },
    { selector, words, rounds, clearBetween },
  );
}

/** The q-quantile of sorted numbers. */
export const quantile = (sorted, q) => sorted[Math.floor((sorted.length - 1) * q)];

/**
 * Replaces the app's IndexedDB with `count` synthetic Usaha in the version-2 layout (JSON text
 * per record, keyed by id); reload the page afterwards, and the app upgrades them to chunks.
 * With `baseline`, first times a plain-JS batched write and read of the same records (as
 * objects) in a separate database. Returns the timings and the stored size.
 */
export function seedUsaha(page, count, baseline = false) {
  return page.evaluate(async ({ count, baseline }) => {
    const villages = ["35.29.02.2004", "35.29.04.2006", "35.29.22.2006", "35.29.06.2012", "35.29.01.1015"];
    const words = ["Batik", "Tempe", "Keripik", "Anyaman", "Gerabah", "Mebel", "Terasi", "Tenun", "Ukiran", "Kerupuk"];
    const names = ["Sekar", "Jaya", "Makmur", "Abadi", "Lestari", "Barokah", "Mandiri", "Sari", "Indah", "Rejeki"];
    const device = "0f3b6a2c-5d1e-4c6b-9a7f-2b8e4d1c9a00";
    let wall = 1_750_000_000_000;
    const stamp = () => ({ wall: wall++, counter: 0, device });
    const field = (value) => ({ value, stamp: stamp(), by: "Petugas Uji" });
    const records = [];
    for (let i = 0; i < count; i++) {
      const created = stamp();
      records.push({
        id: `${device}-${created.wall.toString(16)}-0`,
        kind: "usaha",
        created,
        fields: {
          nama: field(`${words[i % 10]} ${names[(i * 7) % 10]} ${i}`),
          pemilik: field(`Pemilik ${i}`),
          telepon: field(`0812${String(10_000_000 + i).slice(-8)}`),
          desa: field(villages[i % villages.length]),
          komoditas: field(words[i % 10]),
          produk: field(`${words[i % 10].toLowerCase()} aneka rasa`),
          tenaga_kerja: field(1 + (i % 30)),
          modal: field(50_000_000 + (i % 100) * 10_000_000),
          penjualan: field(100_000_000 + (i % 50) * 40_000_000),
          tahun_mulai: field(1990 + (i % 35)),
          status: field(["aktif", "tidak_aktif", "tutup"][i % 3]),
          alamat: field(`Jalan Raya ${i % 200}`),
        },
      });
    }
    const texts = records.map((r) => JSON.stringify(r));
    const done = (tx) => new Promise((ok, fail) => { tx.oncomplete = ok; tx.onerror = tx.onabort = () => fail(tx.error); });
    const open = (name, version, upgrade) => new Promise((ok, fail) => {
      const req = indexedDB.open(name, version);
      req.onupgradeneeded = () => upgrade && upgrade(req.result);
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    const getAll = (store) => new Promise((ok, fail) => { const r = store.getAll(); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });

    let jsWrite = 0, jsRead = 0, back = [];
    if (baseline) {
      // Plain-JS baseline: objects, one transaction, then getAll.
      const js = await open("bench-plain-js", 1, (db) => db.createObjectStore("usaha", { keyPath: "id" }));
      let t = performance.now();
      const tx = js.transaction("usaha", "readwrite");
      for (const r of records) tx.objectStore("usaha").put(r);
      await done(tx);
      jsWrite = performance.now() - t;
      t = performance.now();
      back = await getAll(js.transaction("usaha").objectStore("usaha"));
      jsRead = performance.now() - t;
      js.close();
    }

    // The app's database as version 2 of the app kept it: one JSON text per record, keyed by
    // id. The app's next start upgrades it to chunks, so every test that seeds also runs that
    // upgrade. The page's own connection closes when asked, so the old database can go first.
    await new Promise((ok, fail) => {
      const req = indexedDB.deleteDatabase("sentra");
      req.onsuccess = ok;
      req.onerror = () => fail(req.error);
    });
    const app = await open("sentra", 2, (db) => {
      for (const store of ["usaha", "sentra", "survei_desa", "kawasan", "kegiatan", "mitra", "jejaring", "meta", "import_log"]) {
        db.createObjectStore(store);
      }
    });
    const t = performance.now();
    const tx = app.transaction("usaha", "readwrite");
    texts.forEach((text, i) => tx.objectStore("usaha").put(text, records[i].id));
    await done(tx);
    const appFormatWrite = performance.now() - t;
    app.close();
    const bytes = texts.reduce((n, s) => n + s.length, 0);
    return { jsWrite, jsRead, jsReadCount: back.length, appFormatWrite, bytes };
  }, { count, baseline });
}

/** A locator's text as a reader sees it: trimmed, runs of white space as one space. */
export async function shownText(locator) {
  return (await locator.textContent()).trim().replace(/\s+/g, " ");
}

/** The cells of a table's rows (header rows included) as shown, once its total row is there. */
export async function tableCells(page, testid) {
  await page.getByTestId(testid).locator("tfoot tr").waitFor();
  return page.getByTestId(testid).locator("tr").evaluateAll((rows) =>
    rows.map((r) => [...r.children].map((c) => c.textContent.trim().replace(/\s+/g, " "))));
}

/** Chooses Kabupaten Sumenep as the working area in Pengaturan and waits for its villages. */
export async function chooseWorkArea(page, base) {
  await page.goto(new URL("/pengaturan", base).href);
  await expectHeading(page, "Pengaturan");
  await pick(page, "work-area", "sumenep", "Kabupaten Sumenep");
  await page.getByTestId("work-area-ready").filter({ hasText: "334" }).waitFor();
}

/**
 * Lets a test fill the disk (`diskFull`): from then on, while the flag is set, every IndexedDB
 * write in `page` fails as Chromium fails it when the quota is used up.
 */
export function fillableDisk(page) {
  return page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (globalThis.__storageFull) throw new DOMException("Quota exceeded", "QuotaExceededError");
      return put.apply(this, args);
    };
  });
}

/** The disk full (every write refused) or not, after `fillableDisk`. */
export function diskFull(page, full) {
  return page.evaluate((full) => { globalThis.__storageFull = full; }, full);
}

/** The first screen `name` as the app keeps it in IndexedDB ("<count of writes> <json>"), or null. */
export function keptScreen(page, name) {
  return page.evaluate(
    (name) =>
      new Promise((ok, fail) => {
        const req = indexedDB.open("sentra");
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          const get = req.result.transaction("screens").objectStore("screens").get(name);
          get.onsuccess = () => {
            ok(get.result ?? null);
            req.result.close();
          };
        };
      }),
    name,
  );
}

/** docs/bundle-format.md's canonical form: keys sorted, no whitespace, without `checksum`. */
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const keys = Object.keys(value).filter((k) => k !== "checksum").sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Takes `--name value` out of a command line's `args` (changed in place): the value, or `fallback`. */
export function cliOption(args, name, fallback) {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const [, value] = args.splice(i, 2);
  return value;
}
