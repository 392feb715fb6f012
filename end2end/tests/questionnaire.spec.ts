// Questionnaires end to end: an officer publishes a form and opens a campaign; a company
// answers through its personal link, in a browser of its own. Every test makes its own
// form and campaign, and runs with and without JavaScript.
import { expect, test, type Page } from "@playwright/test";
import {
  EVENTS_WITH_PARTICIPANTS,
  campaignWithLink,
  columnOf,
  companyPage,
  firstCompanyLink,
  logIn,
  openCampaign,
  openEvent,
  publishAfterExhibitForm,
  unique,
} from "./questionnaire-support";
import { failOnScriptErrors, ready } from "./support";

const watch = failOnScriptErrors();

/** The fields of the 出展後アンケート a company fills in. */
function fields(page: Page) {
  return {
    negotiations: page.getByLabel("商談件数"),
    expectedContracts: page.getByLabel("うち成約見込み件数"),
    contracts: page.getByLabel("成約件数（契約数）"),
    businessCards: page.getByLabel("名刺交換数"),
    reaction: page.getByRole("group", { name: "来場者の反応" }),
    satisfaction: page.getByRole("group", { name: "出展の満足度" }),
    again: page.getByRole("group", { name: "次回も出展したいですか" }),
    requests: page.getByLabel("市への要望・意見"),
    saveDraft: page.getByRole("button", { name: "一時保存" }),
    submit: page.getByRole("button", { name: "提出する" }),
  };
}

