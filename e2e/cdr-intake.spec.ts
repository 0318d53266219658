import { expect, test } from "@playwright/test";
import { apiPost, signIn } from "./support";

test("an admin copies the FreeSWITCH setup from PBX servers, and a call FreeSWITCH posts shows on Call records", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await signIn(page);
  await page.getByRole("link", { name: "PBX servers" }).click();
  await expect(page).toHaveURL(/\/admin\/pbx$/);

  // The guide is rendered for this install: mod_json_cdr posts to this server's intake URL.
  const guide = page.getByRole("region", { name: "FreeSWITCH setup" });
  const intakeUrl = `${new URL(page.url()).origin}/api/cdr/intake`;
  await expect(guide.getByText(intakeUrl, { exact: true })).toBeVisible();
  const jsonCdr = guide.getByRole("textbox", { name: /^CDR to Pacer \(mod_json_cdr\)/ });
  await expect(jsonCdr).toHaveValue(new RegExp(`<param name="url" value="${intakeUrl.replace(/[.:/]/g, "\\$&")}"/>`));
  await expect(jsonCdr).toHaveValue(/pacer:YOUR_CDR_INTAKE_TOKEN/);
  await expect(guide.getByRole("textbox", { name: /^Event socket \(ESL\)/ })).toHaveValue(/apply-inbound-acl/);

  await guide.getByRole("button", { name: "Copy CDR to Pacer (mod_json_cdr)" }).click();
  await expect(guide.getByRole("status").filter({ hasText: "Copied to the clipboard." })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await jsonCdr.inputValue());
  // The keyboard reaches the copy buttons too.
  await guide.getByRole("button", { name: "Copy Dialplan" }).focus();
  await page.keyboard.press("Enter");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('<context name="pacer-amd">');

  // FreeSWITCH posts a call Pacer did not place, with a token made for intake only (HTTP Basic).
  const { token } = await apiPost<{ token: string }>(page.request, "/tokens", { name: "FreeSWITCH CDR (e2e)", permissions: ["cdr_intake/post"] });
  const uuid = `e2e-${Date.now().toString(36)}-4c1e-9a59-2b0f6d1c7e11`;
  const posted = await page.request.post("/api/cdr/intake", {
    headers: { Authorization: `Basic ${Buffer.from(`freeswitch:${token}`).toString("base64")}`, "Content-Type": "application/json" },
    data: JSON.stringify({
      switchname: "fs-e2e",
      variables: { uuid, caller_id_number: "13055550123", destination_number: "2001", start_epoch: "1767607200", answer_epoch: "1767607203", end_epoch: "1767607261", duration: "61", billsec: "58", hangup_cause: "NORMAL_CLEARING" },
    }),
  });
  expect(posted.status()).toBe(201);

  await page.getByRole("link", { name: "Call records" }).click();
  const posts = page.getByRole("region", { name: "Records posted by the PBX" });
  const row = posts.getByRole("row").filter({ hasText: uuid });
  await expect(row).toBeVisible();
  await expect(row.getByText("External")).toBeVisible();
  await expect(row.getByText("13055550123")).toBeVisible();
  await expect(row.getByText("fs-e2e")).toBeVisible();

  await posts.getByLabel("Calls").selectOption("1");
  await expect(row).toHaveCount(0);
  await posts.getByLabel("Calls").selectOption("0");
  await expect(row).toBeVisible();
  await posts.getByRole("searchbox").fill("no-such-call");
  await posts.getByRole("searchbox").press("Enter");
  await expect(posts.getByText("No posted records match these filters")).toBeVisible();
});
