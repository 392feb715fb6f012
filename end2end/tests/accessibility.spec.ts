import { expect, test } from "@playwright/test";
import { expectAccessibleBothWays } from "./a11y";
import { ADMIN } from "./support";

// Every page an officer sees, hydrated and as the server sent it (WCAG 2.1 AA, axe-core).
// axe needs JavaScript, so this runs in the project that has it.
test("every officer page passes axe-core, hydrated and as the server sent it", async ({
  page,
  javaScriptEnabled,
}) => {
  test.skip(!javaScriptEnabled, "axe-core runs in the browser: the JavaScript project checks both ways");
  await page.goto("/login");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  await expectAccessibleBothWays(page);
  await page.getByLabel("メールアドレス").fill(ADMIN.email);
  await page.getByLabel("パスワード").fill(ADMIN.password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/events$/);

  for (const path of [
    "/events",
    "/events/new",
    "/events/3",
    "/events/3/roster/import",
    "/companies",
    "/companies/1",
    "/admin/officers",
    "/admin/audit",
  ]) {
    await page.goto(path);
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
    await expectAccessibleBothWays(page);
  }
});