test("an officer builds a form from a template, opens a campaign and watches the completion board change", async ({
  page,
  browser,
  baseURL,
  javaScriptEnabled,
}) => {
  const event = EVENTS_WITH_PARTICIPANTS.messe;
  const formTitle = unique("E2E 出展後アンケート", javaScriptEnabled);
  const campaignTitle = unique("E2E 出展後の依頼", javaScriptEnabled);
  await logIn(page, javaScriptEnabled, true);

  await publishAfterExhibitForm(page, javaScriptEnabled, formTitle);
  // The preview shows the form as a company will see it, and cannot be sent.
  const preview = page.locator(".form-preview");
  await expect(preview.getByRole("heading", { level: 3, name: formTitle })).toBeVisible();
  await expect(preview.getByLabel("商談件数")).toBeVisible();
  await expect(preview.getByRole("button", { name: /送信/ })).toBeDisabled();

  await openEvent(page, javaScriptEnabled, event.name);
  await openCampaign(page, javaScriptEnabled, formTitle, campaignTitle);
  await expect(page.locator("table.invitations tbody tr")).toHaveCount(event.companies);
  const { company, link } = await firstCompanyLink(page);

  await page.getByRole("link", { name: `${event.name} に戻る` }).click();
  await expect(page).toHaveURL(/\/events\/\d+#campaigns$/);
  await ready(page, javaScriptEnabled);
  const board = page.getByRole("table", { name: "回答状況（企業ごと）" });
  const column = await columnOf(board, campaignTitle);
  const rows = board.locator("tbody tr");
  await expect(rows).toHaveCount(event.companies);
  for (let row = 0; row < event.companies; row++) {
    await expect(rows.nth(row).locator(":scope > *").nth(column)).toHaveText("未開封");
  }
  // The footer's first cell spans the booth and company columns.
  const missing = board.locator("tfoot tr > *").nth(column - 1);
  await expect(missing).toHaveText(`${event.companies}社`);

  // The company opens its link in its own browser: no officer is logged in there.
  const companyTab = await companyPage(browser, javaScriptEnabled, baseURL, watch);
  await companyTab.goto(link);
  await expect(companyTab.getByRole("heading", { level: 1, name: formTitle })).toBeVisible();
  await expect(companyTab.getByText(company, { exact: true })).toBeVisible();
  await ready(companyTab, javaScriptEnabled);
  await companyTab.context().close();

  await page.reload();
  await ready(page, javaScriptEnabled);
  const companyRow = rows.filter({ has: page.getByRole("rowheader", { name: company, exact: true }) });
  await expect(companyRow.locator(":scope > *").nth(column)).toHaveText("開封済み");
  // Opening is not submitting: still every company missing.
  await expect(missing).toHaveText(`${event.companies}社`);
});

test("a company opens its link, fills the 出展後アンケート, saves a draft, comes back, submits, sees the receipt", async ({
  page,
  browser,
  baseURL,
  javaScriptEnabled,
}) => {
  const setup = await campaignWithLink(page, javaScriptEnabled, EVENTS_WITH_PARTICIPANTS.hospex.name);
  const company = await companyPage(browser, javaScriptEnabled, baseURL, watch);
  const form = fields(company);
  await company.goto(setup.link);
  await ready(company, javaScriptEnabled);

  await form.negotiations.fill("12");
  await form.expectedContracts.fill("3");
  await form.reaction.getByRole("radio", { name: "良い", exact: true }).check();
  await form.saveDraft.click();
  await expect(company).toHaveURL(/\/a\/[^/?]+\?saved=1$/);
  await expect(company.getByRole("status").filter({ hasText: "一時保存しました" })).toBeVisible();
  await ready(company, javaScriptEnabled);

  // Coming back later through the same link: the draft is there.
  await company.goto(setup.link);
  await ready(company, javaScriptEnabled);
  await expect(form.negotiations).toHaveValue("12");
  await expect(form.expectedContracts).toHaveValue("3");
  await expect(form.contracts).toHaveValue("");
  await expect(form.reaction.getByRole("radio", { name: "良い", exact: true })).toBeChecked();

  if (test.info().project.name === "with-javascript") {
    // A few seconds after the last keystroke the draft saves itself.
    await form.businessCards.fill("40");
    await expect(company.locator(".autosave-status")).toContainText("自動保存しました", {
      timeout: 15_000,
    });
    await company.reload();
    await ready(company, javaScriptEnabled);
    await expect(form.businessCards).toHaveValue("40");
  } else {
    await form.businessCards.fill("40");
  }

  await form.contracts.fill("1");
  await form.satisfaction.getByRole("radio", { name: "4", exact: true }).check();
  await form.again.getByRole("radio", { name: "はい", exact: true }).check();
  await form.requests.fill("次回も同じ会場を希望します。\n搬入時間をもう少し長くしてください。");
  await form.submit.click();

  await expect(company).toHaveURL(/\/a\/[^/]+\/receipt$/);
  await expect(company.getByRole("heading", { level: 1, name: "ご回答ありがとうございました" })).toBeVisible();
  await expect(company.locator(".receipt-number")).toHaveText(/^\d{3}-\d{5}-\d+$/);
  const summary = company.getByRole("region", { name: /提出した内容/ });
  await expect(summary).toContainText("12件");
  await expect(summary).toContainText("40枚");
  await expect(summary).toContainText("搬入時間をもう少し長くしてください。");
  await ready(company, javaScriptEnabled);
  await company.context().close();

  // The officer sees the company as submitted.
  await page.goto(setup.eventPath);
  await ready(page, javaScriptEnabled);
  const board = page.getByRole("table", { name: "回答状況（企業ごと）" });
  const column = await columnOf(board, setup.campaignTitle);
  const row = board.locator("tbody tr").filter({ has: page.getByRole("rowheader", { name: setup.company, exact: true }) });
  await expect(row.locator(":scope > *").nth(column)).toHaveText("提出済み");
});

test("a refused submit keeps everything typed", async ({ page, browser, baseURL, javaScriptEnabled }) => {
  const setup = await campaignWithLink(page, javaScriptEnabled, EVENTS_WITH_PARTICIPANTS.hospex.name);
  const company = await companyPage(browser, javaScriptEnabled, baseURL, watch);
  const form = fields(company);
  await company.goto(setup.link);
  await ready(company, javaScriptEnabled);

  // Characters HTML gives a meaning to, blank lines, and more than a screenful.
  const opinion = [
    "展示会場の案内表示が分かりにくかったです。",
    "",
    "来年は <b>入口</b> に看板を & 「</textarea>」もそのまま。",
    ...Array.from({ length: 12 }, (_, i) => `${i + 1}. 要望の続き：搬入口、駐車場、休憩所について。`),
    "  以上です。",
  ].join("\n");
  await form.negotiations.fill("12x");
  await form.requests.fill(opinion);
  await form.submit.click();

  await expect(company).toHaveURL(/\/a\/[^/?]+$/);
  await ready(company, javaScriptEnabled);
  await expect(company.getByRole("alert").filter({ hasText: "入力内容に確認が必要な項目があります" })).toBeVisible();
  // Beside the field: the message, tied to it.
  const fieldError = company.locator("#q-negotiations-error");
  await expect(fieldError).toBeVisible();
  const problem = (await fieldError.innerText()).trim();
  expect(problem).not.toEqual("");
  await expect(form.negotiations).toHaveAttribute("aria-invalid", "true");
  await expect(form.negotiations).toHaveAttribute("aria-describedby", /q-negotiations-error/);
  // In the summary at the top, which takes the focus, linking to the field.
  const summary = company.locator(".error-summary");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("heading", { level: 2 })).toContainText("入力内容を確認してください");
  const link = summary.getByRole("link", { name: `商談件数：${problem}` });
  await expect(link).toHaveAttribute("href", "#q-negotiations");
  // Nothing typed is lost.
  await expect(form.negotiations).toHaveValue("12x");
  await expect(form.requests).toHaveValue(opinion);

  // The summary's link takes the keyboard to the field.
  await link.focus();
  await company.keyboard.press("Enter");
  await expect(form.negotiations).toBeFocused();
});

