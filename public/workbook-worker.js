// The XLSX export's worker (src/web/workbook.rs). It runs the app's own wasm, which the first
// visit has already downloaded and the service worker keeps, so exports cost no second download
// and work offline. The page's first message names the app's script and wasm (content-hashed
// by Trunk); once they are loaded, the app's main() sees no window and becomes the workbook
// writer (`workbook::serve`), which says "siap" when it listens.
self.onmessage = async (event) => {
  try {
    const { script, wasm } = event.data;
    const app = await import(script);
    await app.default({ module_or_path: wasm });
  } catch (e) {
    self.postMessage(`Sentra tidak dapat dimuat di worker: ${e}`);
  }
};
