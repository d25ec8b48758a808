// Photos as a phone's camera makes them, for the photo tests and tools/bench-photo.mjs: a
// 12-megapixel JPEG drawn in the page, and the same with the EXIF a phone held on its side writes.

/** A 4000 × 3000 JPEG (or `width` × `height`) made in the page (a product shot: shapes, text,
 * gradients, a camera's grain), as bytes; each `seed` gives another photo. */
export async function twelveMegapixels(page, seed = 0, width = 4000, height = 3000) {
  const b64 = await page.evaluate(async ({ seed, width, height }) => {
    const canvas = new OffscreenCanvas(width, height);
    const c = canvas.getContext("2d");
    c.scale(width / 4000, height / 3000);
    const g = c.createLinearGradient(0, 0, 4000, 3000);
    g.addColorStop(0, "#f4e1c1");
    g.addColorStop(1, "#7a4a21");
    c.fillStyle = g;
    c.fillRect(0, 0, 4000, 3000);
    for (let i = 0; i < 60; i++) {
      c.fillStyle = `hsl(${(i * 37 + seed * 11) % 360} 60% 45%)`;
      c.beginPath();
      c.arc(200 + ((i * 613) % 3600), 200 + ((i * 389) % 2600), 60 + (i % 7) * 25, 0, 2 * Math.PI);
      c.fill();
    }
    // Grain, as a phone camera's sensor leaves it: files of a few MB, as cameras write them.
    const grain = c.getImageData(0, 0, width, height);
    let x = 2463534242 + seed;
    for (let i = 0; i < grain.data.length; i += 4) {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
      const d = (x & 31) - 16;
      grain.data[i] += d;
      grain.data[i + 1] += d;
      grain.data[i + 2] += d;
    }
    c.putImageData(grain, 0, 0);
    c.fillStyle = "#111";
    c.font = "bold 220px sans-serif";
    c.fillText(`KERIPIK TEMPE BU ANI ${seed || ""}`, 300, 1600);
    const blob = await canvas.convertToBlob({ type: "image/jpeg", quality: 0.92 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = "";
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  }, { seed, width, height });
  return Buffer.from(b64, "base64");
}

/** `jpeg` with an EXIF segment saying "rotate 90° clockwise to show" (orientation 6) and a GPS tag. */
export function takenOnItsSide(jpeg) {
  const tiff = Buffer.from([
    0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, // little-endian TIFF, first IFD at 8
    0x02, 0x00, // two entries
    0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00, // Orientation = 6
    0x25, 0x88, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x26, 0x00, 0x00, 0x00, // GPS IFD at 38
    0x00, 0x00, 0x00, 0x00, // no next IFD
    0x00, 0x00, 0x00, 0x00, // the GPS IFD: no entries, no next
  ]);
  const body = Buffer.concat([Buffer.from("Exif\0\0", "latin1"), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}
