// Sharing records as a file: what has not been shared is counted on Beranda, Bagikan and each
// record; an export downloads a bundle (headless Chromium has no share sheet) whose checksum a
// second implementation of the documented canonical form (here, in JavaScript) agrees with;
// after it, only later changes count as not shared, across a reload.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { after, before, test } from "node:test";
import {
  canonical,
  chooseWorkArea,
  expectHeading,
  launchBrowser,
  openPage,
  seedUsaha,
  serverFor,
  waitForServiceWorkerControl,
} from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function exported(page, button) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(button).click()]);
  const bundle = JSON.parse(readFileSync(await download.path(), "utf8"));
  return { name: download.suggestedFilename(), bundle };
}

test("records not yet shared are counted, exported as a checked bundle, then counted as shared", { timeout: 90_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser, { acceptDownloads: true });
  await page.goto(new URL("/bagikan", server.url).href);
  await expectHeading(page, "Bagikan");
  await page.getByTestId("empty-state").waitFor();
  await chooseWorkArea(page, server.url);

  for (const name of ["Koperasi Uji Satu", "Toko Uji Dua"]) {
    await page.goto(new URL("/mitra/baru", server.url).href);
    await page.getByLabel("Nama mitra").fill(name);
    await page.getByLabel("Jenis mitra").selectOption("ritel");
    await page.getByLabel("Telepon").fill("0812-5555-6666");
    await page.getByTestId("save").click();
    await page.getByTestId("record-detail").waitFor();
  }
  await page.getByTestId("unshared").waitFor();
  const detail = page.url();

  await page.goto(new URL("/", server.url).href);
  assert.match(await page.getByTestId("beranda-counts").textContent(), /Mitra\s*2/);
  assert.equal((await page.getByTestId("beranda-unshared").textContent()).trim(), "2 data belum dibagikan.");

  await page.goto(new URL("/bagikan", server.url).href);
  assert.equal((await page.getByTestId("unshared-count").textContent()).trim(), "2 data belum dibagikan.");
  const first = await exported(page, "share-changes");
  const today = new Date().toISOString().slice(0, 10);
  assert.match(first.name, new RegExp(`^sentra-sumenep-${today.slice(0, 8)}\\d\\d\\.json$`));
  assert.equal(first.bundle.format, "sentra-bundle");
  assert.equal(first.bundle.version, "1.4");
  assert.equal(first.bundle.kabupaten, "35.29");
  assert.equal(first.bundle.scope, "all");
  assert.equal(first.bundle.records.length, 2);
  assert.equal(first.bundle.records[0].kind, "mitra");
  const sum = createHash("sha256").update(canonical(first.bundle)).digest("hex");
  assert.equal(first.bundle.checksum, `sha256:${sum}`, "the documented canonical form, computed independently");
  await page.getByTestId("share-outcome").filter({ hasText: `Berkas ${first.name} sudah diunduh.` }).waitFor();
  assert.equal((await page.getByTestId("unshared-count").textContent()).trim(), "Semua data sudah dibagikan.");
  assert.equal(await page.getByTestId("share-changes").isDisabled(), true);

  // A later edit is the only thing not shared; the next export holds just that record.
  await page.goto(detail);
  await page.getByTestId("record-detail").waitFor();
  assert.equal(await page.getByTestId("unshared").count(), 0, "shared: no badge");
  await page.getByTestId("edit").click();
  await page.getByLabel("Narahubung").fill("Pak Uji");
  await page.getByTestId("save").click();
  await page.getByTestId("unshared").waitFor();
  await page.goto(new URL("/bagikan", server.url).href);
  await page.reload(); // the mark survives a reload (kept in IndexedDB)
  assert.equal((await page.getByTestId("unshared-count").textContent()).trim(), "1 data belum dibagikan.");
  const second = await exported(page, "share-changes");
  assert.equal(second.bundle.records.length, 1);
  assert.ok(second.bundle.scope.since, "changes since the previous export");
  assert.equal(Object.values(second.bundle.records[0].fields).some((f) => f.v === "Pak Uji"), true);
  await page.getByTestId("share-outcome").filter({ hasText: "sudah diunduh" }).waitFor();
  await page.reload();
  assert.equal((await page.getByTestId("unshared-count").textContent()).trim(), "Semua data sudah dibagikan.");
  page.assertNoErrors();
});

