// Issue 3 benchmark in headless Chromium: 50,000 synthetic Usaha in IndexedDB.
// - plain JavaScript baseline, same browser run: one-transaction write of the records (as
//   objects) into a separate database, then getAll;
// - the app: records written in its own format (JSON text per record), then the page reloaded;
//   the app reports opening + reading + parsing time in <body data-load-ms>;
// - search keystrokes on the real Usaha list, from the input event until the list re-rendered.
// Prints medians and ratios. Not a gate.   node tools/bench-records.mjs [count]
import { expectHeading, launchBrowser, quantile, startServer, timeKeystrokes } from "../tests/e2e/helpers.mjs";

const COUNT = Number(process.argv[2] || 50_000);
const server = await startServer();
const browser = await launchBrowser();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
try {
  const page = await (await browser.newContext()).newPage();
  await page.goto(new URL("/usaha", server.url).href);
  await expectHeading(page, "Usaha");
  await page.getByTestId("empty-state").waitFor();

  const seeded = await page.evaluate(async (count) => {
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

    // Plain-JS baseline: objects, one transaction, then getAll.
    const js = await open("bench-plain-js", 1, (db) => db.createObjectStore("usaha", { keyPath: "id" }));
    let t = performance.now();
    let tx = js.transaction("usaha", "readwrite");
    for (const r of records) tx.objectStore("usaha").put(r);
    await done(tx);
    const jsWrite = performance.now() - t;
    t = performance.now();
    const back = await getAll(js.transaction("usaha").objectStore("usaha"));
    const jsRead = performance.now() - t;
    js.close();

    // The app's database, in the app's format (JSON text keyed by id), same batching.
    const app = await open("sentra");
    t = performance.now();
    tx = app.transaction("usaha", "readwrite");
    texts.forEach((text, i) => tx.objectStore("usaha").put(text, records[i].id));
    await done(tx);
    const appFormatWrite = performance.now() - t;
    app.close();
    const bytes = texts.reduce((n, s) => n + s.length, 0);
    return { jsWrite, jsRead, jsReadCount: back.length, appFormatWrite, bytes };
  }, COUNT);

  const loads = [];
  for (let i = 0; i < 3; i++) {
    await page.reload();
    await page.getByTestId("usaha-count").waitFor({ timeout: 120_000 });
    loads.push(Number(await page.evaluate(() => document.body.dataset.loadMs)));
  }
  const count = await page.getByTestId("usaha-count").textContent();
  if (!count.startsWith(`${COUNT} dari ${COUNT}`)) throw new Error(`the app did not load every record: ${count}`);

  const keystrokes = await timeKeystrokes(
    page,
    '[data-testid="usaha-search"]',
    ["batik sekar", "pemilik 4999", "keripik", "tutup", "jalan raya 12"],
    3,
    true,
  );
  const rendered = await page.locator('[data-testid="usaha-list"] li').count();
  const p95 = quantile(keystrokes, 0.95);
  const ours = median(loads);
  console.log(`${COUNT} Usaha, ${(seeded.bytes / 1e6).toFixed(1)} MB as stored JSON text`);
  console.log(`plain JS (objects, one transaction): write ${seeded.jsWrite.toFixed(0)} ms, read ${seeded.jsRead.toFixed(0)} ms (${seeded.jsReadCount} records)`);
  console.log(`plain JS write in the app's format (JSON text): ${seeded.appFormatWrite.toFixed(0)} ms`);
  console.log(`app load at start (open + read + parse), median of 3: ${ours} ms [${loads.join(", ")}]; ratio to plain-JS read: ${(ours / seeded.jsRead).toFixed(2)}x`);
  console.log(`search keystroke until the list updated: median ${median(keystrokes).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (${keystrokes.length} keystrokes); rows rendered: ${rendered}`);
} finally {
  await browser.close();
  await server.stop();
}
