import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe";
import { apiPost, signIn } from "./support";

/** Trunks this spec made; trunks.spec.ts starts from an empty trunks page, so they go again. */
const made: number[] = [];
test.afterEach(async ({ page }) => {
  for (const id of made.splice(0)) await page.request.delete(`/api/trunks/${id}`);
});

test("the trunks page shows each trunk's health and probes a trunk on demand", async ({ page }) => {
  await signIn(page);
  const name = `probe-e2e-${Date.now().toString(36)}`;
  const trunk = await apiPost<{ id: number }>(page.request, "/trunks", { name, type: "pjsip", value: "probe_carrier", max_consecutive_failures: 5, min_asr_pct: 20, probe_number: "15550109999" });
  made.push(trunk.id);

  await page.getByRole("link", { name: "Trunks", exact: true }).click();
  const table = page.getByRole("table", { name: "Trunks with their health, live channels and calls per second" });
  await expect(table.getByRole("columnheader", { name: "Health (5 min)" })).toBeVisible();
  const row = table.getByRole("row").filter({ hasText: name });
  await expect(row.getByText("In rotation")).toBeVisible();
  await expect(row.getByText("No calls in 5 min")).toBeVisible();

  // The details: both windows' causes, the failure run against its limit, no probe yet.
  const details = row.getByText(`Details of trunk ${name}'s health`);
  await details.click();
  await expect(row.getByText("(limit 5)")).toBeVisible();
  await expect(row.getByText("never")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath("trunk-health.png"), fullPage: true });

  // Probe: a call through the trunk to its probe number, via the built-in simulator; the result comes back in a toast and in the details.
  await row.getByRole("button", { name: `Probe trunk ${name}` }).click();
  await expect(page.getByText(new RegExp(`Probe of ${name} (got through|failed)`))).toBeVisible({ timeout: 30_000 });
  await expect(row.getByText(/^(got through|failed) at \d{4}-\d\d-\d\d/)).toBeVisible();
  await expect(row.getByText("never")).toHaveCount(0);

  // The rotation settings are on the trunk's form.
  await row.getByRole("button", { name: `Edit trunk ${name}` }).click();
  const form = page.getByRole("form", { name: `Edit trunk ${name}` });
  await expect(form.getByLabel("Max failures in a row")).toHaveValue("5");
  await expect(form.getByLabel("Probe number")).toHaveValue("15550109999");
  await form.getByLabel("Probe number").fill("");
  await form.getByLabel("Probe number").press("Enter");
  await expect(form.getByLabel("Probe number")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("A probe number is needed with either rule")).toBeVisible();
});
