// Region data as an officer meets it: choose a working kabupaten by a misspelled name, then use
// its villages with the server gone.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { expectHeading, launchBrowser, openPage, pick, serverFor, waitForServiceWorkerControl } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test("the working kabupaten is chosen by a misspelled name and kept offline", { timeout: 60_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser);
  await page.goto(new URL("/pengaturan", server.url).href);
  await expectHeading(page, "Pengaturan");
  await waitForServiceWorkerControl(page);
  assert.match(await page.getByTestId("work-area-current").textContent(), /^Belum dipilih/);

  await pick(page, "work-area", "kab sumenp", "Kabupaten Sumenep");
  assert.equal(await page.getByTestId("work-area-current").textContent(), "Kabupaten Sumenep (35.29)");
  await page.getByTestId("work-area-ready").filter({ hasText: "27 kecamatan dan 334 desa/kelurahan" }).waitFor();

  // Only the working kabupaten was fetched: a few KB, not the country.
  const fetched = await page.evaluate(() =>
    performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname).filter((p) => p.startsWith("/wilayah/")),
  );
  assert.deepEqual(fetched.filter((p) => p.endsWith(".txt") && !p.endsWith("index.txt")).map((p) => p.replace(/^\/wilayah\/[0-9a-f]+/, "")), [
    "/kab/35.29.txt",
  ]);

  await server.stop();
  await page.reload();
  await expectHeading(page, "Pengaturan");
  assert.equal(await page.getByTestId("work-area-current").textContent(), "Kabupaten Sumenep (35.29)");
  await page.getByTestId("work-area-ready").filter({ hasText: "334 desa/kelurahan" }).waitFor();
  page.assertNoErrors();
});

test("Tentang credits the region data under ODbL and links the licence", { timeout: 30_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser);
  await page.goto(new URL("/tentang", server.url).href);
  await expectHeading(page, "Tentang");
  const credit = await page.getByTestId("attribution-regions").textContent();
  assert.match(credit, /idn-area-data 4\.0\.1/);
  assert.match(credit, /Open Database License \(ODbL\) 1\.0/);
  const href = await page.getByRole("link", { name: "Teks lisensi ODbL 1.0" }).getAttribute("href");
  const licence = await (await fetch(new URL(href, server.url))).text();
  assert.match(licence, /Open Database License/);
});
