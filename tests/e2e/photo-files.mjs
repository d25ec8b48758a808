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

/** `jpeg` with the EXIF GPS a phone writes: taken at `lat`, `lon` (degrees, minutes, seconds). */
export function takenAt(jpeg, lat, lon) {
  const tiff = Buffer.alloc(140);
  tiff.write("II*\0", 0, "latin1");
  tiff.writeUInt32LE(8, 4);
  const entry = (at, tag, type, count, value) => {
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    tiff.writeUInt32LE(value, at + 8);
  };
  tiff.writeUInt16LE(1, 8); // IFD0: one entry, the GPS IFD at 26
  entry(10, 0x8825, 4, 1, 26);
  tiff.writeUInt16LE(4, 26); // GPS IFD: four entries, their rationals at 80 and 104
  const ref = (at, tag, letter) => {
    entry(at, tag, 2, 2, 0);
    tiff.write(letter, at + 8, "latin1");
  };
  ref(28, 1, lat < 0 ? "S" : "N");
  entry(40, 2, 5, 3, 80);
  ref(52, 3, lon < 0 ? "W" : "E");
  entry(64, 4, 5, 3, 104);
  const dms = (at, degrees) => {
    const d = Math.abs(degrees);
    const whole = Math.floor(d);
    const minutes = Math.floor((d - whole) * 60);
    const seconds = Math.round(((d - whole) * 60 - minutes) * 60 * 1000);
    [[whole, 1], [minutes, 1], [seconds, 1000]].forEach(([n, of], k) => {
      tiff.writeUInt32LE(n, at + k * 8);
      tiff.writeUInt32LE(of, at + k * 8 + 4);
    });
  };
  dms(80, lat);
  dms(104, lon);
  const body = Buffer.concat([Buffer.from("Exif\0\0", "latin1"), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}
