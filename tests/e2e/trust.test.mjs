// Received data can be trusted (issue 12), as a receiving officer meets it: a colleague's file
// counts on Beranda at once and is sent on to the office as "belum dibagikan"; the same file
// again changes nothing and says so; forged or broken files are refused with words that say
// why; a phone whose date ran ahead tells its officer.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { canonical, expectHeading, launchBrowser, openPage, seedUsaha, serverFor } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const FIXTURES = new URL("../fixtures/bundles/", import.meta.url).pathname;
const text = async (locator) => (await locator.textContent()).trim();

/** A bundle edited on purpose, its checksum recomputed as documented: a file that reads. */
function resigned(bundle) {
  bundle.checksum = `sha256:${createHash("sha256").update(canonical(bundle)).digest("hex")}`;
  const path = join(mkdtempSync(join(tmpdir(), "sentra-forged-")), "dari-rekan.json");
  writeFileSync(path, JSON.stringify(bundle));
  return path;
}

/** Officer A's five Usaha, exported whole: the colleague's file. */
async function colleaguesFile(t, server) {
  const { page: a } = await openPage(t, browser, { acceptDownloads: true });
  await a.goto(server.url);
  await expectHeading(a, "Beranda");
  await seedUsaha(a, 5);
  await a.goto(new URL("/bagikan", server.url).href);
  await a.getByTestId("unshared-count").filter({ hasText: "5 data belum dibagikan." }).waitFor();
  const [download] = await Promise.all([a.waitForEvent("download"), a.getByTestId("share-all").click()]);
  return { a, file: await download.path() };
}

test("a colleague's file counts on Beranda at once, is sent on, and a repeat changes nothing", { timeout: 120_000 }, async (t) => {
  const server = await serverFor(t);
  const { a, file } = await colleaguesFile(t, server);

  const { page: b } = await openPage(t, browser, { acceptDownloads: true });
  await b.goto(server.url);
  await expectHeading(b, "Beranda");
  await b.locator('#main-nav a[href="/bagikan"]').click();
  await b.getByTestId("import-file").setInputFiles(file);
  await b.getByTestId("import-row-usaha").waitFor();
  assert.deepEqual((await b.getByTestId("import-row-usaha").locator("td").allTextContents()).map(Number), [5, 0, 0, 0, 0]);
  await b.getByTestId("import-apply").click();
  await b.getByTestId("import-result").filter({ hasText: "Berkas sudah digabungkan" }).waitFor();

  // Beranda, reached in the app without a reload, counts them: the figures read the Usaha index.
  await b.locator('#main-nav a[href="/"]').click();
  await expectHeading(b, "Beranda");
  assert.equal(await text(b.getByTestId("report-usaha-total")), "5 usaha tercatat");
  // Received here is a change here: relaying them to the office must send them.
  assert.equal(await text(b.getByTestId("beranda-unshared")), "5 data belum dibagikan.");

  // The same file again: recognised, nothing new in the preview, and applying it says so.
  await b.locator('#main-nav a[href="/bagikan"]').click();
  await b.getByTestId("import-file").setInputFiles(file);
  await b.getByTestId("import-seen").waitFor();
  await b.getByTestId("import-row-usaha").waitFor();
  assert.deepEqual((await b.getByTestId("import-row-usaha").locator("td").allTextContents()).map(Number), [0, 0, 5, 0, 0]);
  await b.getByTestId("import-apply").click();
  await b.getByTestId("import-result").filter({ hasText: "Tidak ada yang berubah" }).waitFor();
  assert.equal(await b.getByTestId("import-log").locator("li").count(), 1, "one log entry for one file");

  // "Changes since the last export" carries the colleague's records to the office.
  const [download] = await Promise.all([b.waitForEvent("download"), b.getByTestId("share-changes").click()]);
  const sent = JSON.parse(readFileSync(await download.path(), "utf8"));
  assert.equal(sent.records.filter((r) => r.kind === "usaha").length, 5);
  await b.getByTestId("unshared-count").filter({ hasText: "Semua data sudah dibagikan." }).waitFor();
  a.assertNoErrors();
  b.assertNoErrors();
});

test("forged and broken files are refused in words an officer understands; a byte-order mark is fine", { timeout: 120_000 }, async (t) => {
  const server = await serverFor(t);
  const { file } = await colleaguesFile(t, server);
  const original = JSON.parse(readFileSync(file, "utf8"));
  const usaha = original.records.findIndex((r) => r.kind === "usaha");

  const stamped2999 = structuredClone(original);
  stamped2999.records[usaha].fields.nama.s[0] = Date.UTC(2999, 0, 1);
  const badId = structuredClone(original);
  badId.records[usaha].id = "../x<script>";
  const nameIsNumber = structuredClone(original);
  nameIsNumber.records[usaha].fields.nama.v = 12345;

  const { page: b } = await openPage(t, browser);
  await b.goto(new URL("/bagikan", server.url).href);
  await expectHeading(b, "Bagikan");
  for (const [path, reason] of [
    [resigned(stamped2999), "dibuat di perangkat yang tanggalnya tampaknya salah: perangkat 0f3b6a2c (petugas Petugas Uji) mencatat waktu 1 Januari 2999 pukul 00.00 UTC"],
    [resigned(badId), 'kode (id) yang tidak sah: "../x<script>"'],
    [resigned(nameIsNumber), "isian nama: isinya harus berupa teks"],
    [FIXTURES + "wrong-type-note-is-a-list.json", "isian catatan: isinya harus berupa teks"],
  ]) {
    await b.getByTestId("import-file").setInputFiles(path);
    await b.getByTestId("import-result").filter({ hasText: reason }).waitFor();
  }
  await b.goto(new URL("/usaha", server.url).href);
  await b.getByTestId("empty-state").waitFor(); // refused files changed nothing

  await b.goto(new URL("/bagikan", server.url).href);
  await b.getByTestId("import-file").setInputFiles(FIXTURES + "valid-with-byte-order-mark.json");
  await b.getByTestId("import-preview").waitFor();
  assert.equal(await text(b.getByTestId("import-result")), "");
  b.assertNoErrors();
});

test("a phone whose date was set ahead, then corrected, tells its officer the date looks wrong", { timeout: 90_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser);
  const now = Date.now();
  // The phone's date is three days ahead while the officer records a partner.
  await page.clock.setSystemTime(now + 3 * 86_400_000);
  await page.goto(new URL("/mitra/baru", server.url).href);
  await page.getByLabel("Nama mitra").fill("Toko Tanggal Maju");
  await page.getByLabel("Jenis mitra").selectOption("ritel");
  await page.getByTestId("save").click();
  await page.getByTestId("record-detail").waitFor();
  assert.equal(await page.getByTestId("clock-banner").count(), 0);
  // Set right again: the records made here are dated later than the phone's clock now says.
  await page.clock.setSystemTime(now);
  await page.reload();
  await page.getByTestId("clock-banner").filter({ hasText: "Tanggal perangkat ini tampaknya salah" }).waitFor();
  page.assertNoErrors();
});
