import { expect, test } from "@playwright/test";
import { signIn, stoppedCampaign } from "./support";

test("an admin adds a trunk from the keyboard, fixes a field error, and routes a campaign through it", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Trunks", exact: true }).click();
  await expect(page).toHaveURL(/\/trunks$/);
  await expect(page.getByRole("heading", { name: "Trunks", level: 1 })).toBeVisible();
  // Other specs share this server and may have added trunks of their own: the search's empty state
  // is the one every run can count on.
  const search = page.getByLabel("Search");
  await search.fill("no-such-trunk-anywhere");
  await expect(page.getByText("No trunks match this search")).toBeVisible();
  await search.fill("");

  const form = page.getByRole("form", { name: "New trunk" });
  await form.getByLabel("Name", { exact: true }).fill("carrier-main");
  await form.getByLabel("Type").selectOption("custom");
  const dial = form.getByLabel("Dial string");
  await dial.fill("Local/5551234@from-trunk");
  await form.getByLabel("Max channels").fill("10");
  await form.getByLabel("Max CPS").fill("5");
  // Number rewriting: a prefix that is not digits is refused at its field, before the dial string's problem.
  await form.getByLabel("Remove prefix").fill("one");
  await form.getByLabel("Add prefix").fill("0044");
  // Enter submits from any field; the dial string has no place for the number, so it is refused there.
  await dial.press("Enter");
  await expect(dial).toHaveAttribute("aria-invalid", "true");
  await expect(dial).toBeFocused();
  await expect(form.getByText(/must contain \$\{EXTEN\} or \{number\}/)).toBeVisible();
  await expect(form.getByText("Remove prefix must be digits (optionally after a leading +), at most 20.")).toBeVisible();
  await form.getByLabel("Remove prefix").fill("1");
  await dial.fill("Local/${EXTEN}@from-trunk");
  await dial.press("Enter");
  await expect(page.getByText("Trunk carrier-main added.")).toBeVisible();

  const table = page.getByRole("table", { name: "Trunks with their health, live channels and calls per second" });
  const row = table.getByRole("row").filter({ hasText: "carrier-main" });
  await expect(row).toContainText("Local/${EXTEN}@from-trunk");
  await expect(row).toContainText("0 / 10");
  await expect(row).toContainText("0 / 5");
  await expect(row).toContainText("strip 1, prefix 0044");

  // A campaign gets the trunk on its edit page.
  const campaign = await stoppedCampaign(page.request, `E2E trunk campaign ${Date.now()}`);
  await page.getByRole("link", { name: "Campaigns", exact: true }).click();
  await page.getByRole("link", { name: campaign.name }).first().click();
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  const trunks = page.getByRole("region", { name: "Trunks" });
  await expect(trunks.getByText("No trunks assigned")).toBeVisible();
  const pick = trunks.getByLabel("Add a trunk");
  await pick.selectOption({ label: "carrier-main" });
  await pick.press("Enter");
  await expect(trunks.getByLabel("Weight of carrier-main")).toBeFocused();
  await trunks.getByLabel("Weight of carrier-main").fill("3");
  await trunks.getByRole("button", { name: "Save trunks" }).click();
  await expect(page.getByText("The campaign dials through 1 trunk.")).toBeVisible();

  await page.getByRole("link", { name: "Trunks", exact: true }).click();
  await expect(page.getByRole("table", { name: "Trunks with their health, live channels and calls per second" }).getByRole("row").filter({ hasText: "carrier-main" })).toBeVisible();
});
