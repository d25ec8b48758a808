// The forms and the region picker on a 360×740 phone (issue 14): the picker's "Cari di", the
// scope and villages remembered between forms, where focus goes, tap targets, required fields
// marked and checked when left, a failed save that leads to each field to correct, the bar that
// keeps Simpan in reach, fields shown only when they apply, and each kind's "… baru" heading.
// axe finds no violation on a form with its errors shown, at 360 and 1366 px.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { axeViolations, chooseWorkArea, expectHeading, launchBrowser, openPage, pick, serverFor, shownText } from "./helpers.mjs";

const PHONE = { viewport: { width: 360, height: 740 } };

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A phone with Kabupaten Sumenep as the working area, on a new Usaha form. */
async function newUsaha(t, options = PHONE) {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser, options);
  await chooseWorkArea(page, server.url);
  await page.goto(new URL("/usaha/baru", server.url).href);
  await expectHeading(page, "Usaha baru");
  return { page, server };
}

const focusedId = (page) => page.evaluate(() => document.activeElement?.id ?? "");
const waitForFocus = (page, id) =>
  page.waitForFunction((want) => document.activeElement?.id === want, id, { timeout: 5_000 }).catch(async () => {
    throw new Error(`focus is on "${await focusedId(page)}", not "${id}"`);
  });

async function box(locator) {
  const b = await locator.boundingBox();
  assert.ok(b, "shown");
  return b;
}

async function assertTapTarget(locator, what) {
  const { width, height } = await box(locator);
  assert.ok(width >= 44 && height >= 44, `${what}: ${width}×${height} px, under 44 px`);
}

/** The summary's lines beside Simpan. */
const summary = (page) => page.getByTestId("error-summary").locator("li").evaluateAll((items) =>
  items.map((li) => li.textContent.trim().replace(/\s+/g, " ")));

test("'Cari di' is a fieldset of native radios with whole labels; the scope and recent villages are remembered", { timeout: 120_000 }, async (t) => {
  const { page, server } = await newUsaha(t);
  const reach = page.getByTestId("desa-reach");
  assert.equal(await reach.evaluate((el) => el.tagName), "FIELDSET");
  assert.equal(await shownText(reach.locator("legend")), "Cari di");
  const options = await reach.locator("label").evaluateAll((labels) =>
    labels.map((label) => {
      const radio = label.querySelector("input[type=radio]").getBoundingClientRect();
      const words = label.querySelector("span");
      return {
        text: words.textContent,
        radio: [radio.width, radio.height],
        lines: words.getClientRects().length,
        height: label.getBoundingClientRect().height,
      };
    }));
  assert.deepEqual(options.map((o) => o.text), ["Kabupaten/kota kerja", "Provinsi", "Seluruh Indonesia"]);
  for (const o of options) {
    assert.ok(o.radio[0] <= 24 && o.radio[1] <= 24, `${o.text}: a radio of ${o.radio.join("×")} px`);
    assert.equal(o.lines, 1, `${o.text} is split over ${o.lines} lines`);
    assert.ok(o.height >= 44, `${o.text}: ${o.height} px tall`);
  }

  // An Usaha in a kelurahan of the neighbouring kabupaten, found across Indonesia.
  await page.getByLabel("Seluruh Indonesia").check();
  await page.getByLabel("Nama usaha").fill("Batik Larangan");
  await pick(page, "desa", "larangan slampar", "Larangan Slampar");
  await page.getByTestId("save").click();
  await page.getByTestId("usaha-detail").waitFor();

  // The next form searches where the last one did, and offers that kelurahan before typing.
  await page.goto(new URL("/usaha/baru", server.url).href);
  await expectHeading(page, "Usaha baru");
  assert.equal(await page.getByLabel("Seluruh Indonesia").isChecked(), true, "the scope is remembered");
  await page.locator("#desa").click();
  const recent = page.locator("#desa-list [role=option]").first();
  await recent.waitFor();
  assert.deepEqual(
    await recent.locator("span").allTextContents(),
    ["Larangan Slampar", "Kec. Tlanakan, Kabupaten Pamekasan", "terakhir dipakai"],
  );
  assert.equal(await page.locator("#desa").inputValue(), "", "offered before anything is typed");
  await recent.dispatchEvent("mousedown");
  assert.match(await page.getByTestId("desa-chosen").textContent(), /^Larangan Slampar, Kec\. Tlanakan, Kabupaten Pamekasan \(35\.28\.01\.2016\)$/);

  // Back to the working kabupaten: remembered too.
  await page.getByText("Ganti").click();
  await waitForFocus(page, "desa");
  // Focus alone does not open the options over "Cari di" (a tap or Down does).
  assert.equal(await page.locator("#desa-list").isHidden(), true);
  await page.getByLabel("Kabupaten/kota kerja").check();
  await page.goto(new URL("/sentra/baru", server.url).href);
  await expectHeading(page, "Sentra");
  assert.equal(await page.getByLabel("Kabupaten/kota kerja").isChecked(), true);
  page.assertNoErrors();
});

