import { expect, test, type Page } from "@playwright/test";

export const ADMIN = { email: "admin@example.jp", password: "kotae-demo-2026" };

/**
 * Any script error (a failed hydration, a panic in the wasm, a script or style the
 * Content-Security-Policy refused) fails the test. Watches the test's own page; the
 * function it returns watches any other page the test opens (another browser context).
 */
export function failOnScriptErrors(): (page: Page) => void {
  let scriptErrors: string[] = [];
  const watch = (page: Page) => {
    page.on("pageerror", (error) => scriptErrors.push(`${page.url()}: ${error.message}`));
    page.on("console", (message) => {
      // The browser also logs 4xx answers to fetches (e.g. 422 for a refused form): those
      // are expected and shown to the user, not script errors.
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
        scriptErrors.push(`${page.url()}: ${message.text()}`);
      }
    });
  };
  test.beforeEach(({ page }) => {
    scriptErrors = [];
    watch(page);
  });
  test.afterEach(() => {
    expect(scriptErrors).toEqual([]);
  });
  return watch;
}

/** With JavaScript, waits until the page is hydrated (interactive); without, returns. */
export async function ready(page: Page, javaScriptEnabled: boolean) {
  if (javaScriptEnabled) {
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  }
}
