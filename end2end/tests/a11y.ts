import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Fails on any WCAG 2.1 AA violation axe-core finds on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(found, `axe-core on ${page.url()}`).toEqual([]);
}

/**
 * Checks the page twice: hydrated, and as the server sent it (the app's scripts blocked,
 * in a second tab of the same signed-in context, since axe itself needs JavaScript).
 */
export async function expectAccessibleBothWays(page: Page) {
  await expectAccessible(page);
  const serverOnly = await page.context().newPage();
  await serverOnly.route("**/pkg/**", (route) =>
    route.request().resourceType() === "stylesheet" ? route.continue() : route.abort(),
  );
  await serverOnly.goto(page.url());
  await expect(serverOnly.locator("body")).not.toHaveAttribute("data-hydrated", "true");
  await expectAccessible(serverOnly);
  await serverOnly.close();
}