test("another tab's export and save move this tab's 'belum dibagikan' without a reload", { timeout: 90_000 }, async (t) => {
  const server = await serverFor(t);
  const { context, page: a } = await openPage(t, browser, { acceptDownloads: true });
  await a.goto(new URL("/bagikan", server.url).href);
  await a.getByTestId("empty-state").waitFor();
  await chooseWorkArea(a, server.url);
  await a.goto(new URL("/mitra/baru", server.url).href);
  await a.getByLabel("Nama mitra").fill("Koperasi Dua Tab");
  await a.getByLabel("Jenis mitra").selectOption("ritel");
  await a.getByTestId("save").click();
  await a.getByTestId("record-detail").waitFor();
  await a.getByTestId("unshared").waitFor();
  const detail = a.url();

  // Tab B shares it: tab A, still on the record, reads the marks back and drops the badge.
  const b = await context.newPage();
  await b.goto(new URL("/bagikan", server.url).href);
  await b.getByTestId("unshared-count").filter({ hasText: "1 data" }).waitFor();
  const shared = await exported(b, "share-changes");
  assert.equal(shared.bundle.records.length, 1);
  await a.getByTestId("unshared").waitFor({ state: "detached" });

  // Tab B changes it again: "belum dibagikan" comes back in tab A, and Bagikan there counts it.
  await b.goto(`${detail}/ubah`);
  await b.getByLabel("Narahubung").fill("Bu Dua Tab");
  await b.getByTestId("save").click();
  await b.getByTestId("record-detail").waitFor();
  await a.getByTestId("unshared").waitFor();
  await a.getByRole("link", { name: "Bagikan" }).first().click();
  await a.getByTestId("unshared-count").filter({ hasText: "1 data" }).waitFor();
  a.assertNoErrors();
});