test("focus starts on the first field and follows a village picked with the keyboard", { timeout: 90_000 }, async (t) => {
  const { page, server } = await newUsaha(t);
  await waitForFocus(page, "f-nama");

  await page.locator("#desa").focus();
  await page.keyboard.type("kertasada");
  await page.locator("#desa-list [role=option]", { hasText: "Kertasada" }).first().waitFor();
  await page.keyboard.press("Enter");
  await waitForFocus(page, "desa-change");
  assert.match(await page.getByTestId("desa-chosen").textContent(), /^Kertasada/);
  // "Ganti" by keyboard goes back to the search.
  await page.keyboard.press("Enter");
  await waitForFocus(page, "desa");

  await page.goto(new URL("/sentra/baru", server.url).href);
  await expectHeading(page, "Sentra");
  await waitForFocus(page, "f-nama");
  page.assertNoErrors();
});

test("Ganti, a chip's × and Pakai KBLI are at least 44 px each way", { timeout: 90_000 }, async (t) => {
  const { page, server } = await newUsaha(t);
  await page.getByLabel("Nama usaha").fill("Batik Sekar");
  await pick(page, "desa", "kertasada", "Kertasada");
  await assertTapTarget(page.getByRole("button", { name: "Ganti" }), "Ganti");
  await page.getByLabel("Komoditas").fill("Batik");
  const useKbli = page.getByRole("button", { name: /^Pakai KBLI/ });
  assert.equal(await useKbli.count(), 2);
  for (const button of await useKbli.all()) await assertTapTarget(button, await button.textContent());
  await page.getByTestId("save").click();
  await page.getByTestId("usaha-detail").waitFor();

  await page.goto(new URL("/sentra/baru", server.url).href);
  await expectHeading(page, "Sentra");
  await pick(page, "anggota", "batik", "Batik Sekar");
  await assertTapTarget(page.getByRole("button", { name: "Lepas Batik Sekar" }), "×");
  page.assertNoErrors();
});

test("required fields are marked and a field is checked when it is left, its reason gone once it is valid", { timeout: 90_000 }, async (t) => {
  const { page, server } = await newUsaha(t);
  assert.equal(await shownText(page.getByTestId("required-legend")), "* wajib diisi");
  const nameLabel = page.locator("label[for=f-nama]");
  assert.equal(await shownText(nameLabel), "Nama usaha", "the label's own words");
  assert.match(await nameLabel.evaluate((l) => getComputedStyle(l, "::after").content), /^" \*"/);
  assert.equal(await page.locator("label[for=f-pemilik]").evaluate((l) => getComputedStyle(l, "::after").content), "none");
  for (const id of ["f-nama", "desa", "f-status"]) {
    assert.equal(await page.locator(`#${id}`).getAttribute("aria-required"), "true", id);
  }
  assert.equal(await page.locator("#f-pemilik").getAttribute("aria-required"), null);

  // Passing through a field says nothing; leaving it after emptying it does.
  await waitForFocus(page, "f-nama");
  await page.keyboard.press("Tab");
  assert.equal(await page.locator("#f-nama-error").textContent(), "");
  await page.getByLabel("Nama usaha").fill("B");
  await page.getByLabel("Nama usaha").fill("");
  await page.keyboard.press("Tab");
  assert.equal(await page.locator("#f-nama-error").textContent(), "Wajib diisi.");
  await page.getByLabel("Nama usaha").fill("Batik Sekar");
  assert.equal(await page.locator("#f-nama-error").textContent(), "", "gone as soon as the name is there");

  await page.getByLabel("NIB (13 angka, bila ada)").fill("123");
  await page.keyboard.press("Tab");
  assert.equal(await page.locator("#f-nib-error").textContent(), "NIB terdiri dari 13 angka.");
  assert.equal(await page.locator("#f-nib").getAttribute("aria-describedby"), "f-nib-error");
  await page.getByLabel("NIB (13 angka, bila ada)").fill("1234567890123");
  assert.equal(await page.locator("#f-nib-error").textContent(), "");

  // A schema form marks its own required fields.
  await page.goto(new URL("/kegiatan/baru", server.url).href);
  await expectHeading(page, "Kegiatan");
  for (const id of ["f-nama", "f-jenis", "f-tanggal"]) {
    assert.equal(await page.locator(`#${id}`).getAttribute("aria-required"), "true", id);
  }
  assert.equal(await page.locator("#f-tempat").getAttribute("aria-required"), null);
  page.assertNoErrors();
});

