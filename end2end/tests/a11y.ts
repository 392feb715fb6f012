import AxeBuilder from "@axe-core/playwright";
import { expect, type BrowserContext, type Page } from "@playwright/test";

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
  const serverOnly = await pageWithoutAppScripts(page.context());
  await serverOnly.goto(page.url());
  await expect(serverOnly.locator("body")).not.toHaveAttribute("data-hydrated", "true");
  await expectAccessible(serverOnly);
  await serverOnly.close();
}

/**
 * A new tab of `context` in which the app's scripts never load (its stylesheet does):
 * pages stay as the server sent them, and forms post as they would without JavaScript.
 * For a page that only a post shows (a refused form), post from here and check it.
 */
export async function pageWithoutAppScripts(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.route("**/pkg/**", (route) =>
    route.request().resourceType() === "stylesheet" ? route.continue() : route.abort(),
  );
  return page;
}
