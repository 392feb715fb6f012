import { expect, test, type Page } from "@playwright/test";
import { ADMIN, failOnScriptErrors, ready } from "./support";

failOnScriptErrors();

async function logIn(page: Page, javaScriptEnabled: boolean) {
  await page.goto("/events");
  await expect(page).toHaveURL(/\/login\?next=%2Fevents$/);
  await ready(page, javaScriptEnabled);
  await page.getByLabel("メールアドレス").fill(ADMIN.email);
  await page.getByLabel("パスワード").fill(ADMIN.password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/events$/);
  await expect(page.getByRole("heading", { level: 1, name: "展示会・イベント" })).toBeVisible();
  await ready(page, javaScriptEnabled);
}

test("a wrong password shows one generic message", async ({ page, javaScriptEnabled }) => {
  await page.goto("/login");
  await ready(page, javaScriptEnabled);
  await page.getByLabel("メールアドレス").fill(ADMIN.email);
  await page.getByLabel("パスワード").fill("not the password");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "メールアドレスまたはパスワードが正しくありません。",
  );
});

test("an officer logs in, creates an event, sees it listed and switches to English", async ({
  page,
  javaScriptEnabled,
}) => {
  const name = `E2E 展示商談会 ${javaScriptEnabled ? "JS" : "no-JS"} ${Date.now()}`;
  await logIn(page, javaScriptEnabled);

  await page.getByRole("link", { name: "新しいイベント" }).click();
  await expect(page).toHaveURL(/\/events\/new$/);
  await ready(page, javaScriptEnabled);

  // An empty form is refused with a message by each required field.
  await page.getByRole("button", { name: "登録する" }).click();
  const nameField = page.getByLabel("名称");
  await expect(nameField).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#f-name-error")).toHaveText("入力してください。");
  await expect(page.locator("#f-start_date-error")).toHaveText("入力してください。");

  await page.getByLabel("名称").fill(name);
  await page.getByLabel("種別").selectOption("business_matching");
  await page.getByLabel("会場").fill("市民文化会館");
  await page.getByLabel("開始日").fill("2027-02-04");
  await page.getByLabel("終了日").fill("2027-02-05");
  await page.getByRole("button", { name: "登録する" }).click();

  await expect(page).toHaveURL(/\/events\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("2026年度")).toBeVisible();

  await page.getByRole("link", { name: "一覧に戻る" }).first().click();
  await expect(page).toHaveURL(/\/events$/);
  await expect(page.getByRole("link", { name })).toBeVisible();

  await page.getByRole("link", { name: "English" }).click();
  await expect(page).toHaveURL(/\/events$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Events" })).toBeVisible();
  await expect(page.getByRole("link", { name })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Business-matching fair" }).first()).toBeVisible();

  // Back to Japanese, so the next test starts where a new user would.
  await page.getByRole("link", { name: "日本語" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
});