test("a received file is refused with a reason, or previewed, cancelled, applied, and recognised again", { timeout: 90_000 }, async (t) => {
  const server = await serverFor(t);
  // Officer A records two partners and exports them.
  const { page: a } = await openPage(t, browser, { acceptDownloads: true });
  for (const name of ["Koperasi Kirim Satu", "Toko Kirim Dua"]) {
    await a.goto(new URL("/mitra/baru", server.url).href);
    await a.getByLabel("Nama mitra").fill(name);
    await a.getByLabel("Jenis mitra").selectOption("investor");
    await a.getByTestId("save").click();
    await a.getByTestId("record-detail").waitFor();
  }
  await a.goto(new URL("/bagikan", server.url).href);
  const [download] = await Promise.all([a.waitForEvent("download"), a.getByTestId("share-all").click()]);
  const file = await download.path();

  // Officer B, another browser profile, receives it.
  const { page: b } = await openPage(t, browser);
  await b.goto(new URL("/bagikan", server.url).href);
  await expectHeading(b, "Bagikan");
  const fixtures = new URL("../fixtures/bundles/", import.meta.url).pathname;
  for (const [bad, reason] of [
    ["not-json.json", "Berkas ini bukan berkas data Sentra (isinya tidak terbaca)"],
    ["checksum-mismatch.json", "Isi berkas ini berubah sejak dibuat"],
    ["future-major-version.json", "dibuat oleh Sentra versi lebih baru (format 2.0)"],
    ["truncated.json", "Berkas ini terpotong"],
    ["truncated.json.gz", "Berkas ini terpotong"],
  ]) {
    await b.getByTestId("import-file").setInputFiles(fixtures + bad);
    await b.getByTestId("import-result").filter({ hasText: reason }).waitFor();
  }
  await b.goto(new URL("/mitra", server.url).href);
  await b.getByTestId("empty-state").waitFor(); // refused files changed nothing

  await b.goto(new URL("/bagikan", server.url).href);
  await b.getByTestId("import-file").setInputFiles(file);
  const row = b.getByTestId("import-row-mitra");
  assert.deepEqual((await row.locator("td").allTextContents()).map(Number), [2, 0, 0, 0, 0]);
  await b.getByTestId("import-cancel").click();
  await b.getByTestId("import-result").filter({ hasText: "Dibatalkan. Tidak ada yang berubah." }).waitFor();
  await b.goto(new URL("/mitra", server.url).href);
  await b.getByTestId("empty-state").waitFor();

  await b.goto(new URL("/bagikan", server.url).href);
  await b.getByTestId("import-file").setInputFiles(file);
  await b.getByTestId("import-apply").click();
  await b.getByTestId("import-result").filter({ hasText: "Berkas sudah digabungkan" }).waitFor();
  await b.getByTestId("import-log").waitFor();
  await b.goto(new URL("/mitra", server.url).href);
  await b.getByTestId("record-count").filter({ hasText: "2 dari 2 data" }).waitFor();

  // The same file again: recognised, and nothing would change.
  await b.goto(new URL("/bagikan", server.url).href);
  await b.getByTestId("import-file").setInputFiles(file);
  await b.getByTestId("import-seen").waitFor();
  assert.deepEqual((await b.getByTestId("import-row-mitra").locator("td").allTextContents()).map(Number), [0, 0, 2, 0, 0]);
  await b.getByTestId("import-apply").click();
  await b.getByTestId("import-result").filter({ hasText: "Tidak ada yang berubah" }).waitFor();
  assert.equal(await b.getByTestId("import-log").locator("li").count(), 1, "a repeat is not logged again");
  await b.goto(new URL("/mitra", server.url).href);
  await b.getByTestId("record-count").filter({ hasText: "2 dari 2 data" }).waitFor();
  a.assertNoErrors();
  b.assertNoErrors();
});

const FIXTURES = new URL("../fixtures/bundles/", import.meta.url).pathname;
/** The preview's counts for `kind`: new, updated, unchanged, conflicting, deleted. */
const countsOf = async (page, kind) =>
  (await page.getByTestId(`import-row-${kind}`).locator("td").allTextContents()).map((s) => Number(s.replaceAll(".", ""))); // "5.000"

