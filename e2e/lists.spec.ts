import { expect, test } from "@playwright/test";
import { signIn, stoppedCampaign } from "./support";

test("create a list, import a CSV with a mapping preview, see the progress, the report and the leads", async ({ page }) => {
  await signIn(page);
  const owner = await stoppedCampaign(page.request, `E2E lists campaign ${Date.now()}`);
  // The page's campaigns were loaded before that one was made through the API.
  await page.reload();
  await page.getByRole("link", { name: "Lists", exact: true }).click();
  await expect(page).toHaveURL(/\/lists$/);

  const form = page.getByRole("region", { name: "New list" });
  await form.getByRole("button", { name: "Create list" }).click();
  await expect(form.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
  const name = `E2E list ${Date.now()}`;
  await form.getByLabel("Name", { exact: true }).fill(name);
  const campaign = form.getByLabel("Campaign", { exact: true });
  await campaign.selectOption(String(owner.id));
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

test("edit a lead's numbers from the keyboard: change one, add one, move it up, and a bad number is refused in place", async ({ page }) => {
  await signIn(page);
  const owner = await stoppedCampaign(page.request, `E2E lead edit campaign ${Date.now()}`);
  const list = (await (await page.request.post("/api/lists", { data: { name: `E2E edit ${Date.now()}`, campaign_id: owner.id } })).json()).data as { id: number };
  const lead = (await (await page.request.post(`/api/lists/${list.id}/leads`, { data: { phone_number: "5550300001", phones: ["5550300002"] } })).json()).data as { id: number };

  await page.goto(`/lists/${list.id}`);
  const edit = page.getByRole("button", { name: "Edit the numbers of 5550300001" });
  await edit.click();
  const form = page.getByRole("form", { name: "Numbers of 5550300001" });
  await expect(form.getByLabel("Phone 1")).toHaveValue("5550300001");
  await expect(form.getByLabel("Phone 2")).toHaveValue("5550300002");

  await form.getByLabel("Phone 2").fill("555 030 0022");
  await form.getByRole("button", { name: "Add a number" }).click();
  const third = form.getByLabel("Phone 3");
  await expect(third).toBeFocused();
  await third.fill("12");
  await third.press("Enter");
  await expect(third).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("Phone number must be 3 to 20 digits, optionally starting with +.")).toBeVisible();
  await third.fill("5550300003");
  // Moved above phone 2 with the keyboard; focus stays on the number that moved.
  await form.getByRole("button", { name: "Up phone 3" }).press("Enter");
  await expect(form.getByLabel("Phone 2")).toHaveValue("5550300003");
  await expect(form.getByRole("button", { name: "Up phone 2" })).toBeFocused();
  await form.getByRole("button", { name: "Save numbers" }).click();

  await expect(page.getByText("Numbers of 5550300001 saved.")).toBeVisible();
  await expect(edit).toBeFocused();
  const row = page.getByRole("table", { name: /^Leads of/ }).getByRole("row").filter({ hasText: "5550300001" });
  await expect(row.getByRole("listitem")).toHaveText([/^5550300001/, /^5550300003/, /^5550300022/]);
  const saved = (await (await page.request.get(`/api/numbers/${lead.id}`)).json()).data as { phones: { phone_number: string }[] };
  expect(saved.phones.map((p) => p.phone_number)).toEqual(["5550300001", "5550300003", "5550300022"]);
});
