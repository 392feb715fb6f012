import { defineConfig } from "@playwright/test";

// The app under test: the debug build made by `cargo leptos build`, started by
// Playwright with a fresh data directory (SQLite) and the demo data, on its own port.
const port = Number(process.env.KOTAE_E2E_PORT ?? 3457);
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = "target/e2e-data";
// The SMTP server Kotae sends to (end2end/smtp-sink.mjs), and where tests read its mail.
const smtpPort = port + 10;
const sinkURL = `http://127.0.0.1:${port + 11}`;

// Debian's Chromium: Playwright's own browser download does not work on our machines.
const chromium = {
  executablePath: process.env.KOTAE_CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "./tests",
  // Every test has its own limit, and the whole run one more: a hang costs minutes,
  // never CI's ninety.
  timeout: 30_000,
  globalTimeout: 15 * 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL,
    launchOptions: chromium,
    locale: "en-US", // Kotae must still start in Japanese
    trace: "off",
  },
  projects: [
    { name: "with-javascript", use: { javaScriptEnabled: true } },
    { name: "without-javascript", use: { javaScriptEnabled: false } },
  ],
  webServer: [
    {
      command: "node smtp-sink.mjs",
      url: `${sinkURL}/healthz`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: { SINK_SMTP_PORT: String(smtpPort), SINK_HTTP_PORT: String(port + 11) },
    },
    {
      command: `rm -rf ${dataDir} && ./target/debug/server demo && exec ./target/debug/server serve`,
      cwd: "..",
      url: `${baseURL}/healthz`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        KOTAE_DATA_DIR: dataDir,
        KOTAE_LISTEN: `127.0.0.1:${port}`,
        LEPTOS_SITE_ROOT: "target/site",
        RUST_LOG: "warn",
        KOTAE_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        KOTAE_SCHEDULER_INTERVAL: "1",
      },
    },
  ],
});
