import { expect, test, type APIRequestContext, type Locator } from "@playwright/test";
import { seriousViolations } from "./axe";
import { signIn } from "./support";

type DemoStatus = { installed: boolean; campaign: { id: number; name: string } | null; agents: { id: number; name: string; state: string }[]; crew: string };

async function apiGet<T>(request: APIRequestContext, path: string): Promise<T> {
  const res = await request.get(`/api${path}`);
  expect(res.ok(), `GET /api${path}`).toBe(true);
  return ((await res.json()) as { data: T }).data;
}

/** The number a figure of the live panel shows: the `dd` beside the `dt` named `label`, in the list `where`. */
async function figure(where: Locator, label: string): Promise<number> {
  const text = await where.locator("div", { has: where.page().locator("dt", { hasText: new RegExp(`^${label}$`) }) }).locator("dd").first().textContent();
  return Number(text);
}

test("a newcomer's first run: the demo's simulated agents take calls on the first page, and one click removes it all", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await signIn(page);
  // The e2e server starts with DEMO_DATA=false (it is shared by every spec); this installs the
  // demo through the code path the first start takes.
  const created = await page.request.post("/api/demo");
  expect(created.status(), await created.text()).toBe(201);

  await page.goto("/campaigns");
  const demo = page.getByRole("region", { name: "Demo" });
  await expect(demo.getByRole("heading", { name: "This is a demo" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "Demo: predictive campaign" });
  await expect(row.getByText("Demo", { exact: true })).toBeVisible();
  await expect(row.getByText("Running")).toBeVisible();

  // The simulated agents log in, take calls and finish them: the live panel shows it.
  const live = demo.getByRole("region", { name: "Live" });
  await expect(live.getByRole("status").filter({ hasText: "Live" })).toBeVisible({ timeout: 30_000 });
  const agents = live.locator('dl[aria-label="Agents by state"]');
  const tiles = live.locator('dl[aria-label="Live figures"]');
  await expect.poll(() => figure(agents, "On call"), { timeout: 90_000, message: "a simulated agent on a call" }).toBeGreaterThan(0);
  await expect.poll(() => figure(tiles, "Concurrent calls"), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(live.getByRole("img", { name: /Concurrent calls and calls per second over the last 5 minutes, \d+ samples/ })).toBeVisible();

  // Calls end and the agents disposition them (SALE and the rest end a number: completed).
  const status = await apiGet<DemoStatus>(page.request, "/demo");
  expect(status.crew).toBe("working");
  expect(status.agents.length).toBeGreaterThan(0);
  await expect
    .poll(async () => (await apiGet<{ stats: { completed: number; total_calls: number } }>(page.request, `/campaigns/${status.campaign!.id}`)).stats.completed, {
      timeout: 120_000,
      message: "numbers dispositioned by the simulated agents",
    })
    .toBeGreaterThan(1);
  await expect.poll(() => figure(agents, "On call"), { timeout: 60_000 }).toBeGreaterThan(0);
  await page.screenshot({ path: testInfo.outputPath("demo.png"), fullPage: true });
  // The demo's panel, badges and live figures pass axe like every other page (e2e/quality.spec.ts).
  expect(await seriousViolations(page)).toEqual([]);

  // One click (and a confirmation) removes it all.
  await demo.getByRole("button", { name: "Remove demo" }).click();
  const dialog = page.getByRole("dialog", { name: "Remove the demo?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Remove demo" }).click();
  await expect(page.getByText(/^Demo removed: 1 campaign, 300 numbers, \d+ simulated agents/)).toBeVisible({ timeout: 60_000 });
  await expect(demo).toHaveCount(0);
  await expect(page.getByText("No campaigns yet")).toBeVisible();

  await page.getByRole("link", { name: "Agents", exact: true }).click();
  await expect(page.getByText("No agents yet")).toBeVisible();
  await page.goto(`/campaigns/${status.campaign!.id}`);
  await expect(page.getByRole("heading", { name: "Campaign not found" })).toBeVisible();
  await page.goto("/cdr");
  await expect(page.getByText("No calls yet")).toBeVisible();

  const after = await apiGet<DemoStatus>(page.request, "/demo");
  expect(after).toMatchObject({ installed: false, campaign: null, agents: [] });
  const audit = await apiGet<{ action: string; details: Record<string, number> }[]>(page.request, "/audit?entity_type=demo");
  expect(audit[0]).toMatchObject({ action: "demo.remove", details: { campaigns: 1, leads: 300, agents: status.agents.length, users: status.agents.length } });
});
