// Shrinks a photo off the page's thread (issue 17; src/web/photos.rs talks to it). The picked
// file is decoded with its EXIF orientation applied, scaled so that its long side is at most
// 1,600 px, and encoded again as JPEG, which carries no metadata: the place and the camera a
// phone wrote into the file are gone. A 320 px thumbnail is made the same way for lists and
// details. The photo is hashed (SHA-256, hex): its hash is its name everywhere.
const LONG_SIDE = 1600;
const THUMB_SIDE = 320;
// Product labels stay readable at 0.8; 1,600 px photos of products come out at 150-350 KB.
const QUALITY = 0.8;
const THUMB_QUALITY = 0.7;

const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");

async function encode(bitmap, side, quality) {
  const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  // Scaled by the decoder's own resampling ("high"), not in one drawImage step, which aliases.
  const scaled = scale < 1
    ? await createImageBitmap(bitmap, { resizeWidth: width, resizeHeight: height, resizeQuality: "high" })
    : bitmap;
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext("2d");
  // A transparent PNG becomes white, not black, as JPEG.
  context.fillStyle = "#fff";
  context.fillRect(0, 0, width, height);
  context.drawImage(scaled, 0, 0);
  if (scaled !== bitmap) scaled.close();
  const blob = await canvas.convertToBlob({ type: "image/jpeg", quality });
  const bytes = await blob.arrayBuffer();
  return { bytes, width, height, hash: hex(await crypto.subtle.digest("SHA-256", bytes)) };
}

// The place a phone wrote into the photo (EXIF GPS), if any, as [latitude, longitude]: sent
// back to the page, which uses it only if the officer asks (to fill the record's coordinates);
// the photo as kept never carries it.
async function placeOf(file) {
  const view = new DataView(await file.slice(0, 131072).arrayBuffer());
  if (view.byteLength < 4 || view.getUint16(0) !== 0xffd8) return null;
  let at = 2;
  while (at + 10 <= view.byteLength) {
    const marker = view.getUint16(at);
    if ((marker & 0xff00) !== 0xff00 || marker === 0xffda) return null;
    if (marker === 0xffe1 && view.getUint32(at + 4) === 0x45786966) return gpsIn(view, at + 10);
    at += 2 + view.getUint16(at + 2);
  }
  return null;
}

function gpsIn(view, tiff) {
  try {
    const little = view.getUint16(tiff) === 0x4949;
    const u16 = (o) => view.getUint16(tiff + o, little);
    const u32 = (o) => view.getUint32(tiff + o, little);
    const entries = (ifd) => Array.from({ length: u16(ifd) }, (_, i) => ifd + 2 + i * 12);
    const pointer = entries(u32(4)).find((e) => u16(e) === 0x8825);
    if (pointer === undefined) return null;
    const tags = {};
    for (const e of entries(u32(pointer + 8))) tags[u16(e)] = e;
    const ref = (tag) => (tags[tag] === undefined ? "" : String.fromCharCode(view.getUint8(tiff + tags[tag] + 8)));
    const degrees = (tag) => {
      if (tags[tag] === undefined) return NaN;
      const at = u32(tags[tag] + 8);
      const part = (k) => u32(at + k * 8) / u32(at + k * 8 + 4);
      return part(0) + part(1) / 60 + part(2) / 3600;
    };
    const lat = degrees(2);
    const lon = degrees(4);
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
    // To six decimals (about 0.1 m): degrees, minutes and seconds as fractions leave float dust.
    const round = (x) => Math.round(x * 1e6) / 1e6;
    return [round(ref(1) === "S" ? -lat : lat), round(ref(3) === "W" ? -lon : lon)];
  } catch {
    return null;
  }
}

// `thumbOnly`: a photo received in a file is kept as sent (its hash is its name); only its
// thumbnail is made here.
self.onmessage = async ({ data: { id, file, thumbOnly } }) => {
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    self.postMessage({ id, error: "bukan-foto" });
    return;
  }
  try {
    if (thumbOnly) {
      const thumb = await encode(bitmap, THUMB_SIDE, THUMB_QUALITY);
      self.postMessage({ id, thumb: thumb.bytes }, [thumb.bytes]);
      return;
    }
    const photo = await encode(bitmap, LONG_SIDE, QUALITY);
    const thumb = await encode(bitmap, THUMB_SIDE, THUMB_QUALITY);
    const place = await placeOf(file).catch(() => null);
    self.postMessage(
      { id, hash: photo.hash, width: photo.width, height: photo.height, photo: photo.bytes, thumb: thumb.bytes, place },
      [photo.bytes, thumb.bytes],
    );
  } catch (e) {
    self.postMessage({ id, error: `${e}` });
  } finally {
    bitmap.close();
  }
};
