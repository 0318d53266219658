import { expect, test } from "@playwright/test";
import { apiCampaign, signIn } from "./support";

/**
 * A survey made in the editor, sent calls by a campaign: the built-in simulator's people on
 * 1555997000x key the answers playwright.config.ts's SIM_REPLIES gives them, and the results page
 * charts them per question with the table beside each chart.
 */
test("a survey made in the editor shows its answers as charts with tables once calls have answered", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page);
  const name = `E2E survey ${Date.now()}`;

  await page.getByRole("link", { name: "Surveys", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Surveys", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "New survey" }).first().click();
  await expect(page.getByRole("heading", { name: "New survey", level: 1 })).toBeVisible();

  // Nothing typed yet: the errors sit under their fields and the first takes the focus.
  await page.getByRole("button", { name: "Create survey" }).click();
  await expect(page.getByText("Name is required.")).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toBeFocused();

  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Closing prompt").fill("custom/thanks");
  const q1 = page.getByRole("listitem", { name: "Question 1" });
  await q1.getByLabel("Prompt").fill("custom/q-rating");
  await q1.getByLabel("Question", { exact: true }).fill("How satisfied are you?");
  for (const [i, label] of ["Very unhappy", "Unhappy", "Neutral", "Happy", "Very happy"].entries()) await q1.getByLabel(`Label ${i + 1}`).fill(label);
  await page.getByRole("button", { name: "Add a question" }).click();
  const q2 = page.getByRole("listitem", { name: "Question 2" });
  await q2.getByLabel("Type").selectOption("yes_no");
  await q2.getByLabel("Prompt").fill("custom/q-recommend");
  await q2.getByLabel("Question", { exact: true }).fill("Would you recommend us?");
  // Enter in a field submits the form.
  await q2.getByLabel("Question", { exact: true }).press("Enter");

  await expect(page).toHaveURL(/\/surveys\/\d+$/);
  const surveyId = Number(/\/surveys\/(\d+)$/.exec(page.url())![1]);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByText("No answers yet").first()).toBeVisible();

  const campaign = await apiCampaign(page.request, {
    name: `E2E survey calls ${Date.now()}`,
    agent_dest_type: "survey",
    agent_dest_value: String(surveyId),
    concurrent_calls: 3,
    retry_times: 0,
    calling_hours_start: "00:00",
    calling_hours_end: "23:59",
  });
  const numbers = ["15559970001", "15559970002", "15559970003"].map((phone_number) => ({ phone_number }));
  expect((await page.request.post(`/api/campaigns/${campaign.id}/numbers/bulk`, { data: { numbers } })).ok()).toBe(true);
  expect((await page.request.post(`/api/campaigns/${campaign.id}/start`)).ok()).toBe(true);
  const answered = async () => ((await (await page.request.get(`/api/surveys/${surveyId}/results`)).json()).data as { calls: number; questions: { total: number }[] }).questions.map((q) => q.total);
  await expect.poll(answered, { timeout: 90_000, intervals: [1000] }).toEqual([3, 3]);

  await page.reload();
  const first = page.getByRole("region", { name: /Question 1: How satisfied are you\?/ });
  await expect(first.getByRole("img", { name: /Answers to question 1/ })).toBeVisible();
  const table1 = first.getByRole("table", { name: "Answers to question 1" });
  await expect(table1.getByRole("row", { name: /4: Happy 2 67 %/ })).toBeVisible();
  await expect(table1.getByRole("row", { name: /2: Unhappy 1 33 %/ })).toBeVisible();
  const second = page.getByRole("region", { name: /Question 2: Would you recommend us\?/ });
  await expect(second.getByRole("row", { name: /Yes 2/ })).toBeVisible();
  await expect(second.getByRole("row", { name: /No 1/ })).toBeVisible();

  const csv = await page.request.get(`/api/surveys/${surveyId}/results?format=csv`);
  expect(csv.ok()).toBe(true);
  expect((await csv.text()).trim().split(/\r\n/)).toHaveLength(1 + 6);
});