test("the answer form works with the keyboard alone", async ({ page, browser, baseURL, javaScriptEnabled }) => {
  const setup = await campaignWithLink(page, javaScriptEnabled, EVENTS_WITH_PARTICIPANTS.hospex.name);
  const company = await companyPage(browser, javaScriptEnabled, baseURL, watch);
  const form = fields(company);
  await company.goto(setup.link);
  await ready(company, javaScriptEnabled);

  // Tab from the top of the page to the submit button, noting where the focus stops.
  const focused = company.locator(":focus");
  const stops: string[] = [];
  const tabUntil = async (target: string) => {
    for (let i = 0; i < 60; i++) {
      await company.keyboard.press("Tab");
      const stop = (await focused.getAttribute("id")) ?? `${await focused.getAttribute("name")}=${await focused.getAttribute("value")}`;
      stops.push(stop);
      if (stop === target) return;
    }
    throw new Error(`Tab never reached ${target}; it went through ${stops.join(", ")}`);
  };

  await tabUntil("q-negotiations");
  await company.keyboard.type("5");
  await expect(form.negotiations).toHaveValue("5");

  // A radio group is one stop: Space chooses the first option, the arrows move the choice.
  await tabUntil("q-visitor_reaction");
  await company.keyboard.press("Space");
  await expect(company.locator("#q-visitor_reaction")).toBeChecked();
  await company.keyboard.press("ArrowDown");
  await expect(company.locator("#q-visitor_reaction-1")).toBeFocused();
  await expect(form.reaction.getByRole("radio", { name: "良い", exact: true })).toBeChecked();

  await tabUntil("intent=submit");
  await expect(form.submit).toBeFocused();
  await expect(form.submit).toHaveCSS("outline-style", "solid");
  // Every question was a stop, in the order of the page, then the two buttons.
  const questions = stops.filter((stop) => stop.startsWith("q-"));
  expect(questions).toEqual([
    "q-negotiations",
    "q-expected_contracts",
    "q-contracts",
    "q-business_cards",
    "q-visitor_reaction",
    "q-satisfaction",
    "q-exhibit_again",
    "q-reason_not_again",
    "q-requests",
  ]);
  expect(stops.slice(-2)).toEqual(["intent=draft", "intent=submit"]);

  // Back to 一時保存, and Enter presses it.
  await company.keyboard.press("Shift+Tab");
  await expect(form.saveDraft).toBeFocused();
  await company.keyboard.press("Enter");
  await expect(company).toHaveURL(/\/a\/[^/?]+\?saved=1$/);
  await expect(company.getByRole("status").filter({ hasText: "一時保存しました" })).toBeVisible();
  await expect(form.negotiations).toHaveValue("5");
  await expect(form.reaction.getByRole("radio", { name: "良い", exact: true })).toBeChecked();
});
