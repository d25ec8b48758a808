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
    self.postMessage(
      { id, hash: photo.hash, width: photo.width, height: photo.height, photo: photo.bytes, thumb: thumb.bytes },
      [photo.bytes, thumb.bytes],
    );
  } catch (e) {
    self.postMessage({ id, error: `${e}` });
  } finally {
    bitmap.close();
  }
};