test("a file shared from another app goes through the service worker to the same preview; cancel changes nothing", { timeout: 90_000 }, async (t) => {
  const server = await serverFor(t);
  const { context, page } = await openPage(t, browser);
  await page.goto(new URL("/bagikan", server.url).href);
  await expectHeading(page, "Bagikan");
  await waitForServiceWorkerControl(page);

  // The manifest as Chromium's own parser reads it: no errors, and the share target posts to
  // where the service worker listens, the file in the field it reads.
  const cdp = await context.newCDPSession(page);
  const { errors, data } = await cdp.send("Page.getAppManifest");
  assert.deepEqual(errors, []);
  const manifest = JSON.parse(data);
  assert.deepEqual(manifest.share_target, {
    action: "/bagikan",
    method: "POST",
    enctype: "multipart/form-data",
    params: {
      files: [{
        name: "berkas",
        accept: [
          "application/json", ".json", "application/gzip", ".gz",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "application/vnd.ms-excel", ".xls",
          "application/vnd.oasis.opendocument.spreadsheet", ".ods", "text/csv", ".csv",
        ],
      }],
    },
  });
  assert.deepEqual(manifest.file_handlers, [
    { action: "/bagikan", accept: { "application/json": [".json"], "application/gzip": [".gz"] } },
    {
      action: "/impor",
      accept: {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": [".xlsx"],
        "application/vnd.ms-excel": [".xls"],
        "application/vnd.oasis.opendocument.spreadsheet": [".ods"],
        "text/csv": [".csv"],
      },
    },
  ]);

  // What the system does for the manifest's share_target: a navigation that POSTs the file as
  // multipart form data (field "berkas") to /bagikan. Only the service worker answers it.
  await page.evaluate(() => {
    const form = Object.assign(document.createElement("form"), {
      method: "post",
      enctype: "multipart/form-data",
      action: "/bagikan",
      id: "share-target",
    });
    form.append(Object.assign(document.createElement("input"), { type: "file", name: "berkas" }));
    document.body.append(form);
  });
  await page.locator("#share-target input").setInputFiles(FIXTURES + "valid-all.json");
  // Where the worker's 303 sent the browser (read at once: the page then drops the marker).
  let sent;
  const redirected = (url) => /^\/bagikan\?terima=[0-9a-f-]{36}$/.test(url.pathname + url.search) && (sent = url.href);
  await Promise.all([page.waitForURL(redirected), page.evaluate(() => document.getElementById("share-target").submit())]);

  // The same preview as a chosen file; the marker is spent and the kept file removed.
  await page.getByTestId("import-preview").waitFor();
  for (const kind of ["usaha", "sentra", "kegiatan"]) assert.deepEqual(await countsOf(page, kind), [1, 0, 0, 0, 0], kind);
  assert.match(await page.getByTestId("import-preview").textContent(), /Berkas dari Petugas Uji/);
  await page.waitForURL((url) => url.pathname === "/bagikan" && url.search === "");
  const kept = await page.evaluate(async () => (await (await caches.open("sentra-diterima")).keys()).length);
  assert.equal(kept, 0, "taken out of the service worker's cache");

  await page.getByTestId("import-cancel").click();
  await page.getByTestId("import-result").filter({ hasText: "Dibatalkan. Tidak ada yang berubah." }).waitFor();
  for (const path of ["/usaha", "/sentra", "/kegiatan"]) {
    await page.goto(new URL(path, server.url).href);
    await page.getByTestId("empty-state").waitFor();
  }

  // The same address again (a reload, a bookmark): the file is gone, and the page says so.
  await page.goto(sent);
  await page.getByTestId("import-result").filter({ hasText: "Berkas yang dikirim dari aplikasi lain tidak ditemukan" }).waitFor();
  assert.equal(await page.getByTestId("import-preview").count(), 0);
  page.assertNoErrors();
});

test("a file opened with the app (launchQueue) takes the same path: preview, then apply", { timeout: 60_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser);
  // Headless Chromium cannot launch the installed app with a file, so the browser's side is
  // played here: a launchQueue whose consumer is handed a real FileSystemFileHandle (from the
  // origin-private file system) holding the fixture, as the browser would.
  const text = readFileSync(FIXTURES + "valid-all.json", "utf8");
  await page.addInitScript(() => {
    const queue = { consumer: null, setConsumer(f) { this.consumer = f; } };
    Object.defineProperty(window, "launchQueue", { value: queue, configurable: true });
  });
  await page.goto(new URL("/bagikan", server.url).href);
  await expectHeading(page, "Bagikan");
  await page.waitForFunction(() => typeof window.launchQueue.consumer === "function");
  await page.evaluate(async (text) => {
    const dir = await navigator.storage.getDirectory();
    const handle = await dir.getFileHandle("sentra-dari-sistem.json", { create: true });
    const writable = await handle.createWritable();
    await writable.write(text);
    await writable.close();
    window.launchQueue.consumer({ files: [] }); // opened from its icon: nothing to receive
    window.launchQueue.consumer({ files: [handle] });
  }, text);
  await page.getByTestId("import-preview").waitFor();
  assert.deepEqual(await countsOf(page, "usaha"), [1, 0, 0, 0, 0]);
  await page.getByTestId("import-apply").click();
  await page.getByTestId("import-result").filter({ hasText: "Berkas sudah digabungkan" }).waitFor();
  await page.goto(new URL("/kegiatan", server.url).href);
  await page.getByTestId("record-count").filter({ hasText: "1 dari 1 data" }).waitFor();
  page.assertNoErrors();
});

