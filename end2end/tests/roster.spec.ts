import { expect, test } from "@playwright/test";
import { ADMIN, failOnScriptErrors, ready } from "./support";
import path from "node:path";
import { expectAccessibleBothWays } from "./a11y";

const ROSTER = path.join(__dirname, "../../app/tests/fixtures/roster/roster_tech_expo_2026.xlsx");

failOnScriptErrors();

test("an officer uploads a roster, fixes a mapping, previews, commits and sees the participants", async ({
  page,
  javaScriptEnabled,
}) => {
  // Each project imports into an event of its own (the demo gives these no roster).
  const event = javaScriptEnabled ? "M-Tech 2026 共同出展" : "産学連携セミナー 2026";
  await page.goto("/login");
  await ready(page, javaScriptEnabled);
  await page.getByLabel("メールアドレス").fill(ADMIN.email);
  await page.getByLabel("パスワード").fill(ADMIN.password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/events$/);
  await ready(page, javaScriptEnabled);

  await page.getByRole("link", { name: event }).click();
  await ready(page, javaScriptEnabled);
  await page.getByRole("link", { name: "名簿を取り込む" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("名簿の取り込み");
  await ready(page, javaScriptEnabled);
  if (javaScriptEnabled) await expectAccessibleBothWays(page);

  await page.getByLabel("名簿ファイル").setInputFiles(ROSTER);
  await page.getByRole("button", { name: "アップロードして内容を確認" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "取り込み内容の確認" })).toBeVisible();
  await ready(page, javaScriptEnabled);
  // The header is found on row 3, below the title rows; every row is counted.
  await expect(page.getByText("3行目")).toBeVisible();
  await expect(page.getByRole("link", { name: /すべて\s*39/ })).toBeVisible();
  if (javaScriptEnabled) await expectAccessibleBothWays(page);

  // The officer decides one column should not be imported (each project another one:
  // a mapping, once corrected, is remembered for files with the same headers).
  const [column, field] = javaScriptEnabled ? ["部署", "department"] : ["電話番号", "phone"];
  const select = page.getByLabel(column, { exact: true });
  await expect(select).toHaveValue(field);
  await select.selectOption("");
  await page.getByRole("button", { name: "割り当てを反映" }).click();
  await ready(page, javaScriptEnabled);
  await expect(page.getByLabel(column, { exact: true })).toHaveValue("");

  await page.getByRole("button", { name: "この内容で確定する" }).click();
  await expect(page.getByRole("status")).toContainText("取り込みを確定しました");
  await ready(page, javaScriptEnabled);
  if (javaScriptEnabled) await expectAccessibleBothWays(page);

  await page.getByRole("link", { name: "イベントに戻る" }).click();
  await ready(page, javaScriptEnabled);
  await expect(page.getByRole("heading", { name: /出展企業/ })).toContainText("38社");
  await expect(page.getByRole("cell", { name: /大正精工株式会社/ })).toBeVisible();
});
