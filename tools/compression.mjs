// The compression settings the build ships with (tools/compress.mjs) and the size benchmark
// reports (tools/bench-size.mjs): brotli quality 11 and gzip level 9, the strongest, since an
// officer downloads the app once.
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

export const brotli = (body) =>
  brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });

export const gzip = (body) => gzipSync(body, { level: 9 });
