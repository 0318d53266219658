import { expect, test, type Locator, type Request } from "@playwright/test";
import { seriousViolations } from "./axe";
import { apiCampaign, apiPost, signIn } from "./support";

/** The figure a locator shows, as a number. */
async function figure(locator: Locator): Promise<number> {
  return Number((await locator.textContent())?.trim());
}

test("the wallboard follows the dialer live over its websocket, with no HTTP request after it loaded", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page);
  const stamp = Date.now();

  // A campaign that cannot dial (its schedule has not begun), to show why.
  const allDay = { calling_hours_start: "00:00", calling_hours_end: "23:59" };
  const closed = await apiCampaign(page.request, { name: `E2E board closed ${stamp}`, schedule: { from: "2099-01-01" }, ...allDay });
  await apiPost(page.request, `/campaigns/${closed.id}/numbers/bulk`, { numbers: [1, 2, 3].map((i) => ({ phone_number: `1555772000${i}` })) });
  await apiPost(page.request, `/campaigns/${closed.id}/start`);

  // A progressive campaign with agents, started only once the board is up: the board must move.
  const live = await apiCampaign(page.request, {
    name: `E2E board live ${stamp}`,
    dial_mode: "progressive",
    wrapup_sec: 0,
    ...allDay,
  });
  await apiPost(page.request, `/campaigns/${live.id}/numbers/bulk`, {
    numbers: Array.from({ length: 60 }, (_, i) => ({ phone_number: `1555773${String(i).padStart(4, "0")}` })),
  });

  // From the menu, as a supervisor would.
  await page.getByRole("link", { name: "Wallboard" }).click();
  await expect(page).toHaveURL(/\/wallboard$/);
  await expect(page.getByRole("heading", { name: "Wallboard" })).toBeVisible();
  await expect(page.getByTestId("wb-connection")).toHaveText("Live");
  const closedCard = page.getByTestId(`wb-campaign-${closed.id}`);
  await expect(closedCard.getByRole("list", { name: /is not dialing/ })).toContainText("Schedule closed");
  await expect(closedCard.getByTestId("wb-held-schedule")).toContainText("3");
  await page.waitForLoadState("networkidle");

  // After load: every HTTP request the page makes is recorded. There must be none.
  const requests: Request[] = [];
  page.on("request", (r) => requests.push(r));

  // Agents log in and the campaign starts, through the API (not the page): the board hears it all.
  const agentIds: number[] = [];
  for (const i of [1, 2, 3]) {
    const agent = await apiPost<{ id: number }>(page.request, "/agents", { name: `Board ${stamp} ${i}`, extension: String(2080 + i) });
    await apiPost(page.request, `/agents/${agent.id}/login`, { campaign_id: live.id });
    agentIds.push(agent.id);
  }
  const ready = page.getByTestId("wb-agents-available");
  await expect.poll(() => figure(ready), { timeout: 60_000 }).toBeGreaterThan(0);
  await apiPost(page.request, `/campaigns/${live.id}/start`);
  // Running, it joins the board with the next figures.
  const liveCard = page.getByTestId(`wb-campaign-${live.id}`);
  await expect(liveCard).toBeVisible({ timeout: 15_000 });

  // Calls go out and ring, agents take them, the leads left to dial go down.
  const ringingSeen = new Set<number>();
  const onCallSeen = new Set<number>();
  await expect
    .poll(
      async () => {
        ringingSeen.add(await figure(page.getByTestId("wb-calls-ringing")));
        onCallSeen.add(await figure(page.getByTestId("wb-agents-on_call")));
        return [...ringingSeen].some((n) => n > 0) && [...onCallSeen].some((n) => n > 0);
      },
      { timeout: 180_000, intervals: [250] },
    )
    .toBe(true);
  await expect.poll(() => figure(liveCard.getByTestId(`wb-dialable-${live.id}`)), { timeout: 30_000 }).toBeLessThan(60);
  await expect(page.getByTestId("wb-pacing-ratio")).not.toHaveText("");
  await page.screenshot({ path: test.info().outputPath("wallboard.png"), fullPage: true });
  // Axe over the board with live figures on it, in both themes.
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Switch to dark mode" }).click();
  await page.screenshot({ path: test.info().outputPath("wallboard-dark.png"), fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);

  // Full screen, and back.
  const toggle = page.getByRole("button", { name: "Full screen" });
  await toggle.click();
  await expect(page.getByRole("button", { name: "Exit full screen" })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Exit full screen" }).click();
  await expect(page.getByRole("button", { name: "Full screen" })).toBeVisible();

  // On a phone: everything still fits the width.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId("wb-calls-ringing")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: test.info().outputPath("wallboard-390.png"), fullPage: true });

  await apiPost(page.request, `/campaigns/${live.id}/stop`);
  await apiPost(page.request, `/campaigns/${closed.id}/stop`);
  for (const id of agentIds) await apiPost(page.request, `/agents/${id}/logout`);
  // The stopped campaigns leave the board.
  await expect(liveCard).toHaveCount(0, { timeout: 15_000 });
  expect(requests.map((r) => `${r.method()} ${r.url()}`)).toEqual([]);
});

test("an agent is told the wallboard is not theirs", async ({ page }) => {
  await signIn(page);
  const stamp = Date.now();
  const username = `boardagent${stamp.toString(36)}`;
  await apiPost(page.request, "/users", { username, password: `password-${username}`, email: `${username}@example.com`, role: "agent" });
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(`password-${username}`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto("/wallboard");
  await expect(page.getByRole("heading", { name: "You need the admin or supervisor role" })).toBeVisible();
});

test("a board for the campaigns named in the address, and a clear error for a list that is not ids", async ({ page }) => {
  await signIn(page);
  const stamp = Date.now();
  const [a, b] = await Promise.all(["A", "B"].map((n) => apiCampaign(page.request, { name: `E2E board ${n} ${stamp}`, schedule: { from: "2099-01-01" } })));
  for (const c of [a, b]) await apiPost(page.request, `/campaigns/${c.id}/start`);
  await page.goto(`/wallboard?campaigns=${b.id}`);
  await expect(page.getByTestId(`wb-campaign-${b.id}`)).toBeVisible();
  await expect(page.getByTestId(`wb-campaign-${a.id}`)).toHaveCount(0);
  await expect(page.getByText("One campaign")).toBeVisible();

  await page.goto("/wallboard?campaigns=7,seven");
  await expect(page.getByRole("alert").filter({ hasText: "could not load" })).toContainText("invalid wallboard.subscribe payload: campaign_ids.1: each campaign id must be a number");
  for (const c of [a, b]) await apiPost(page.request, `/campaigns/${c.id}/stop`);
});
