import { expect, test } from "@playwright/test";
import { signIn } from "./support";

test("reports show a campaign's calls as charts with their tables, by day and by hour, and download as CSV", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page);
  const stamp = Date.now();
  const created = await page.request.post("/api/campaigns", {
    data: {
      name: `E2E reports ${stamp}`,
      trunk_type: "pjsip",
      trunk_value: "e2e-trunk",
      agent_dest_type: "exten",
      agent_dest_value: "100",
      concurrent_calls: 10,
      retry_times: 0,
      // Any hour is inside the calling hours, wherever the test runs.
      calling_hours_start: "00:00",
      calling_hours_end: "23:59",
    },
  });
  expect(created.ok()).toBe(true);
  const campaign = (await created.json()).data as { id: number; name: string };
  const numbers = Array.from({ length: 12 }, (_, i) => ({ phone_number: `1555987${String(1000 + i)}` }));
  expect((await page.request.post(`/api/campaigns/${campaign.id}/numbers/bulk`, { data: { numbers } })).ok()).toBe(true);
  expect((await page.request.post(`/api/campaigns/${campaign.id}/start`)).ok()).toBe(true);
  // The simulator runs in real time here: a few calls end, then the campaign is stopped and its last calls hang up.
  const totalCalls = async () => ((await (await page.request.get(`/api/cdr/stats?campaign_id=${campaign.id}`)).json()).data as { total_calls: number }).total_calls;
  await expect.poll(totalCalls, { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  expect((await page.request.post(`/api/campaigns/${campaign.id}/stop`)).ok()).toBe(true);
  // Settled when the count holds still for two seconds.
  let last = -1;
  const settled = async () => {
    const n = await totalCalls();
    const same = n === last;
    last = n;
    return same;
  };
  await expect.poll(settled, { timeout: 40_000, intervals: [2000] }).toBe(true);
  const calls = await totalCalls();

  await page.getByRole("link", { name: "Reports", exact: true }).click();
  await expect(page).toHaveURL(/\/reports$/);
  await expect(page.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible();
  await page.getByLabel("Campaign").selectOption(String(campaign.id));
  await expect(page).toHaveURL(new RegExp(`campaign_id=${campaign.id}`));

  // Totals, then each chart with its table beside it.
  await expect(page.locator('dl[aria-label="Totals for the range"]')).toContainText(String(calls));
  const byDay = page.getByRole("region", { name: "Calls by day" });
  await expect(byDay.getByRole("img", { name: /Answer and abandon rates by period, with the abandonment cap at 3\.0 %/ })).toBeVisible();
  const table = byDay.getByRole("table", { name: "Attempts, connects and rates by period" });
  await expect(table.getByRole("row")).toHaveCount(8);
  await expect(page.getByRole("region", { name: "Dispositions and AMD" }).getByRole("table")).toBeVisible();
  await expect(page.getByRole("region", { name: "Trunks" }).getByRole("table", { name: "Attempts, ASR, ACD and post-dial delay per trunk" })).toContainText("e2e-trunk");
  await expect(page.getByRole("region", { name: "List penetration" }).getByRole("table")).toContainText("12");
  await expect(page.getByRole("region", { name: "Agents" }).getByText("No agent was logged in or took a call in this range")).toBeVisible();

  // By hour: 24 rows a day for the week.
  await page.getByRole("button", { name: "By hour" }).click();
  const byHour = page.getByRole("region", { name: "Calls by hour" });
  await expect(byHour.getByRole("table").getByRole("row")).toHaveCount(7 * 24 + 1);

  // The CSV has the table's header and one line per hour.
  const download = page.waitForEvent("download");
  await byHour.getByRole("link", { name: "Download CSV: Calls by hour" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^report-summary_campaign-${campaign.id}_.*\\.csv$`));
  const text = await (await import("node:fs/promises")).readFile((await file.path())!, "utf8");
  const lines = text.trim().split(/\r\n/);
  expect(lines[0]).toBe("bucket,attempts,connects,live_answers,abandoned,answer_rate,abandon_rate,abandon_rate_24h,abandon_rate_30d");
  expect(lines).toHaveLength(7 * 24 + 1);
  expect(lines.slice(1).reduce((n, l) => n + Number(l.split(",")[1]), 0)).toBe(calls);

  // A bad range says so instead of asking the server.
  await page.screenshot({ path: test.info().outputPath("reports.png"), fullPage: true });
  await page.getByLabel("From", { exact: true }).fill("2030-01-10");
  await page.getByLabel("To", { exact: true }).fill("2030-01-01");
  await expect(page.getByText("Fix the date range to see the reports")).toBeVisible();

  // Usable at 390 px wide, and in the dark theme.
  await page.getByLabel("From", { exact: true }).fill("");
  await page.getByLabel("To", { exact: true }).fill("");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => document.documentElement.classList.add("dark"));
  await expect(page.getByRole("region", { name: "Calls by hour" })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("reports-390-dark.png"), fullPage: true });
});