test("a large file travels gzipped, shows its progress in words and a bar while it is checked, then the right counts", { timeout: 180_000 }, async (t) => {
  const server = await serverFor(t);
  const count = 5_000;
  const { page: a } = await openPage(t, browser, { acceptDownloads: true });
  await a.goto(new URL("/bagikan", server.url).href);
  await expectHeading(a, "Bagikan");
  await seedUsaha(a, count);
  await a.reload();
  const [download] = await Promise.all([a.waitForEvent("download"), a.getByTestId("share-all").click({ timeout: 60_000 })]);
  const file = await download.path();
  // Over 1 MB as JSON, so it leaves gzipped, named so, and unpacks to a whole bundle.
  assert.match(download.suggestedFilename(), /^sentra-.*\.json\.gz$/);
  const packed = readFileSync(file);
  assert.deepEqual([...packed.subarray(0, 2)], [0x1f, 0x8b], "a gzip file");
  const unpacked = gunzipSync(packed);
  assert.ok(unpacked.length > 8 * packed.length, `${packed.length} -> ${unpacked.length} bytes`);
  const sent = JSON.parse(unpacked.toString("utf8"));
  assert.equal(sent.format, "sentra-bundle");
  assert.equal(sent.records.length, count);

  const { page: b } = await openPage(t, browser);
  await b.goto(new URL("/bagikan", server.url).href);
  await b.getByTestId("import-file").waitFor();
  // Everything the progress area shows, as it changes (it may be gone before a poll sees it).
  await b.evaluate(() => {
    window.__seen = [];
    new MutationObserver(() => {
      const box = document.querySelector('[data-testid="import-progress"]');
      if (!box) return;
      const bar = box.querySelector("progress");
      window.__seen.push({ label: box.querySelector("label").textContent, value: bar.getAttribute("value"), labelled: bar.labels.length });
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await b.getByTestId("import-file").setInputFiles(file);
  await b.getByTestId("import-preview").waitFor({ timeout: 60_000 });
  assert.deepEqual(await countsOf(b, "usaha"), [count, 0, 0, 0, 0]);
  assert.equal(await b.getByTestId("import-progress").count(), 0, "gone once the preview is there");
  const seen = await b.evaluate(() => window.__seen);
  const checking = seen.filter((s) => s.label.startsWith("Memeriksa"));
  for (const s of checking) {
    assert.match(s.label, /^Memeriksa berkas… \d{1,3}%$/);
    assert.equal(s.label, `Memeriksa berkas… ${s.value}%`, "the words say what the bar shows");
    assert.equal(s.labelled, 1, "the bar is labelled by the words");
  }
  const values = checking.map((s) => Number(s.value));
  assert.ok(values.some((v) => v > 0 && v < 100), `the bar moved: ${values.join(" ")}`);
  assert.deepEqual(values, [...values].sort((x, y) => x - y), "and only forward");

  await b.evaluate(() => { window.__seen = []; });
  await b.getByTestId("import-apply").click();
  await b.getByTestId("import-result").filter({ hasText: "Berkas sudah digabungkan" }).waitFor({ timeout: 60_000 });
  const applying = await b.evaluate(() => window.__seen);
  assert.ok(applying.some((s) => s.label === "Menggabungkan ke data di perangkat ini…" && s.value === null), "applying shows a bar under way");
  assert.equal(await b.getByTestId("import-progress").count(), 0);
  await b.goto(new URL("/usaha", server.url).href);
  await b.getByTestId("usaha-count").filter({ hasText: `${count.toLocaleString("id-ID")} dari ${count.toLocaleString("id-ID")} usaha` }).waitFor({ timeout: 30_000 });
  a.assertNoErrors();
  b.assertNoErrors();
});

test("two officers edit one partner, exchange files both ways, end identical with the conflict in the inbox", { timeout: 120_000 }, async (t) => {
  const server = await serverFor(t);
  const { page: a } = await openPage(t, browser, { acceptDownloads: true });
  const { page: b } = await openPage(t, browser, { acceptDownloads: true });
  const go = (page, path) => page.goto(new URL(path, server.url).href);
  const send = async (page, button = "share-changes") => {
    await go(page, "/bagikan");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(button).click()]);
    await page.getByTestId("share-outcome").filter({ hasText: "sudah diunduh" }).waitFor();
    return download.path();
  };
  const receive = async (page, file) => {
    await go(page, "/bagikan");
    await page.getByTestId("import-file").setInputFiles(file);
    await page.getByTestId("import-preview").waitFor();
    const counts = (await page.getByTestId("import-row-mitra").locator("td").allTextContents()).map(Number);
    await page.getByTestId("import-apply").click();
    await page.getByTestId("import-result").filter({ hasText: "Berkas sudah digabungkan" }).waitFor();
    return counts;
  };
  const edit = async (page, fields) => {
    await go(page, "/mitra");
    await page.getByTestId("record-list").getByRole("link").first().click();
    await page.getByTestId("edit").click();
    for (const [label, value] of fields) await page.getByLabel(label).fill(value);
    await page.getByTestId("save").click();
    await page.getByTestId("record-detail").waitFor();
  };
  const facts = async (page) => {
    await go(page, "/mitra");
    await page.getByTestId("record-list").getByRole("link").first().click();
    await page.getByTestId("record-detail").waitFor();
    const text = async (id) => (await page.getByTestId(id).textContent()).trim();
    return [await text("record-title"), await text("fact-narahubung"), await text("fact-telepon")];
  };

  await go(a, "/mitra/baru");
  await a.getByLabel("Nama mitra").fill("Mitra Bersama");
  await a.getByLabel("Jenis mitra").selectOption("wirausaha");
  await a.getByTestId("save").click();
  await a.getByTestId("record-detail").waitFor();
  assert.deepEqual(await receive(b, await send(a, "share-all")), [1, 0, 0, 0, 0]);

  // The same field on both sides (contact person), and a different one on B (phone).
  await edit(a, [["Narahubung", "Dari A"]]);
  await edit(b, [["Narahubung", "Dari B"], ["Telepon", "0812-7777-8888"]]);
  const fromA = await send(a);
  const fromB = await send(b);
  assert.deepEqual(await receive(b, fromA), [0, 0, 0, 1, 0], "B sees one conflicting record");
  assert.deepEqual(await receive(a, fromB), [0, 0, 0, 1, 0], "and so does A");
  await a.getByTestId("conflict").waitFor(); // A's inbox has it too

  // Both end identical: the later edit of the shared field, and B's phone.
  const want = ["Mitra Bersama", "Dari B", "0812-7777-8888"];
  assert.deepEqual(await facts(a), want);
  assert.deepEqual(await facts(b), want);

  // B's inbox holds the set-aside value with who and when; B picks it.
  await go(b, "/bagikan");
  await b.getByTestId("unshared-count").waitFor(); // records (and the inbox) loaded
  const conflict = b.getByTestId("conflict");
  assert.equal(await conflict.count(), 1);
  assert.match(await conflict.textContent(), /Mitra Bersama · Narahubung/);
  assert.match(await b.getByTestId("conflict-kept").textContent(), /Dari B/);
  assert.match(await b.getByTestId("conflict-lost").textContent(), /Dari A/);
  await b.getByTestId("pick-lost").click();
  await b.getByTestId("inbox").waitFor({ state: "detached" });
  assert.deepEqual(await facts(b), ["Mitra Bersama", "Dari A", "0812-7777-8888"]);

  // The pick travels: A takes it, and A's own inbox entry for it goes too.
  assert.deepEqual(await receive(a, await send(b)), [0, 1, 0, 0, 0]);
  assert.deepEqual(await facts(a), ["Mitra Bersama", "Dari A", "0812-7777-8888"]);
  await go(a, "/bagikan");
  await a.getByTestId("unshared-count").waitFor();
  assert.equal(await a.getByTestId("conflict").count(), 0);
  a.assertNoErrors();
  b.assertNoErrors();
});
