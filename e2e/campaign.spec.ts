import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../playwright.config";
import { fillCampaignBasics, signIn } from "./support";

test("a wrong password is refused with a message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill(E2E_ADMIN.username);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong username or password" })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("sign in, create a campaign, add numbers and see them listed", async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { name: "Campaigns", level: 1 })).toBeVisible();

  await page.getByRole("link", { name: "New campaign" }).first().click();
  await expect(page).toHaveURL(/\/campaigns\/new$/);
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");

  const name = `E2E campaign ${Date.now()}`;
  await fillCampaignBasics(page, name);
  await page.getByLabel("Caller ID").fill("1234567890");
  // Newfies' call rate and call length: a negative rate is refused at its field.
  const rate = page.getByLabel("Calls per minute");
  await rate.fill("-3");
  await page.getByLabel("Max call duration (seconds, 0 = none)").fill("90");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(rate).toHaveAttribute("aria-invalid", "true");
  await expect(rate).toBeFocused();
  await expect(page.getByText("Calls per minute must be between 1 and 10,000.")).toBeVisible();
  await rate.fill("20");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("20 a minute")).toBeVisible();
  await expect(page.getByText("90 s, then hung up")).toBeVisible();

  await page.getByLabel("Phone number").fill("+1 555 010 0001");
  await page.getByRole("button", { name: "Add number" }).click();
  await expect(page.getByRole("cell", { name: "+15550100001", exact: true })).toBeVisible();

  await page.getByLabel("Paste numbers").fill("5550100002,Jane Smith\n5550100003\nnot-a-number");
  await page.getByRole("button", { name: "Add all" }).click();
  await expect(page.getByText(/Line 3/)).toBeVisible();
  await expect(page.getByRole("cell", { name: "5550100002", exact: true })).toHaveCount(0);

  await page.getByLabel("Paste numbers").fill("5550100002,Jane Smith\n5550100003");
  await page.getByRole("button", { name: "Add all" }).click();
  await expect(page.getByRole("cell", { name: "5550100002", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "5550100003", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByText("running").first()).toBeVisible();

  await page.goto("/campaigns");
  await expect(page.getByRole("link", { name })).toBeVisible();
});
