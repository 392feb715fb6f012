// The review loop: a company submits, an officer returns its answers with a comment,
// the company sees the comment at the top of its form, fixes and submits again, and the
// officer approves; the history keeps every round. With and without JavaScript.
import { expect, test } from "@playwright/test";
import { expectAccessibleBothWays } from "./a11y";
import { EVENTS_WITH_PARTICIPANTS, campaignWithLink, companyPage, fillAfterExhibit } from "./questionnaire-support";
import { failOnScriptErrors, ready } from "./support";

const watch = failOnScriptErrors();

test("an officer returns a company's answers with a comment, the company fixes them, and the officer approves", async ({
  page,
  browser,
  baseURL,
  javaScriptEnabled,
}) => {
  test.setTimeout(90_000);
  watch(page);
  const setup = await campaignWithLink(page, javaScriptEnabled, EVENTS_WITH_PARTICIPANTS.hospex.name);

  // The company submits, with more contracts than negotiations.
  const company = await companyPage(browser, javaScriptEnabled, baseURL, watch);
  await company.goto(setup.link);
  await ready(company, javaScriptEnabled);
  await fillAfterExhibit(company, { negotiations: "2", contracts: "5" });
  await company.getByRole("button", { name: "提出する" }).click();
  await expect(company).toHaveURL(/\/receipt$/);

  // The officer reads the answers in words and returns them; a blank comment is refused.
  await page.goto(setup.campaignPath);
  await ready(page, javaScriptEnabled);
  await page.getByRole("link", { name: `${setup.company}の回答を見る` }).click();
  await expect(page).toHaveURL(/\/responses\/\d+$/);
  await ready(page, javaScriptEnabled);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${setup.company} の回答`);
  await expect(page.locator("dl.review-answers")).toContainText("5件");
  if (javaScriptEnabled) {
    await expectAccessibleBothWays(page);
  }
  await page.getByRole("button", { name: "差し戻す" }).click();
  await expect(page.getByText("入力してください。")).toBeVisible();
  const comment = "成約件数が商談件数を上回っています。ご確認ください。";
  await page.getByLabel("差し戻しの理由（企業に表示されます）").fill(comment);
  await page.getByRole("button", { name: "差し戻す" }).click();
  await expect(page.getByRole("status").filter({ hasText: "差し戻しました" })).toBeVisible();
  await expect(page.locator(".review-history")).toContainText(comment);

  // The company sees the comment first, fixes the number and submits again.
  await company.goto(setup.link);
  await ready(company, javaScriptEnabled);
  await expect(company.locator(".returned-comment")).toContainText(comment);
  if (javaScriptEnabled) {
    await expectAccessibleBothWays(company);
  }
  await company.getByLabel("成約件数（契約数）").fill("1");
  await company.getByRole("button", { name: "提出する" }).click();
  await expect(company).toHaveURL(/\/receipt$/);
  await company.context().close();

  // The officer approves the new version; the history has every round.
  await page.reload();
  await ready(page, javaScriptEnabled);
  await expect(page.locator("dl.review-answers")).toContainText("1件");
  await page.getByRole("button", { name: "承認する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "承認しました" })).toBeVisible();
  const rounds = page.locator(".review-history li strong");
  await expect(rounds).toHaveText(["提出", "差し戻し", "提出", "承認"]);
  await page.goto(setup.campaignPath);
  await ready(page, javaScriptEnabled);
  const row = page.locator("table.invitations tbody tr").filter({ has: page.getByRole("rowheader", { name: setup.company, exact: true }) });
  await expect(row).toContainText("承認済み");
});