test("a failed save leads to the first field to correct, lists each beside Simpan, and each reason goes once fixed", { timeout: 90_000 }, async (t) => {
  const { page } = await newUsaha(t);
  await page.getByLabel("Nama pemilik").fill("Ibu Sekar");
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.getByTestId("save").click();

  await waitForFocus(page, "f-nama");
  const { y, height } = await box(page.locator("#f-nama"));
  assert.ok(y >= 56 && y + height <= 740 - 60, `the name field is in view, clear of the bars (at ${y} px)`);
  assert.match(await page.getByTestId("form-outcome").textContent(), /^Belum tersimpan/);
  assert.deepEqual(await summary(page), ["Nama usaha: Wajib diisi.", "Desa/kelurahan: Pilih desa/kelurahan."]);
  assert.equal(await shownText(page.getByTestId("form-bar-errors")), "2 isian perlu diperbaiki");

  await page.getByTestId("error-summary").getByRole("link", { name: "Desa/kelurahan" }).click();
  await waitForFocus(page, "desa");

  await page.getByLabel("Nama usaha").fill("Batik Sekar");
  assert.equal(await page.locator("#f-nama-error").textContent(), "");
  assert.deepEqual(await summary(page), ["Desa/kelurahan: Pilih desa/kelurahan."]);
  await pick(page, "desa", "kertasada", "Kertasada");
  assert.equal(await page.locator("#f-desa-error").textContent(), "", "no 'Pilih desa/kelurahan.' under a chosen village");
  assert.deepEqual(await summary(page), []);
  assert.equal(await page.getByTestId("form-outcome").textContent(), "", "nothing left to correct");
  assert.equal(await page.getByTestId("form-bar-errors").count(), 0);
  page.assertNoErrors();
});

test("long forms keep Simpan at the bottom of the screen with the section in view, and jump between sections", { timeout: 90_000 }, async (t) => {
  const { page, server } = await newUsaha(t);
  const save = await box(page.getByTestId("save"));
  assert.ok(save.y + save.height <= 740 && save.y > 740 - 120, `Simpan is at the screen's bottom (at ${save.y} px)`);
  const section = page.getByTestId("form-section");
  const shownSection = () => section.evaluate((s) => s.selectedOptions[0].textContent);
  assert.equal(await shownSection(), "Bagian 1 dari 5: Identitas");

  await page.locator("#section-2").evaluate((s) => s.scrollIntoView({ block: "start" }));
  await page.waitForFunction(() => document.querySelector("[data-testid=form-section]").value === "2");
  assert.equal(await shownSection(), "Bagian 3 dari 5: Produksi dan skala usaha");
  // At the end of the page, the last section.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForFunction(() => document.querySelector("[data-testid=form-section]").value === "4");
  const atEnd = await box(page.getByTestId("save"));
  assert.ok(atEnd.y + atEnd.height <= 740 && atEnd.y > 740 - 200, `Simpan still in view at the end (at ${atEnd.y} px)`);

  await section.selectOption("1");
  await waitForFocus(page, "section-1");
  const jumped = await box(page.locator("#section-1"));
  assert.ok(jumped.y >= 0 && jumped.y < 200, `Lokasi starts near the top (at ${jumped.y} px)`);
  assert.equal(await shownSection(), "Bagian 2 dari 5: Lokasi");

  await page.goto(new URL("/survei-desa/baru", server.url).href);
  await expectHeading(page, "Survei Desa");
  assert.equal(await page.getByTestId("form-section").evaluate((s) => s.selectedOptions[0].textContent), "Bagian 1 dari 5: Kunjungan");
  page.assertNoErrors();
});

