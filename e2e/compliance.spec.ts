import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { parseCsv } from "../lib/csv";
import { apiPost, signIn, stoppedCampaign } from "./support";

/**
 * The campaign page's Compliance section over calls the built-in simulator really placed: the
 * figures judged from each call's evidence, and the per-attempt ledger as a CSV download.
 */
test("campaign page: compliance figures and the ledger download", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await signIn(page);
  const stamp = Date.now();

  // A campaign that never dialed shows the empty state.
  const idle = await stoppedCampaign(page.request, `E2E compliance idle ${stamp}`);
  await page.goto(`/campaigns/${idle.id}`);
  const idleSection = page.getByRole("region", { name: "Compliance" });
  await expect(idleSection.getByText("No calls in this period")).toBeVisible();

  const campaign = await apiPost<{ id: number; name: string }>(page.request, "/campaigns", {
    name: `E2E compliance ${stamp}`,
    trunk_type: "pjsip",
    trunk_value: "carrier",
    agent_dest_type: "exten",
    agent_dest_value: "100",
    concurrent_calls: 3,
    retry_times: 0,
    timezone: "America/New_York",
    // Any hour is inside the calling hours, wherever the test runs.
    calling_hours_start: "00:00",
    calling_hours_end: "23:59",
  });
  const numbers = [
    { phone_number: `1212${String(stamp).slice(-7)}` },
    { phone_number: `1555${String(stamp + 1).slice(-7)}`, timezone: "Europe/Paris" },
    { phone_number: `1555${String(stamp + 2).slice(-7)}`, state: "TX" },
  ];
  await apiPost(page.request, `/campaigns/${campaign.id}/numbers/bulk`, { numbers });
  await apiPost(page.request, `/campaigns/${campaign.id}/start`);
  await expect
    .poll(async () => (await (await page.request.get(`/api/campaigns/${campaign.id}/compliance`)).json()).data.attempts, { timeout: 30_000 })
    .toBe(3);
  await apiPost(page.request, `/campaigns/${campaign.id}/stop`);

  await page.goto(`/campaigns/${campaign.id}`);
  const section = page.getByRole("region", { name: "Compliance" });
  await section.scrollIntoViewIfNeeded();
  const figures = section.getByLabel("Compliance summary");
  await expect(figures.getByText("Calls placed")).toBeVisible();
  await expect(figures.locator(".card", { hasText: "Calls placed" }).getByText("3", { exact: true })).toBeVisible();
  await expect(figures.locator(".card", { hasText: "Outside calling hours" }).getByText("None")).toBeVisible();
  await expect(figures.locator(".card", { hasText: "Dialed while on DNC" }).getByText("None")).toBeVisible();
  await expect(section.getByText(/by area code/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("compliance.png"), fullPage: true });

  // Thirty days back (the default period) hold every call; the ledger names each call's zone and its source.
  const [download] = await Promise.all([page.waitForEvent("download"), section.getByRole("link", { name: "Download ledger (CSV)" }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^compliance_campaign-${campaign.id}_.*\\.csv$`));
  const [header, ...rows] = parseCsv(readFileSync((await download.path())!, "utf8")).map((r) => r.fields);
  const col = (name: string) => header.indexOf(name);
  const byPhone = new Map(rows.map((r) => [r[col("phone_number")], r]));
  expect(rows).toHaveLength(3);
  expect([byPhone.get(numbers[0].phone_number)?.[col("zone_source")], byPhone.get(numbers[0].phone_number)?.[col("zone")]]).toEqual(["area_code", "America/New_York"]);
  expect([byPhone.get(numbers[1].phone_number)?.[col("zone_source")], byPhone.get(numbers[1].phone_number)?.[col("zone")]]).toEqual(["lead", "Europe/Paris"]);
  expect([byPhone.get(numbers[2].phone_number)?.[col("zone_source")], byPhone.get(numbers[2].phone_number)?.[col("zone")]]).toEqual(["state", "America/Chicago"]);
  for (const r of rows) expect(r[col("within_window")]).toBe("1");
});
