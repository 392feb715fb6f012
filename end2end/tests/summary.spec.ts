// The summary of a campaign: a company submits, the officer opens the summary from the
// campaign page, sees the charts and their data, filters, and downloads the .xlsx.
import { expect, test } from "@playwright/test";
import { EVENTS_WITH_PARTICIPANTS, campaignWithLink, companyPage } from "./questionnaire-support";
import { failOnScriptErrors, ready } from "./support";

const watch = failOnScriptErrors();

test("an officer sees a campaign's answers summed up with charts, filters them and downloads the xlsx", async ({
  page,
  browser,
  baseURL,
  javaScriptEnabled,
}) => {
  watch(page);
  const event = EVENTS_WITH_PARTICIPANTS.hospex;
  const setup = await campaignWithLink(page, javaScriptEnabled, event.name);

  const company = await companyPage(browser, javaScriptEnabled, baseURL, watch);
  await company.goto(setup.link);
  await ready(company, javaScriptEnabled);
  await company.getByLabel("商談件数").fill("7");
  await company.getByLabel("うち成約見込み件数").fill("2");
  await company.getByLabel("成約件数（契約数）").fill("1");
  await company.getByLabel("名刺交換数").fill("30");
  await company.getByRole("group", { name: "来場者の反応" }).getByRole("radio", { name: "良い", exact: true }).check();
  await company.getByRole("group", { name: "出展の満足度" }).getByRole("radio", { name: "4", exact: true }).check();
  await company.getByRole("group", { name: "次回も出展したいですか" }).getByRole("radio", { name: "はい" }).check();
  await company.getByLabel("市への要望・意見").fill("商談スペースを広くしてください");
  await company.getByRole("button", { name: "提出する" }).click();
  await expect(company).toHaveURL(/\/receipt$/);
  await company.context().close();

  await page.goto(setup.campaignPath);
  await ready(page, javaScriptEnabled);
  await page.getByRole("link", { name: "集計を見る" }).click();
  await expect(page).toHaveURL(/\/summary$/);
  await ready(page, javaScriptEnabled);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(setup.campaignTitle);
  await expect(page.getByText(`${event.companies}社中 1社が提出`)).toBeVisible();

  // A chart drawn on the server, named for screen readers, with its data beside it.
  const negotiations = page.getByRole("region", { name: /商談件数$/ });
  await expect(negotiations.getByRole("img", { name: "商談件数" })).toBeVisible();
  await expect(negotiations.getByRole("definition").first()).toHaveText("7 件");
  const satisfaction = page.getByRole("region", { name: /出展の満足度$/ });
  await expect(satisfaction.getByRole("img", { name: "出展の満足度" })).toBeVisible();
  const four = satisfaction.getByRole("row", { name: /^4 / });
  await expect(four.getByRole("cell").first()).toHaveText("1");
  await expect(four.getByRole("cell").nth(1)).toHaveText("100.0%");
  const requests = page.getByRole("region", { name: /市への要望・意見$/ });
  await expect(requests.getByText("商談スペースを広くしてください")).toBeVisible();
  await expect(requests.getByText(setup.company, { exact: true })).toBeVisible();

  // Filtered to the other companies: nobody there has answered.
  const companies = page.getByLabel("企業", { exact: true });
  const names = (await companies.locator("option").allInnerTexts()).map((name) => name.trim());
  const other = names.slice(1).find((name) => name !== setup.company);
  expect(other, "another company to filter by").toBeTruthy();
  await companies.selectOption({ label: other! });
  await page.getByRole("button", { name: "絞り込む" }).click();
  await expect(page).toHaveURL(/company=\d+/);
  await ready(page, javaScriptEnabled);
  await expect(page.getByText("1社中 0社が提出")).toBeVisible();
  await page.getByRole("link", { name: "絞り込みを解除" }).click();
  await expect(page.getByText(`${event.companies}社中 1社が提出`)).toBeVisible();

  // The workbook downloads with the company's row.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Excel（.xlsx）" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^responses-\d+-\d+\.xlsx$/);
  const path = await file.path();
  expect(path).toBeTruthy();

  // The event's dashboard and the fiscal year's, reached from the navigation.
  await page.goto(setup.eventPath);
  await ready(page, javaScriptEnabled);
  await page.getByRole("link", { name: "この催しの集計" }).click();
  await ready(page, javaScriptEnabled);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${event.name} の集計`);
  const campaignRow = page.getByRole("row", { name: new RegExp(setup.campaignTitle) });
  await expect(campaignRow.getByRole("cell").first()).toHaveText(/^1 \/ \d+ \(/);
  await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "年度集計" }).click();
  await expect(page).toHaveURL(/\/kpi$/);
  await ready(page, javaScriptEnabled);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/\d{4}年度（令和\d+年度）の実績/);
  await expect(page.getByRole("img", { name: "商談件数の推移" })).toBeVisible();
  await expect(page.getByRole("img", { name: "成約件数の推移" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: new RegExp(event.name) })).toBeVisible();

  // A KPI with a target for this year, its result summed from the answers.
  await page.getByRole("link", { name: "KPIの設定" }).click();
  await ready(page, javaScriptEnabled);
  const kpiName = `E2E 成約件数 ${javaScriptEnabled ? "JS" : "noJS"} ${Date.now()}`;
  const form = page.locator("form").filter({ has: page.getByLabel("KPIの名前") });
  await form.getByLabel("KPIの名前").fill(kpiName);
  await form.getByLabel("単位").fill("件");
  await form.getByLabel("合計する質問").selectOption("contracts");
  await form.getByRole("button", { name: "追加する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "KPIを追加しました" })).toBeVisible();
  await ready(page, javaScriptEnabled);
  const yearForm = page.getByRole("region", { name: `${kpiName} の年度の目標・実績` });
  await yearForm.getByLabel("目標").fill("100000");
  await yearForm.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "目標・実績を保存しました" })).toBeVisible();
  const kpiTable = page.getByRole("region", { name: `${kpiName}（件）` }).first();
  await expect(kpiTable.getByRole("row", { name: /年度/ }).filter({ hasText: "100000" })).toBeVisible();
});
