// Picker keystroke time in headless Chromium, on the real desa picker of the Usaha form, over
// one province (Jawa Timur) and the whole country. Each keystroke is timed inside the page from
// dispatching the input event until the option list has been re-rendered (a macrotask queued
// after Leptos' microtask effects). Prints medians and p95. Not a gate.
//   node tools/bench-picker.mjs   (after `make build`)
import { chooseWorkArea, expectHeading, launchBrowser, quantile, startServer, timeKeystrokes } from "../tests/e2e/helpers.mjs";

const TYPED = ["poteran", "kerta sade", "aeng tong tong", "raas", "pondok petir", "sumber rejo", "banyuates", "kxrtasada"];
const server = await startServer();
const browser = await launchBrowser();
try {
  const page = await (await browser.newContext()).newPage();
  await chooseWorkArea(page, server.url);
  await page.goto(new URL("/usaha/baru", server.url).href);
  await expectHeading(page, "Usaha baru");

  for (const [label, reach] of [["one province (Jawa Timur)", "Provinsi"], ["whole country", "Seluruh Indonesia"]]) {
    await page.locator(".picker__reach").getByText(reach).click();
    await page.locator("#desa").fill("poteran"); // starts loading the scope
    await page.waitForFunction(() => !document.querySelector("#desa-status")?.textContent.includes("Memuat"), null, { timeout: 120_000 });
    await page.waitForTimeout(500);
    const times = await timeKeystrokes(page, "#desa", TYPED, 5);
    const options = await page.locator("#desa-list [role=option]").count();
    if (options === 0) throw new Error("the list did not update");
    const at = (q) => quantile(times, q).toFixed(2);
    const villages = await page.evaluate(() => performance.getEntriesByType("resource").filter((e) => e.name.includes("/prov/")).length);
    console.log(`${label}: keystroke median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms (${times.length} keystrokes; province files fetched so far: ${villages})`);
  }
} finally {
  await browser.close();
  await server.stop();
}
