// Shared pieces of the end-to-end tests: a real server on 127.0.0.1 (tools/serve.mjs) and
// Debian's Chromium driven by playwright-core (which never downloads a browser of its own).
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

export const ROOT = resolve(import.meta.dirname, "..", "..");
export const DIST = join(ROOT, "dist");

/** Starts tools/serve.mjs on a free port for test `t` (stopped when it ends, passed or failed). */
export async function serverFor(t, dir = DIST) {
  const server = await startServer(dir);
  t.after(() => server.stop());
  return server;
}

/** Starts tools/serve.mjs on a free port; resolves once it listens. */
export function startServer(dir = DIST) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "tools", "serve.mjs"), "--dir", dir, "--port", "0"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const timer = setTimeout(() => reject(new Error("server did not start in 10 s")), 10_000);
    child.on("exit", (code) => reject(new Error(`server exited early (${code})`)));
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (text) => {
      const match = text.match(/served at (http:\/\/\S+\/)/);
      if (!match) return;
      clearTimeout(timer);
      const stop = () =>
        new Promise((done) => {
          if (child.exitCode !== null) return done();
          child.removeAllListeners("exit");
          child.once("exit", done);
          child.kill("SIGTERM");
        });
      resolvePromise({ url: match[1], stop });
    });
  });
}

/** A copy of the built app in a temporary folder, for tests that "deploy" a change to it. */
export function copyOfDist() {
  const dir = mkdtempSync(join(tmpdir(), "sentra-dist-"));
  cpSync(DIST, dir, { recursive: true });
  return dir;
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/**
 * A fresh browser profile and a page in it, closed when test `t` ends, passed or failed.
 * Uncaught page errors (a wasm panic, say) are collected; `assertNoErrors()` fails the test on any.
 */
export async function openPage(t, browser, options = {}) {
  const context = await browser.newContext(options);
  t.after(() => context.close());
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (err) => errors.push(err.message));
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.assertNoErrors = () => {
    if (errors.length) throw new Error(`errors in the page:\n${errors.join("\n")}`);
  };
  return { context, page };
}

/** Waits until the page's heading reads `text`. */
export async function expectHeading(page, text, timeout = 15_000) {
  try {
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid="page-title"]')?.textContent === want,
      text,
      { timeout },
    );
  } catch {
    const got = await page.locator('[data-testid="page-title"]').first().textContent().catch(() => null);
    throw new Error(`expected the heading "${text}", found ${JSON.stringify(got)} at ${page.url()}`);
  }
}

/** Resolves once a service worker controls the page. */
export function waitForServiceWorkerControl(page) {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
    }
  });
}

/** The build id of the service worker that controls the page. */
export function controllingBuildId(page) {
  return page.evaluate(
    () =>
      new Promise((resolveId) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => resolveId(event.data);
        navigator.serviceWorker.controller.postMessage("build-id", [channel.port2]);
      }),
  );
}

/** Types into a combobox and picks the option whose text contains `want`. */
export async function pick(page, inputId, typed, want) {
  await page.locator(`#${inputId}`).fill(typed);
  const option = page.locator(`#${inputId}-list [role="option"]`, { hasText: want }).first();
  await option.waitFor({ timeout: 15_000 });
  await option.dispatchEvent("mousedown");
}


/**
 * Times keystrokes inside the page: for every prefix of every word, from dispatching the input
 * event on `selector` until the view has re-rendered (a macrotask queued after Leptos'
 * microtask effects). Returns the times in ms, sorted. `clearBetween` empties the field after
 * each word.
 */
export function timeKeystrokes(page, selector, words, rounds, clearBetween = false) {
  return page.evaluate(
    async ({ selector, words, rounds, clearBetween }) => {
      const input = document.querySelector(selector);
      const afterRender = () =>
        new Promise((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = resolve;
          channel.port2.postMessage(0);
        });
      const type = async (text) => {
        input.value = text;
        const t0 = performance.now();
        input.dispatchEvent(new Event("input", { bubbles: true }));
        await afterRender();
        return performance.now() - t0;
      };
      const out = [];
      for (let round = 0; round < rounds; round++) {
        for (const word of words) {
          for (let end = 1; end <= word.length; end++) out.push(await type(word.slice(0, end)));
          if (clearBetween) await type("");
        }
      }
      return out.sort((a, b) => a - b);
    },
    { selector, words, rounds, clearBetween },
  );
}

/** The q-quantile of sorted numbers. */
export const quantile = (sorted, q) => sorted[Math.floor((sorted.length - 1) * q)];
