// Trunk post_build hook: writes the precache list and build id into the staged sw.js.
//
// The list is every file Trunk staged (hashed wasm, JS, CSS; index.html; manifest; icons), so it
// is always exactly what was built. The build id is a hash of all their contents: any change to
// the app changes sw.js, which is how browsers notice a new version.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("precache: TRUNK_STAGING_DIR is not set (run through trunk build)");
  process.exit(1);
}
const publicUrl = (process.env.TRUNK_PUBLIC_URL || "/").replace(/\/?$/, "/");
const SW = "sw.js";

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const files = walk(staging)
  .map((path) => relative(staging, path).split(sep).join("/"))
  .filter((rel) => rel !== SW)
  .sort();
if (!files.includes("index.html")) {
  console.error("precache: index.html missing from the build");
  process.exit(1);
}

const hash = createHash("sha256");
for (const rel of files) {
  hash.update(rel);
  hash.update(readFileSync(join(staging, rel)));
}
const buildId = hash.digest("hex").slice(0, 16);
const urls = files.map((rel) => publicUrl + rel);

const swPath = join(staging, SW);
const template = readFileSync(swPath, "utf8");
const idMark = '"__SENTRA_BUILD_ID__"';
const listMark = '["__SENTRA_PRECACHE__"]';
if (!template.includes(idMark) || !template.includes(listMark)) {
  console.error("precache: sw.js lacks its placeholders; is it already filled?");
  process.exit(1);
}
writeFileSync(swPath, template.replace(idMark, JSON.stringify(buildId)).replace(listMark, JSON.stringify(urls, null, 2)));
console.log(`precache: ${urls.length} files, build ${buildId}`);
