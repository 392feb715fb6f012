// What the questionnaire tests share: an officer who publishes a form and opens a
// campaign with it, and a company that opens its personal link in a browser of its own.
import { expect, type Browser, type Cookie, type Locator, type Page } from "@playwright/test";
import { ADMIN, ready } from "./support";

/** The demo events that have participants, and how many (server/src/demo.rs). */
export const EVENTS_WITH_PARTICIPANTS = {
  messe: { name: "メッセナゴヤ 2026 共同出展", companies: 8 },
  hospex: { name: "HOSPEX Japan 2026 共同出展", companies: 6 },
} as const;

/** A title no other test (nor the other project) uses. */
export function unique(prefix: string, javaScriptEnabled: boolean): string {
  const random = Math.random().toString(36).slice(2, 6);
  return `${prefix} ${javaScriptEnabled ? "JS" : "noJS"} ${Date.now()}${random}`;
}

/** The officer's cookies after the last sign-in through the login page. */
let officerCookies: Cookie[] | undefined;

/**
 * Signs ADMIN in. The server allows 5 sign-ins a minute per account, successful ones
 * included, and the suite has more tests than that: so unless `throughTheForm`, a test
 * reuses the session of an earlier sign-in (the same worker, the same server) when
 * there is one, and signs in through the form only when there is none.
 */
export async function logIn(page: Page, javaScriptEnabled: boolean, throughTheForm = false) {
  if (officerCookies && !throughTheForm) {
    await page.context().addCookies(officerCookies);
    await page.goto("/events");
    if (new URL(page.url()).pathname === "/events") {
      await ready(page, javaScriptEnabled);
      return;
    }
  }
  await page.goto("/login");
  await ready(page, javaScriptEnabled);
  await page.getByLabel("メールアドレス").fill(ADMIN.email);
  await page.getByLabel("パスワード").fill(ADMIN.password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/events$/);
  await ready(page, javaScriptEnabled);
  officerCookies = await page.context().cookies();
}

/**
 * A datetime-local value in the office's time (JST, UTC+9), `minutes` from now:
 * `2026-11-26T17:05`.
 */
export function officeTime(minutesFromNow: number): string {
  const at = new Date(Date.now() + minutesFromNow * 60_000 + 9 * 60 * 60_000);
  return at.toISOString().slice(0, 16);
}

/** The built-in forms, by the name their button shows. */
export type Template = "出展後アンケート" | "セミナー受講レポート";

/**
 * Makes a form from the 出展後アンケート template (or `template`), gives it `title` in the
 * builder (so that the campaign form can tell it from the other tests' forms), and
 * publishes it. Leaves the page on the published form. Returns the form's path.
 */
export async function publishAfterExhibitForm(
  page: Page,
  javaScriptEnabled: boolean,
  title: string,
  template: Template = "出展後アンケート",
): Promise<string> {
  await page.goto("/forms");
  await ready(page, javaScriptEnabled);
  await page.getByRole("button", { name: `${template}から作成` }).click();
  await expect(page).toHaveURL(/\/forms\/\d+$/);
  await ready(page, javaScriptEnabled);
  const formPath = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 2, name: "プレビュー" })).toBeVisible();

  await page.getByRole("link", { name: "編集する" }).click();
  await expect(page).toHaveURL(new RegExp(`${formPath}/edit$`));
  await ready(page, javaScriptEnabled);
  await page.getByLabel("タイトル（日本語）").fill(title);
  await page.getByRole("button", { name: "保存する" }).first().click();
  await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();
  await ready(page, javaScriptEnabled);
  await page.getByRole("link", { name: "プレビューに戻る" }).click();
  await expect(page).toHaveURL(new RegExp(`${formPath}$`));
  await ready(page, javaScriptEnabled);

  await page.getByRole("button", { name: "第1版を公開する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "公開しました" })).toBeVisible();
  await ready(page, javaScriptEnabled);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("公開済み");
  return formPath;
}

/** Opens the page of the demo event `eventName` from the list of events. */
export async function openEvent(page: Page, javaScriptEnabled: boolean, eventName: string) {
  await page.goto("/events");
  await ready(page, javaScriptEnabled);
  await page.getByRole("link", { name: eventName, exact: true }).click();
  await expect(page).toHaveURL(/\/events\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: eventName })).toBeVisible();
  await ready(page, javaScriptEnabled);
}

