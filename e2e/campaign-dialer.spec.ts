import { expect, test } from "@playwright/test";
import { fillCampaignBasics, signIn } from "./support";

test("a progressive campaign with a time zone and a retry rule shows its settings and, once started, the live panel", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "New campaign" }).first().click();
  await expect(page).toHaveURL(/\/campaigns\/new$/);

  const name = `E2E progressive ${Date.now()}`;
  await fillCampaignBasics(page, name);

  // Dial mode: radio cards, named by their title.
  const progressive = page.getByRole("radio", { name: "Progressive" });
  await progressive.check();
  await expect(progressive).toBeChecked();
  // Agent modes bring their own settings.
  await expect(page.getByLabel("Wrap-up (seconds)")).toBeVisible();
  await expect(page.getByLabel("If the agent's phone drops")).toBeVisible();

  // Time zone: a searchable list, keyboard first.
  const zone = page.getByRole("combobox", { name: "Time zone" });
  await zone.fill("chicago");
  await expect(page.getByRole("option", { name: "America/Chicago" })).toBeVisible();
  await zone.press("Enter");
  await expect(zone).toHaveValue("America/Chicago");
  await expect(zone).toHaveAttribute("aria-expanded", "false");

  // A retry rule for busy lines: every 10 minutes, 4 attempts in all.
  await page.getByLabel("Busy cooldown (minutes)").fill("10");
  await page.getByLabel("Busy max attempts").fill("4");

  // The browser checks the API's limits: an abandon cap over 50 % is refused by the field.
  const cap = page.getByLabel("Abandon cap (%)");
  await cap.fill("60");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(cap).toHaveAttribute("aria-invalid", "true");
  await expect(cap).toBeFocused();
  await expect(page.getByText("Abandon cap must be between 0 % and 50 %.")).toBeVisible();
  await cap.fill("2.5");
  await expect(cap).not.toHaveAttribute("aria-invalid", "true");

  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();

  const settings = page.getByRole("region", { name: "Settings" });
  await expect(settings.getByText("Progressive", { exact: true })).toBeVisible();
  await expect(settings.getByText("America/Chicago", { exact: true })).toBeVisible();
  await expect(settings.getByText("Busy: retry after 10 min, up to 4 attempts")).toBeVisible();
  await expect(settings.getByText("2.5%", { exact: true })).toBeVisible();
  // Not running yet: no live panel.
  await expect(page.getByRole("region", { name: "Live", exact: true })).toHaveCount(0);

  // The edit form reads the same settings back.
  const campaignUrl = page.url();
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByRole("radio", { name: "Progressive" })).toBeChecked();
  await expect(page.getByRole("combobox", { name: "Time zone" })).toHaveValue("America/Chicago");
  await expect(page.getByLabel("Busy cooldown (minutes)")).toHaveValue("10");
  await expect(page.getByLabel("Busy max attempts")).toHaveValue("4");
  await expect(page.getByLabel("Abandon cap (%)")).toHaveValue("2.5");
  await page.goto(campaignUrl);

  // A number to dial, so the campaign does not complete at once for want of numbers.
  await page.getByLabel("Phone number").fill("+1 312 555 0101");
  await page.getByRole("button", { name: "Add number" }).click();
  await expect(page.getByRole("cell", { name: "+13125550101", exact: true })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Skip reason" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Next attempt" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Disposition" })).toBeVisible();

  await page.getByRole("button", { name: "Start" }).click();
  const live = page.getByRole("region", { name: "Live", exact: true });
  await expect(live).toBeVisible();
  // Progressive dialing waits for agents; with none signed in the simulator places no calls.
  await expect(live.getByText("No agents logged in")).toBeVisible();
  await expect(live.getByText("Concurrent calls", { exact: true })).toBeVisible();
  await expect(live.getByText("Abandon 30 d", { exact: true })).toBeVisible();
  await expect(live.getByText("Cap 2.5%").first()).toBeVisible();
  await expect(live.getByLabel("Agents by state")).toBeVisible();
  // Ticks arrive once a second while it runs.
  await expect(live.getByRole("status").filter({ hasText: /^Live$/ })).toBeVisible({ timeout: 15_000 });

  // Pausing keeps the panel, saying so.
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(live.getByRole("status").filter({ hasText: "Paused" })).toBeVisible();
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await page.getByRole("button", { name: "Stop campaign" }).click();
  await expect(page.getByRole("region", { name: "Live", exact: true })).toHaveCount(0);
});
