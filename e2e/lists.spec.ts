import { expect, test } from "@playwright/test";
import { signIn } from "./support";

test("create a list, import a CSV with a mapping preview, see the progress, the report and the leads", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Lists", exact: true }).click();
  await expect(page).toHaveURL(/\/lists$/);

  const form = page.getByRole("region", { name: "New list" });
  await form.getByRole("button", { name: "Create list" }).click();
  await expect(form.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
  const name = `E2E list ${Date.now()}`;
  await form.getByLabel("Name", { exact: true }).fill(name);
  const campaign = form.getByLabel("Campaign", { exact: true });
  await campaign.selectOption((await campaign.locator("option", { hasText: "Demo campaign" }).first().getAttribute("value"))!);
  await form.getByRole("button", { name: "Create list" }).click();
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("No leads in this list yet")).toBeVisible();

  await page.getByRole("button", { name: "Import CSV" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Import leads from CSV" });
  const csv = "Cell,Name,Home\n+1 555 020 0001,Ann,5550200002\n5550200003,Bob,\nnot-a-number,Cid,\n";
  await dialog.getByLabel("CSV file").setInputFiles({ name: "leads.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  // The preview shows the first rows; "Cell" is not a name Pacer knows, so it is mapped by hand.
  await expect(dialog.getByRole("cell", { name: "Ann" })).toBeVisible();
  await expect(dialog.getByText("Choose the column that holds the phone number.")).toBeVisible();
  await dialog.getByLabel("Field for Cell").selectOption("phone");
  await dialog.getByLabel("Field for Home").selectOption("phone2");
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(dialog.getByText(/Done: 2 of 3 rows imported, 1 with errors/)).toBeVisible();
  await expect(dialog.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "3");
  await expect(dialog.getByRole("cell", { name: /not a phone number/ })).toBeVisible();
  await expect(dialog.getByRole("link", { name: "Download report (CSV)" })).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();

  await expect(page.getByText("+15550200001")).toBeVisible();
  await expect(page.getByText("5550200002")).toBeVisible();
  await expect(page.getByText("Name: Bob")).toBeVisible();
});
