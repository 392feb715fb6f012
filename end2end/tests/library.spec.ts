// The seminar report library: a company writes its report, attaches its slides (a PDF)
// and agrees to share it, an officer approves and shares it, another company finds and
// reads it through its own link and downloads the slides; withdrawn, it is gone. With
// and without JavaScript (with it, the file goes up with a progress line).
import { expect, test } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { expectAccessibleBothWays } from "./a11y";
import { EVENTS_WITH_PARTICIPANTS, campaignWithLink, companyPage, unique } from "./questionnaire-support";
import { failOnScriptErrors, ready } from "./support";

const watch = failOnScriptErrors();

// A small PDF: what a company's slides look like to the server's content check.
const SLIDES = Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

test("a shared seminar report is read by another company through its link, and withdrawn it is gone", async ({
  page,
  browser,
  baseURL,
  javaScriptEnabled,
}) => {
  test.setTimeout(90_000);
  watch(page);
  const setup = await campaignWithLink(page, javaScriptEnabled, EVENTS_WITH_PARTICIPANTS.messe.name, "セミナー受講レポート");
  const readerLink = await page.locator("table.invitations tbody tr").nth(1).locator("input.link-field").inputValue();
  const seminar = unique("医療機器の海外展開セミナー", javaScriptEnabled);

  // The company writes its report and agrees to share it.
  const author = await companyPage(browser, javaScriptEnabled, baseURL, watch);
  await author.goto(setup.link);
  await ready(author, javaScriptEnabled);
  if (javaScriptEnabled) {
    await expectAccessibleBothWays(author);
  }
  await author.getByLabel("セミナー名").fill(seminar);
  await author.getByLabel("内容の要約").fill("海外展開の規制と販路について。");
  await author.getByLabel("他社と共有したい先進事例").fill("展示会の前に現地の代理店と商談を予約しておく。");
  await author
    .getByRole("group", { name: "この報告を他の参加企業と共有することに同意しますか" })
    .getByRole("radio", { name: "同意する", exact: true })
    .check();
  await author.getByLabel("資料", { exact: true }).setInputFiles({ name: "講演資料.pdf", mimeType: "application/pdf", buffer: SLIDES });
  await author.getByRole("button", { name: "提出する" }).click();
  await expect(author).toHaveURL(/\/receipt$/);
  await expect(author.locator("main")).toContainText("講演資料.pdf");
  await author.context().close();

  // The officer approves it, then shares it.
  await page.goto(setup.campaignPath);
  await ready(page, javaScriptEnabled);
  await page.getByRole("link", { name: `${setup.company}の回答を見る` }).click();
  await expect(page).toHaveURL(/\/responses\/\d+$/);
  await ready(page, javaScriptEnabled);
  await page.getByRole("button", { name: "承認する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "承認しました" })).toBeVisible();
  await ready(page, javaScriptEnabled);
  await page.getByRole("button", { name: "報告ライブラリで共有する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "報告ライブラリで共有しました" })).toBeVisible();
  await ready(page, javaScriptEnabled);
  if (javaScriptEnabled) {
    await expectAccessibleBothWays(page);
  }

  // Another participating company finds it by a word of its text and reads it.
  const reader = await companyPage(browser, javaScriptEnabled, baseURL, watch);
  await reader.goto(new URL(readerLink).pathname);
  await ready(reader, javaScriptEnabled);
  await reader.getByRole("link", { name: "参加企業が共有したセミナー報告を読む（報告ライブラリ）" }).click();
  await expect(reader).toHaveURL(/\/library$/);
  await ready(reader, javaScriptEnabled);
  await reader.getByLabel("キーワード（セミナー名・本文）").fill("代理店");
  await reader.getByRole("button", { name: "検索" }).click();
  await expect(reader).toHaveURL(/\/library\?/);
  await ready(reader, javaScriptEnabled);
  if (javaScriptEnabled) {
    await expectAccessibleBothWays(reader);
  }
  await reader.getByRole("link", { name: seminar }).click();
  await ready(reader, javaScriptEnabled);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(seminar);
  const article = reader.locator("article.library-report");
  await expect(article).toContainText(setup.company);
  await expect(article).toContainText("展示会の前に現地の代理店と商談を予約しておく。");
  await expect(article).not.toContainText("同意しますか");
  const [download] = await Promise.all([
    reader.waitForEvent("download"),
    article.getByRole("link", { name: "講演資料.pdf" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("講演資料.pdf");
  expect((await readFile(await download.path())).subarray(0, 5).toString()).toBe("%PDF-");
  if (javaScriptEnabled) {
    await expectAccessibleBothWays(reader);
  }

  // Withdrawn, it is gone at once.
  await page.getByRole("button", { name: "共有をやめる" }).click();
  await expect(page.getByRole("status").filter({ hasText: "共有をやめました" })).toBeVisible();
  await reader.reload();
  await expect(reader.getByRole("heading", { level: 1, name: seminar })).toHaveCount(0);
  await reader.context().close();
});