/**
 * On an event page: opens a campaign for every participant with the published form
 * `formTitle`, open since a few minutes ago until a month from now. Leaves the page on
 * the new campaign's page.
 */
export async function openCampaign(
  page: Page,
  javaScriptEnabled: boolean,
  formTitle: string,
  campaignTitle: string,
) {
  const section = page.locator("#campaigns");
  await section.locator("details.new-campaign > summary", { hasText: "依頼を作成する" }).click();
  const form = section.locator("details form");
  await form.getByLabel("フォーム", { exact: true }).selectOption({ label: `${formTitle}（第1版）` });
  await form.getByLabel("依頼の名前").fill(campaignTitle);
  await form.getByLabel("受付開始").fill(officeTime(-10));
  await form.getByLabel("締切").fill(officeTime(30 * 24 * 60));
  await expect(form.getByLabel("この催しの出展企業すべて")).toBeChecked();
  await form.getByRole("button", { name: "依頼を作成する" }).click();

  await expect(page).toHaveURL(/\/events\/\d+\/campaigns\/\d+\?saved=created$/);
  await expect(page.getByRole("heading", { level: 1, name: campaignTitle })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "依頼を作成しました" })).toBeVisible();
  await ready(page, javaScriptEnabled);
}

/** On a campaign page: the first company's name and personal link. */
export async function firstCompanyLink(page: Page): Promise<{ company: string; link: string }> {
  const row = page.locator("table.invitations tbody tr").first();
  const company = (await row.getByRole("rowheader").innerText()).trim();
  const field = row.getByRole("textbox", { name: `${company} の専用リンク` });
  await expect(field).toHaveAttribute("readonly", "");
  const link = await field.inputValue();
  expect(link).toMatch(/\/a\/[A-Za-z0-9_-]{16,}$/);
  return { company, link };
}

export type Setup = {
  formPath: string;
  eventPath: string;
  campaignPath: string;
  campaignTitle: string;
  company: string;
  link: string;
};

/** Everything a company test needs: a published form, a campaign, one company's link. */
export async function campaignWithLink(
  page: Page,
  javaScriptEnabled: boolean,
  eventName: string,
  template: Template = "出展後アンケート",
): Promise<Setup> {
  const formTitle = unique(`E2E ${template}`, javaScriptEnabled);
  await logIn(page, javaScriptEnabled);
  const formPath = await publishAfterExhibitForm(page, javaScriptEnabled, formTitle, template);
  await openEvent(page, javaScriptEnabled, eventName);
  const eventPath = new URL(page.url()).pathname;
  const campaignTitle = unique("E2E 依頼", javaScriptEnabled);
  await openCampaign(page, javaScriptEnabled, formTitle, campaignTitle);
  const campaignPath = new URL(page.url()).pathname;
  return { formPath, eventPath, campaignPath, campaignTitle, ...(await firstCompanyLink(page)) };
}

/**
 * A browser of the company's own: a new context, without the officer's cookies, with
 * JavaScript as the project has it. `watch` adds the test's script error checks.
 */
export async function companyPage(
  browser: Browser,
  javaScriptEnabled: boolean,
  baseURL: string | undefined,
  watch: (page: Page) => void,
): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, baseURL, locale: "en-US" });
  const page = await context.newPage();
  watch(page);
  return page;
}

/** The cells of one column of a table, by the header that names it (`th` included). */
export async function columnOf(table: Locator, header: string): Promise<number> {
  const headers = await table.locator("thead tr > *").allInnerTexts();
  const index = headers.findIndex((text) => text.includes(header));
  expect(index, `a column headed ${header}`).toBeGreaterThanOrEqual(0);
  return index;
}

/** Fills every required question of the 出展後アンケート on a company's answer page. */
export async function fillAfterExhibit(page: Page, answers: { negotiations: string; contracts?: string }) {
  await page.getByLabel("商談件数").fill(answers.negotiations);
  await page.getByLabel("うち成約見込み件数").fill("1");
  await page.getByLabel("成約件数（契約数）").fill(answers.contracts ?? "0");
  await page.getByLabel("名刺交換数").fill("12");
  await page.getByRole("group", { name: "来場者の反応" }).getByRole("radio", { name: "普通" }).check();
  await page.getByRole("group", { name: "出展の満足度" }).getByRole("radio", { name: "3", exact: true }).check();
  await page.getByRole("group", { name: "次回も出展したいですか" }).getByRole("radio", { name: "はい" }).check();
}
