// Email end to end: an officer opens a campaign, the invitations reach the SMTP server
// (end2end/smtp-sink.mjs), a company follows the link in its message and submits, gets
// its receipt, and a reminder the officer sends goes to a company that has not
// submitted, never to the one that has.
import { expect, test } from "@playwright/test";
import { expectAccessibleBothWays } from "./a11y";
import { EVENTS_WITH_PARTICIPANTS, campaignWithLink, companyPage, fillAfterExhibit } from "./questionnaire-support";
import { failOnScriptErrors, ready } from "./support";

const watch = failOnScriptErrors();
const sinkURL = `http://127.0.0.1:${Number(process.env.KOTAE_E2E_PORT ?? 3457) + 11}`;

type Received = { recipients: string[]; subject: string; text: string; messageId: string };

async function received(): Promise<Received[]> {
  const response = await fetch(`${sinkURL}/messages`);
  return (await response.json()) as Received[];
}

/** The messages of one campaign whose subject starts its kind (【ご提出のお願い】 ...). */
async function messagesOf(campaignTitle: string, kind: string): Promise<Received[]> {
  return (await received()).filter((m) => m.subject.includes(kind) && m.text.includes(campaignTitle));
}

test("invitations arrive by email, the link in one opens the form, and only companies that have not submitted are reminded", async ({
  page,
  browser,
  baseURL,
  javaScriptEnabled,
}) => {
  test.setTimeout(90_000);
  watch(page);
  const event = EVENTS_WITH_PARTICIPANTS.messe;
  const setup = await campaignWithLink(page, javaScriptEnabled, event.name);

  // One invitation per company, sent by the scheduler and the worker on their own.
  await expect
    .poll(async () => (await messagesOf(setup.campaignTitle, "のご提出のお願い")).length, { timeout: 30_000 })
    .toBe(event.companies);
  const invitations = await messagesOf(setup.campaignTitle, "のご提出のお願い");
  const mine = invitations.find((m) => m.text.startsWith(setup.company));
  expect(mine, `the invitation of ${setup.company}`).toBeTruthy();
  expect(mine!.text).toContain("様");
  const link = mine!.text.match(/https?:\/\/[^\s]+\/a\/[A-Za-z0-9_-]+/)?.[0];
  expect(link, "the personal link in the message").toBeTruthy();
  expect(new URL(link!).pathname).toBe(new URL(setup.link, baseURL).pathname);

  // The company follows the link from its message and submits.
  const company = await companyPage(browser, javaScriptEnabled, baseURL, watch);
  await company.goto(new URL(link!).pathname);
  await ready(company, javaScriptEnabled);
  await fillAfterExhibit(company, { negotiations: "3" });
  await company.getByRole("button", { name: "提出する" }).click();
  await expect(company).toHaveURL(/\/receipt$/);
  await company.context().close();
  await expect
    .poll(async () => (await messagesOf(setup.campaignTitle, "【受付完了】")).map((m) => m.recipients.join()), {
      timeout: 30_000,
    })
    .toEqual([mine!.recipients.join()]);

  // The officer's email page: the submitted company cannot be reminded; another can.
  await page.goto(setup.campaignPath);
  await ready(page, javaScriptEnabled);
  await page.getByRole("link", { name: "メール配信" }).click();
  await expect(page).toHaveURL(/\/mail$/);
  await ready(page, javaScriptEnabled);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(setup.campaignTitle);
  if (javaScriptEnabled) {
    await expectAccessibleBothWays(page);
  }
  const table = page.getByRole("region", { name: "企業ごとのリマインダー" }).first();
  const submittedRow = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: setup.company, exact: true }) });
  await expect(submittedRow.getByRole("button")).toHaveCount(0);
  const others = invitations.filter((m) => m !== mine);
  const otherName = others[0].text.split("\n")[0].trim();
  await table.getByRole("button", { name: `${otherName}に今すぐリマインド` }).click();
  await expect(page.getByRole("status").filter({ hasText: "リマインダーを送信待ちにしました" })).toBeVisible();

  await expect
    .poll(async () => (await messagesOf(setup.campaignTitle, "【ご提出のお願い】")).map((m) => m.recipients.join()), {
      timeout: 30_000,
    })
    .toEqual([others[0].recipients.join()]);
  const reminded = await messagesOf(setup.campaignTitle, "【ご提出のお願い】");
  expect(reminded.some((m) => m.recipients.some((r) => mine!.recipients.includes(r)))).toBe(false);

  // The delivery log opens the reminder exactly as it was sent.
  await page.reload();
  await ready(page, javaScriptEnabled);
  const log = page.getByRole("region", { name: "送信履歴" }).first();
  await log.getByRole("link", { name: `${otherName}宛てのリマインダーの本文` }).click();
  await expect(page).toHaveURL(/\/mail\/\d+$/);
  await ready(page, javaScriptEnabled);
  await expect(page.getByText(reminded[0].subject)).toBeVisible();
  await expect(page.getByText(reminded[0].messageId.replace(/^<|>$/g, ""), { exact: false })).toBeVisible();
  if (javaScriptEnabled) {
    await expectAccessibleBothWays(page);
  }
});

