import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, expectAccessibleBothWays, pageWithoutAppScripts } from "./a11y";
import { EVENTS_WITH_PARTICIPANTS, campaignWithLink, companyPage } from "./questionnaire-support";
import { ADMIN, ready } from "./support";

// Every page an officer sees, hydrated and as the server sent it (WCAG 2.1 AA, axe-core).
// axe needs JavaScript, so this runs in the project that has it.
test("every officer page passes axe-core, hydrated and as the server sent it", async ({
  page,
  javaScriptEnabled,
}) => {
  test.skip(!javaScriptEnabled, "axe-core runs in the browser: the JavaScript project checks both ways");
  // Many pages, each checked twice by axe (~1.3 s a run here): more than the default limit.
  test.setTimeout(120_000);
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
    "/events/3/summary",
    "/kpi",
    "/kpi/settings",
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

// The questionnaire pages: the officer's forms and campaigns, and the company's pages
// behind its personal link (fresh, refused with errors, the receipt, a wrong link).
test("every questionnaire page passes axe-core, hydrated and as the server sent it", async ({
  page,
  browser,
  baseURL,
  javaScriptEnabled,
}) => {
  test.skip(!javaScriptEnabled, "axe-core runs in the browser: the JavaScript project checks both ways");
  // Many pages, each checked twice by axe (~1.3 s a run here): more than the default limit.
  test.setTimeout(120_000);
  const setup = await campaignWithLink(page, javaScriptEnabled, EVENTS_WITH_PARTICIPANTS.hospex.name);

  for (const path of ["/forms", setup.formPath, `${setup.formPath}/edit`, setup.eventPath, setup.campaignPath]) {
    await page.goto(path);
    await ready(page, javaScriptEnabled);
    await expectAccessibleBothWays(page);
  }
  // The event page again with the form that opens a campaign unfolded.
  await page.goto(setup.eventPath);
  await ready(page, javaScriptEnabled);
  await page.locator("details.new-campaign > summary").click();
  await expect(page.locator("details.new-campaign form")).toBeVisible();
  await expectAccessible(page);

  // The company, in a browser of its own.
  const company = await companyPage(browser, javaScriptEnabled, baseURL, () => {});
  await company.goto(setup.link);
  await ready(company, javaScriptEnabled);
  await expectAccessibleBothWays(company);

  // Refused: once hydrated, once as the server sent it (posted from a tab without the
  // app's scripts, since only the post shows the errors).
  const refuse = async (tab: Page) => {
    await tab.getByLabel("商談件数").fill("12x");
    await tab.getByLabel("市への要望・意見").fill("一行目\n二行目");
    await tab.getByRole("button", { name: "提出する" }).click();
    await expect(tab.locator(".error-summary")).toBeVisible();
    await expect(tab.locator("#q-negotiations-error")).toBeVisible();
  };
  await refuse(company);
  await expectAccessible(company);
  const serverOnly = await pageWithoutAppScripts(company.context());
  await serverOnly.goto(setup.link);
  await refuse(serverOnly);
  await expect(serverOnly.locator("body")).not.toHaveAttribute("data-hydrated", "true");
  await expectAccessible(serverOnly);
  await serverOnly.close();

  // Submitted: the receipt.
  await company.goto(setup.link);
  await ready(company, javaScriptEnabled);
  for (const label of ["商談件数", "うち成約見込み件数", "成約件数（契約数）", "名刺交換数"]) {
    await company.getByLabel(label).fill("2");
  }
  await company.getByRole("group", { name: "来場者の反応" }).getByRole("radio", { name: "普通" }).check();
  await company.getByRole("group", { name: "出展の満足度" }).getByRole("radio", { name: "3", exact: true }).check();
  await company.getByRole("group", { name: "次回も出展したいですか" }).getByRole("radio", { name: "未定" }).check();
  await company.getByRole("button", { name: "提出する" }).click();
  await expect(company).toHaveURL(/\/receipt$/);
  await ready(company, javaScriptEnabled);
  await expectAccessibleBothWays(company);

  // The officer's summary, with the answer in its charts and tables, and filtered; a
  // question's own page of texts.
  for (const path of [
    `${setup.campaignPath}/summary`,
    `${setup.campaignPath}/summary?leader=no`,
    `${setup.campaignPath}/summary/questions/requests`,
  ]) {
    await page.goto(path);
    await ready(page, javaScriptEnabled);
    await expectAccessibleBothWays(page);
  }

  // A wrong link: a page that says so, not a bare error.
  const response = await company.goto("/a/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  expect(response?.status()).toBe(404);
  await expect(company.getByRole("heading", { level: 1, name: "このリンクは使えません" })).toBeVisible();
  await ready(company, javaScriptEnabled);
  await expectAccessibleBothWays(company);
  await company.context().close();
});
