// Screenshots of every page as an officer sees it on a 360 × 740 phone, for docs/screenshots.md:
// a first start, then an officer's records (300 synthetic Usaha and one of every other kind,
// entered through the forms), each page's first screen. Synthetic data only.
//   node tools/screenshots.mjs [out dir, default docs/screenshots]   (needs a build in dist/)
import { mkdirSync } from "node:fs";
import { chooseWorkArea, expectHeading, launchBrowser, pick, seedUsaha, startServer } from "../tests/e2e/helpers.mjs";

const out = process.argv[2] || "docs/screenshots";
mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
const at = (path) => new URL(path, server.url).href;
try {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const shot = async (name) => {
    await page.waitForTimeout(300); // let charts and lists settle
    await page.screenshot({ path: `${out}/${name}.png` });
    console.log(`${out}/${name}.png`);
  };
  const save = async () => {
    await page.getByTestId("save").click();
    await page.getByTestId("record-detail").waitFor();
  };

  await page.goto(at("/"));
  await expectHeading(page, "Beranda");
  await shot("01-beranda-first-start");
  await chooseWorkArea(page, server.url);
  await page.getByLabel(/^Nama petugas/).fill("Siti Petugas");
  await page.getByLabel(/^Nama kantor/).fill("Disperindag Kabupaten Sumenep");
  await page.getByRole("button", { name: "Simpan profil" }).click();
  await page.locator("main").evaluate((m) => m.scrollIntoView());
  await shot("02-pengaturan");

  await seedUsaha(page, 300);
  await page.reload();
  await page.goto(at("/sentra/baru"));
  await expectHeading(page, "Sentra");
  await shot("10-sentra-form");
  await page.getByLabel("Nama sentra").fill("Sentra Batik Pakandangan");
  await page.getByLabel("Status sentra").selectOption("terbentuk");
  await page.getByLabel("Tahun terbentuk").fill("2019");
  await page.getByLabel("Anggaran (Rp)").fill("250.000.000");
  await page.getByLabel("Tahun anggaran").fill("2019");
  await pick(page, "desa", "pakandangan barat", "Pakandangan Barat");
  await save();
  await shot("11-sentra-detail");

  await page.goto(at("/survei-desa/baru"));
  await expectHeading(page, "Survei Desa");
  await pick(page, "desa", "kertasada", "Kertasada");
  await page.getByLabel("Tanggal kunjungan").fill("2025-06-01");
  await page.getByLabel("Tahap yang sudah dicapai").selectOption("sosialisasi");
  await shot("12-survei-form");
  await save();

  await page.goto(at("/kawasan-ikm/baru"));
  await expectHeading(page, "Kawasan IKM");
  await page.getByLabel("Lokasi", { exact: true }).fill("Kawasan IKM Gapura");
  await page.getByLabel("Luas lahan (ha)").fill("0,5");
  await page.getByLabel("Status RPIK").selectOption("draf");
  await save();
  await shot("13-kawasan-detail");

  await page.goto(at("/kegiatan/baru"));
  await expectHeading(page, "Kegiatan");
  await page.getByLabel("Nama kegiatan").fill("Pelatihan kemasan");
  await page.getByLabel("Jenis kegiatan").selectOption("pelatihan_kemasan");
  await page.getByLabel("Tanggal", { exact: true }).fill("2025-05-20");
  await save();

  await page.goto(at("/mitra/baru"));
  await page.getByLabel("Nama mitra").fill("Toko Oleh-oleh Sumenep");
  await page.getByLabel("Jenis mitra").selectOption("ritel");
  await save();

  await page.goto(at("/"));
  await page.getByTestId("report-usaha").waitFor();
  await shot("03-beranda");
  await page.getByTestId("report-sentra").scrollIntoViewIfNeeded();
  await shot("04-beranda-sentra");
  await page.goto(at("/usaha"));
  await expectHeading(page, "Usaha");
  await shot("05-usaha-list");
  await page.locator(".record-list__item a").first().click();
  await page.getByTestId("usaha-detail").waitFor();
  await shot("06-usaha-detail");
  await page.goto(at("/usaha/baru"));
  await expectHeading(page, "Usaha baru");
  await shot("07-usaha-form");
  for (const [path, name] of [["/sentra", "08-sentra-list"], ["/kegiatan", "14-kegiatan-list"], ["/mitra", "15-mitra-list"], ["/jejaring", "16-jejaring-list"]]) {
    await page.goto(at(path));
    await page.getByTestId("page-title").waitFor();
    await shot(name);
  }
  await page.goto(at("/bagikan"));
  await expectHeading(page, "Bagikan");
  await shot("17-bagikan");
  await page.goto(at("/laporan"));
  await expectHeading(page, "Laporan");
  await page.getByTestId("report-usaha").waitFor();
  await shot("18-laporan");
  await page.goto(at("/tentang"));
  await page.getByTestId("page-title").waitFor();
  await shot("19-tentang");
  await page.getByRole("button", { name: /menu/i }).first().click().catch(() => {});
  await shot("20-menu");
} finally {
  await browser.close();
  await server.stop();
}
