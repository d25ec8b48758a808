// Wiping the device before handing it on: the page says what goes and what stays, and the
// officer's profile (name, office, device id) goes only when asked, in every tab of the app.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { expectHeading, launchBrowser, openPage, serverFor } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Every key and value in the page's localStorage. */
const localStorageOf = (page) => page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));

async function wipe(page) {
  await page.getByLabel("Ketik HAPUS untuk melanjutkan").fill("HAPUS");
  await page.getByTestId("wipe").click();
}

test("wiping keeps the officer's profile unless asked, then removes it in every tab", { timeout: 60_000 }, async (t) => {
  const server = await serverFor(t);
  const { context, page } = await openPage(t, browser);
  const at = (path) => new URL(path, server.url).href;
  await page.goto(at("/pengaturan"));
  await expectHeading(page, "Pengaturan");
  const oldId = await page.getByTestId("device-id").textContent();
  assert.match(oldId, UUID);
  await page.getByLabel("Nama petugas").fill("Petugas Lama");
  await page.getByLabel(/^Nama kantor/).fill("Kantor Lama");
  await page.getByRole("button", { name: "Simpan profil" }).click();
  assert.equal(await page.getByTestId("profile-outcome").textContent(), "Profil tersimpan.");

  // The page says what goes and what stays.
  const scope = await page.getByTestId("wipe-scope").textContent();
  assert.match(scope, /Yang dihapus.*Semua catatan \(Usaha, Sentra, Survei Desa, Kawasan IKM, Kegiatan, Mitra, Jejaring\)/);
  assert.match(scope, /konflik yang menunggu pilihan, daftar berkas yang sudah diterima/);
  assert.match(scope, /isian formulir yang belum tersimpan \(draf\)/);
  assert.match(scope, /Yang tetap.*Profil petugas \(nama, kantor, kode perangkat\) juga tetap, kecuali kotak di bawah dicentang/);
  const box = page.getByLabel("Hapus juga profil petugas (nama, kantor, kode perangkat)");
  assert.equal(await box.isChecked(), false, "not ticked unless the officer ticks it");

  // Without the box: the data goes, the profile and device id stay.
  await wipe(page);
  await page.getByTestId("wipe-outcome").filter({ hasText: "Semua data di perangkat ini sudah dihapus." }).waitFor();
  await page.reload();
  await expectHeading(page, "Pengaturan");
  assert.equal(await page.getByLabel("Nama petugas").inputValue(), "Petugas Lama");
  assert.equal(await page.getByLabel(/^Nama kantor/).inputValue(), "Kantor Lama");
  assert.equal(await page.getByTestId("device-id").textContent(), oldId);
  assert.deepEqual(JSON.parse((await localStorageOf(page))["sentra.profile"]), {
    name: "Petugas Lama",
    office: "Kantor Lama",
    device_id: oldId,
  });

  // A second tab of the app, open elsewhere, must not keep the old officer either.
  const other = await context.newPage();
  await other.goto(at("/"));
  await expectHeading(other, "Beranda");
  const otherReloaded = other.waitForEvent("load", { timeout: 15_000 });

  // With the box: the app starts afresh and asks for the new officer's profile.
  await box.check();
  await page.getByText("aplikasi dimuat ulang dengan profil kosong dan kode perangkat baru").waitFor();
  const reloaded = page.waitForEvent("load", { timeout: 15_000 });
  await wipe(page);
  await reloaded;
  await expectHeading(page, "Pengaturan");
  await page
    .getByTestId("profile-ask")
    .filter({ hasText: "Profil petugas sebelumnya sudah dihapus. Isi nama dan kantor petugas yang memakai perangkat ini." })
    .waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "profile-name");
  assert.equal(await page.getByLabel("Nama petugas").inputValue(), "");
  assert.equal(await page.getByLabel(/^Nama kantor/).inputValue(), "");
  const newId = await page.getByTestId("device-id").textContent();
  assert.match(newId, UUID);
  assert.notEqual(newId, oldId, "a new device id");
  assert.equal(
    await page.getByTestId("wipe-outcome").textContent(),
    "Semua data dan profil petugas di perangkat ini sudah dihapus. Perangkat ini kini memakai kode baru.",
  );
  assert.equal(await page.getByLabel("Hapus juga profil petugas (nama, kantor, kode perangkat)").isChecked(), false);
  const stored = await localStorageOf(page);
  for (const [key, value] of Object.entries(stored)) {
    assert.ok(!/Petugas Lama|Kantor Lama/.test(value) && !value.includes(oldId), `${key} still holds the old officer: ${value}`);
  }
  assert.deepEqual(JSON.parse(stored["sentra.profile"]), { name: "", office: "", device_id: newId }, "only the fresh start's profile");

  // The other tab started afresh too, with the same new device id.
  await otherReloaded;
  await other.goto(at("/pengaturan"));
  await expectHeading(other, "Pengaturan");
  assert.equal(await other.getByTestId("device-id").textContent(), newId);
  assert.equal(await other.getByLabel("Nama petugas").inputValue(), "");

  // The new officer saves their profile: the question goes.
  await page.getByLabel("Nama petugas").fill("Petugas Baru");
  await page.getByLabel(/^Nama kantor/).fill("Kantor Baru");
  await page.getByRole("button", { name: "Simpan profil" }).click();
  assert.equal(await page.getByTestId("profile-outcome").textContent(), "Profil tersimpan.");
  assert.equal(await page.getByTestId("profile-ask").count(), 0);
  assert.equal(await page.getByTestId("device-id").textContent(), newId, "the new id is kept");

  // The note that asked for the profile is read once: a later visit is plain.
  await page.reload();
  await expectHeading(page, "Pengaturan");
  assert.equal(await page.getByTestId("profile-ask").count(), 0);
  assert.equal(await page.getByTestId("wipe-outcome").textContent(), "");
  page.assertNoErrors();
});
