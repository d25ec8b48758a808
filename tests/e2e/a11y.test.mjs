// Issue 14's accessibility baseline, kept by the suite: axe-core (WCAG 2.1 A and AA rules) finds
// no violation on any page, on a 360 × 740 phone and a 1366 × 768 laptop, with records in every
// list, a form showing its errors after a refused save, and the menu open on the phone.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { axeViolations, chooseWorkArea, expectHeading, launchBrowser, openPage, pick, seedUsaha, serverFor } from "./helpers.mjs";
import { officeList } from "./workbook.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const violations = (page) => axeViolations(page, WCAG);

test("no axe violation on any page, phone and laptop", { timeout: 300_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser);
  const at = (path) => new URL(path, server.url).href;
  await chooseWorkArea(page, server.url);
  await seedUsaha(page, 40);
  await page.reload();
  await page.goto(at("/sentra/baru"));
  await expectHeading(page, "Sentra");
  await page.getByLabel("Nama sentra").fill("Sentra Batik Pakandangan");
  await page.getByLabel("Status sentra").selectOption("terbentuk");
  await page.getByLabel("Tahun terbentuk").fill("2019");
  await pick(page, "desa", "pakandangan barat", "Pakandangan Barat");
  await page.getByTestId("save").click();
  await page.getByTestId("record-detail").waitFor();
  const sentra = page.url();

  const pages = ["/", "/usaha", "/usaha/baru", "/sentra", "/sentra/baru", sentra, "/survei-desa/baru", "/kawasan-ikm/baru",
    "/kegiatan/baru", "/mitra", "/jejaring/baru", "/bagikan", "/impor", "/laporan", "/katalog", "/pengaturan", "/tentang"];
  const found = [];
  for (const [width, height] of [[360, 740], [1366, 768]]) {
    await page.setViewportSize({ width, height });
    for (const path of pages) {
      await page.goto(path.startsWith("http") ? path : at(path));
      await page.getByTestId("page-title").waitFor();
      await page.waitForTimeout(200);
      for (const v of await violations(page)) found.push(`${width}px ${path}: ${v}`);
    }
    // A refused save: the errors are shown beside their fields.
    await page.goto(at("/usaha/baru"));
    await page.getByTestId("page-title").waitFor();
    await page.getByTestId("save").click();
    await page.locator(".field__error").first().waitFor();
    for (const v of await violations(page)) found.push(`${width}px refused Usaha form: ${v}`);
    // The import with a list read and checked: its field choices, counts, places and refusals.
    await page.goto(at("/impor"));
    await page.getByTestId("intake-file").setInputFiles({ name: "ikm-2017.xlsx", mimeType: "application/octet-stream", buffer: officeList(120) });
    await page.getByTestId("intake-check").click();
    await page.getByTestId("intake-plan").waitFor({ timeout: 60_000 });
    for (const v of await violations(page)) found.push(`${width}px import checked: ${v}`);
    // The menu open on a phone.
    if (width === 360) {
      await page.getByTestId("menu-button").click();
      for (const v of await violations(page)) found.push(`${width}px menu open: ${v}`);
    }
  }
  assert.deepEqual(found, [], "axe violations");
  page.assertNoErrors();
});