test("fields show only when they apply, keep what was typed while hidden, and are saved empty", { timeout: 90_000 }, async (t) => {
  const { page, server } = await newUsaha(t);
  const halalNo = page.locator("#f-halal_no");
  const pirt = page.locator("#f-pirt");
  assert.equal(await halalNo.count(), 0, "no certificate number before one is issued");
  await page.getByLabel("Sertifikat halal", { exact: true }).selectOption("terbit");
  await halalNo.fill("ID3511000012345");
  await page.getByLabel("Sertifikat halal", { exact: true }).selectOption("proses");
  assert.equal(await halalNo.count(), 0);
  await page.getByLabel("Sertifikat halal", { exact: true }).selectOption("terbit");
  assert.equal(await halalNo.inputValue(), "ID3511000012345", "typed text is back");

  assert.equal(await pirt.count(), 0, "no P-IRT before the commodity is known");
  await page.getByLabel("Komoditas").fill("Tempe");
  await pirt.fill("123"); // not a P-IRT number
  await page.getByLabel("Komoditas").fill("Batik");
  assert.equal(await pirt.count(), 0, "no P-IRT for batik");

  // Saved while hidden: neither the half-typed P-IRT nor the withdrawn number is kept or refused.
  await page.getByLabel("Sertifikat halal", { exact: true }).selectOption("proses");
  await page.getByLabel("Nama usaha").fill("Batik Halal");
  await pick(page, "desa", "kertasada", "Kertasada");
  await page.getByTestId("save").click();
  await page.getByTestId("usaha-detail").waitFor();
  const detail = await page.getByTestId("usaha-detail").textContent();
  assert.doesNotMatch(detail, /ID3511000012345/);
  assert.doesNotMatch(detail, /Nomor P-IRT/);

  // Editing a record whose field no longer applies does not clear what is stored: a Tempe maker
  // with a P-IRT now listed under Batik keeps the number when only the phone is corrected.
  await page.goto(new URL("/usaha/baru", server.url).href);
  await expectHeading(page, "Usaha baru");
  await page.getByLabel("Nama usaha").fill("Tempe Bu Sri");
  await page.getByLabel("Komoditas").fill("Tempe");
  await pirt.fill("2063512010123-25");
  await pick(page, "desa", "kertasada", "Kertasada");
  await page.getByTestId("save").click();
  await page.getByTestId("usaha-detail").waitFor();
  await page.getByTestId("edit").click();
  await page.getByLabel("Komoditas").fill("Batik");
  assert.equal(await pirt.count(), 0, "hidden for batik");
  await page.getByTestId("save").click();
  await page.getByTestId("usaha-detail").waitFor();
  await page.getByTestId("edit").click();
  await page.getByLabel("Telepon").fill("081234567890");
  await page.getByTestId("save").click();
  await page.getByTestId("usaha-detail").waitFor();
  assert.match(await page.getByTestId("usaha-detail").textContent(), /2063512010123/, "the stored P-IRT is kept");

  // A village survey is dated today unless changed.
  await page.goto(new URL("/survei-desa/baru", server.url).href);
  await expectHeading(page, "Survei Desa");
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  });
  assert.equal(await page.getByLabel("Tanggal kunjungan").inputValue(), today);
  page.assertNoErrors();
});

test("each new form is headed by its kind", { timeout: 60_000 }, async (t) => {
  const server = await serverFor(t);
  const { page } = await openPage(t, browser, PHONE);
  for (const [path, title, heading] of [
    ["sentra", "Sentra", "Sentra baru"],
    ["survei-desa", "Survei Desa", "Survei desa baru"],
    ["kawasan-ikm", "Kawasan IKM", "Kawasan IKM baru"],
    ["kegiatan", "Kegiatan", "Kegiatan baru"],
    ["mitra", "Mitra", "Mitra baru"],
    ["jejaring", "Jejaring", "Jejaring baru"],
  ]) {
    await page.goto(new URL(`/${path}/baru`, server.url).href);
    await expectHeading(page, title);
    assert.equal(await shownText(page.locator("main h2").first()), heading);
  }
  page.assertNoErrors();
});

for (const [name, viewport] of [["360", PHONE.viewport], ["1366", { width: 1366, height: 768 }]]) {
  test(`axe finds no violation on the Usaha and Sentra forms with their errors shown at ${name} px`, { timeout: 90_000 }, async (t) => {
    const { page, server } = await newUsaha(t, { viewport });
    await page.getByTestId("save").click();
    await page.getByTestId("error-summary").locator("li").first().waitFor();
    const check = async (what) => assert.deepEqual(await axeViolations(page), [], what);
    await check("Usaha form");
    await page.goto(new URL("/sentra/baru", server.url).href);
    await expectHeading(page, "Sentra");
    await page.getByTestId("save").click();
    await page.getByTestId("error-summary").locator("li").first().waitFor();
    await check("Sentra form");
    page.assertNoErrors();
  });
}
