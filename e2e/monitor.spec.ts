import { expect, test, type Locator, type Page } from "@playwright/test";
import { apiCampaign, apiPost, signIn } from "./support";

async function dialingCampaign(page: Page, stamp: number, extBase: number, numberBase: string) {
  // A progressive campaign dialing through the built-in simulator, with agents logged in: one of
  // them is soon on a call with a person (or a machine: AMD is off, so both reach an agent).
  const campaign = await apiCampaign(page.request, {
    name: `E2E monitor ${stamp}`,
    dial_mode: "progressive",
    wrapup_sec: 0,
    calling_hours_start: "00:00",
    calling_hours_end: "23:59",
  });
  await apiPost(page.request, `/campaigns/${campaign.id}/numbers/bulk`, {
    numbers: Array.from({ length: 60 }, (_, i) => ({ phone_number: `${numberBase}${String(i).padStart(4, "0")}` })),
  });
  for (const i of [1, 2, 3]) {
    const agent = await apiPost<{ id: number }>(page.request, "/agents", { name: `Monitored ${stamp} ${i}`, extension: String(extBase + i) });
    await apiPost(page.request, `/agents/${agent.id}/login`, { campaign_id: campaign.id });
  }
  await apiPost(page.request, `/campaigns/${campaign.id}/start`);
  return campaign;
}

/**
 * Waits for one of the campaign's agents to be on a call (the Listen buttons live in `scope`),
 * listens in from the panel, and returns the connected session and whom it listens to.
 */
async function listenToAnAgent(panel: Locator, scope: Locator, stamp: number) {
  const listen = scope.getByRole("button", { name: new RegExp(`^Listen: Monitored ${stamp}`) }).first();
  await expect(listen).toBeVisible({ timeout: 180_000 });
  const agentName = (await listen.getAttribute("aria-label"))!.replace(/^Listen: /, "");
  await listen.click();
  const session = panel.getByTestId("monitor-session");
  await expect(session).toContainText(`admin → ${agentName}`);
  await expect(session.getByText("Connected")).toBeVisible({ timeout: 20_000 });
  return { session, agentName };
}

test("a supervisor listens in on an agent's call, whispers, barges in and stops, from the agents page", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page);
  const stamp = Date.now();
  const campaign = await dialingCampaign(page, stamp, 2060, "1555771");

  await page.goto("/agents");
  const panel = page.getByRole("region", { name: "Listen in" });
  await expect(panel).toBeVisible();
  await expect(panel.getByText("Nobody is listening in.")).toBeVisible();
  await panel.getByLabel("Your phone").fill("2070");

  // An agent on a call shows Listen, Whisper and Barge; Listen calls the supervisor's phone.
  const { session, agentName } = await listenToAnAgent(panel, page.locator("body"), stamp);
  await expect(session.getByRole("radio", { name: "Listen" })).toHaveAttribute("aria-checked", "true");
  // The agent is being listened to: its buttons say who is.
  await expect(page.getByRole("button", { name: `Whisper: ${agentName}` })).toBeDisabled();

  // Keyboard: the mode switch and Stop are buttons.
  await session.getByRole("radio", { name: "Whisper" }).focus();
  await page.keyboard.press("Enter");
  await expect(session.getByRole("radio", { name: "Whisper" })).toHaveAttribute("aria-checked", "true");
  await session.getByRole("radio", { name: "Barge" }).click();
  await expect(session.getByRole("radio", { name: "Barge" })).toHaveAttribute("aria-checked", "true");
  await expect(session.getByText("Connected")).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("monitor.png"), fullPage: true });

  await session.getByRole("button", { name: "Stop" }).click();
  await expect(panel.getByText("Nobody is listening in.")).toBeVisible({ timeout: 15_000 });

  // The session was applied by the dialer, mode by mode, and audited.
  const audit = await page.request.get(`/api/audit?entity_type=monitor&per_page=20`);
  const actions = ((await audit.json()) as { data: { action: string }[] }).data.map((a) => a.action);
  expect(actions).toEqual(expect.arrayContaining(["monitor.start", "monitor.mode", "monitor.stop", "monitor.end"]));
  await apiPost(page.request, `/campaigns/${campaign.id}/stop`);
});

test("a supervisor listens in from the campaign's page, on one of its agents on a call", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page);
  const stamp = Date.now();
  const campaign = await dialingCampaign(page, stamp, 2080, "1555772");

  await page.goto(`/campaigns/${campaign.id}`);
  const panel = page.getByRole("region", { name: "Listen in" });
  await expect(panel).toBeVisible();
  await panel.getByLabel("Your phone").fill("2090");
  const { session } = await listenToAnAgent(panel, panel.getByRole("list", { name: "Agents on a call" }), stamp);
  await page.screenshot({ path: test.info().outputPath("campaign-listen-in.png"), fullPage: true });
  await session.getByRole("button", { name: "Stop" }).click();
  await expect(panel.getByText("Nobody is listening in.")).toBeVisible({ timeout: 15_000 });
  await apiPost(page.request, `/campaigns/${campaign.id}/stop`);
});