test("an officer words a campaign's reminder, previews it for a company, and the next reminder says it", async ({
  page,
  javaScriptEnabled,
}) => {
  test.setTimeout(90_000);
  watch(page);
  const event = EVENTS_WITH_PARTICIPANTS.messe;
  const setup = await campaignWithLink(page, javaScriptEnabled, event.name);
  await page.goto(`${setup.campaignPath}/mail`);
  await ready(page, javaScriptEnabled);
  await page.getByRole("link", { name: "リマインダーの文面を編集" }).click();
  await expect(page).toHaveURL(/\/mail\/templates\/reminder$/);
  await ready(page, javaScriptEnabled);
  await expect(page.getByRole("textbox", { name: "件名", exact: true })).toHaveValue(/{{ form }}/);
  if (javaScriptEnabled) {
    await expectAccessibleBothWays(page);
  }

  // A misspelt placeholder is named, and what was typed stays.
  const subject = `【至急】${setup.campaignTitle} のご回答のお願い（{{ company }}）`;
  await page.getByRole("textbox", { name: "件名", exact: true }).fill(subject);
  await page.getByRole("textbox", { name: "本文", exact: true }).fill("{{ company }} 様\n\n{{ lnk }}");
  await page.getByRole("button", { name: "プレビュー" }).click();
  await expect(page.getByText("差し込み項目「lnk」はありません", { exact: false })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "件名", exact: true })).toHaveValue(subject);

  // The preview shows the message as the chosen company would receive it.
  await page.getByRole("textbox", { name: "本文", exact: true }).fill("{{ company }} 様\n\n至急ご回答ください。\n{{ link }}\n\n{{ signature }}");
  await page.getByLabel("プレビューする企業").selectOption({ label: setup.company });
  await page.getByRole("button", { name: "プレビュー" }).click();
  const preview = page.getByRole("region", { name: "プレビュー" });
  await expect(preview).toContainText(`${setup.company} 様`);
  await expect(preview).toContainText(`【至急】${setup.campaignTitle} のご回答のお願い（${setup.company}）`);
  await expect(preview).toContainText(new URL(setup.link, "http://x").pathname);
  if (javaScriptEnabled) {
    await expectAccessibleBothWays(page);
  }
  await preview.getByRole("button", { name: "この文面で保存" }).click();
  await expect(page.getByRole("status").filter({ hasText: "文面を保存しました" })).toBeVisible();
  await ready(page, javaScriptEnabled);
  await expect(page.getByText("この依頼用の文面です", { exact: false })).toBeVisible();

  // The next reminder to that company carries the new wording.
  await page.goto(`${setup.campaignPath}/mail`);
  await ready(page, javaScriptEnabled);
  const table = page.getByRole("region", { name: "企業ごとのリマインダー" }).first();
  await table.getByRole("button", { name: `${setup.company}に今すぐリマインド` }).click();
  await expect(page.getByRole("status").filter({ hasText: "リマインダーを送信待ちにしました" })).toBeVisible();
  await expect
    .poll(
      async () =>
        (await received())
          .filter((m) => m.subject.startsWith("【至急】") && m.subject.includes(setup.campaignTitle))
          .map((m) => m.subject),
      { timeout: 30_000 },
    )
    .toEqual([`【至急】${setup.campaignTitle} のご回答のお願い（${setup.company}）`]);
});
