import { expect, test } from "@playwright/test";
import { apiPost, signIn } from "./support";

/**
 * The agent console end to end, from the keyboard: a pause with a reason, a call the simulator
 * puts through (screen pop with the lead's clock and calls), hanging up, wrap-up, editing the
 * lead's numbers, and a callback picked on the lead's clock, stored as the right UTC instant.
 */
test("an agent takes a call through its console with the keyboard: pause with a reason, screen pop, hang up, numbers, callback in the lead's zone", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const stamp = Date.now();

  // The supervisor's side, in a browser context of its own.
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signIn(adminPage);
  const admin = adminPage.request;
  const campaign = await apiPost<{ id: number; name: string }>(admin, "/campaigns", {
    name: `E2E console call ${stamp}`,
    trunk_type: "pjsip",
    trunk_value: "e2e-trunk",
    agent_dest_type: "exten",
    agent_dest_value: "100",
    dial_mode: "progressive",
    wrapup_sec: 600,
    retry_times: 0,
    // Any hour is inside the calling hours, wherever and whenever the test runs.
    calling_hours_start: "00:00",
    calling_hours_end: "23:59",
  });
  // Enough leads that one soon reaches the agent (people and machines both do: AMD is off).
  await apiPost(admin, `/campaigns/${campaign.id}/numbers/bulk`, {
    numbers: Array.from({ length: 40 }, (_, i) => ({ phone_number: `1555773${String(i).padStart(4, "0")}`, timezone: "America/New_York", data: { first_name: `Lead ${i}`, plan: "Gold" } })),
  });
  const username = `e2e-console-${stamp}`;
  const password = "e2e-console-password";
  const user = await apiPost<{ id: number }>(admin, "/users", { username, password, email: `${username}@example.com`, role: "agent" });
  await apiPost(admin, "/agents", { name: `Console caller ${stamp}`, extension: "2010", user_id: user.id });

  await page.goto(`/login?callbackUrl=${encodeURIComponent("/agent")}`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/agent$/);

  const state = page.getByRole("region", { name: "Your state" });
  await expect(state.getByText("Logged Out", { exact: true })).toBeVisible();
  await expect(page.getByText("Log in to a campaign to take calls.")).toBeVisible();
  await page.getByLabel("Campaign", { exact: true }).selectOption(String(campaign.id));
  await page.getByLabel("Campaign", { exact: true }).press("Enter");
  await expect(state.getByText("Available", { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(/Waiting for a call/)).toBeVisible();

  // P, then a number: the reason is shown with the state, to the agent and to supervisors.
  await expect(state.getByRole("button", { name: "Pause" })).toHaveAttribute("aria-keyshortcuts", "P B");
  await page.keyboard.press("p");
  const reasons = page.getByRole("dialog", { name: "Pause: why?" });
  await expect(reasons).toBeVisible();
  await expect(reasons.getByRole("button", { name: "Lunch" })).toHaveAttribute("aria-keyshortcuts", "2");
  await page.keyboard.press("2");
  await expect(reasons).toBeHidden();
  await expect(state.getByText("On Break", { exact: true })).toBeVisible();
  await expect(state.getByTestId("pause-reason")).toHaveText("Reason: Lunch");
  await adminPage.goto("/agents");
  const row = adminPage.getByRole("row", { name: new RegExp(`Console caller ${stamp}`) });
  await expect(row.getByText("On Break", { exact: true })).toBeVisible();
  await expect(row.getByText("Lunch", { exact: true })).toBeVisible();
  // Escape leaves the reason as it was.
  await expect(state.getByRole("button", { name: "Change reason" })).toBeEnabled();
  await page.keyboard.press("p");
  await expect(reasons).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(reasons).toBeHidden();
  await expect(state.getByTestId("pause-reason")).toHaveText("Reason: Lunch");
  await page.keyboard.press("r");
  await expect(state.getByText("Available", { exact: true })).toBeVisible();

  // The campaign starts: the simulator dials until someone answers, and the call comes to this agent.
  await apiPost(admin, `/campaigns/${campaign.id}/start`);
  await expect(state.getByText("On Call", { exact: true })).toBeVisible({ timeout: 180_000 });
  const number = await page.getByTestId("screen-pop-number").innerText();
  expect(number).toMatch(/^1555773\d{4}$/);
  await expect(page.getByTestId("lead-clock")).toContainText("America/New_York (set on the lead)");
  const calls = page.getByRole("table", { name: "Calls to this lead, newest first" });
  await expect(calls.getByRole("row")).toHaveCount(2);
  await expect(calls.getByRole("cell", { name: number, exact: true })).toBeVisible();

  // H hangs up (a machine may have hung up first: either way the call ends and wrap-up starts).
  await page.keyboard.press("h");
  await expect(page.getByRole("heading", { name: "After the call" })).toBeVisible({ timeout: 20_000 });
  await expect(state.getByText("Wrapup", { exact: true })).toBeVisible();
  await expect(state.getByText(/Ready again in \d+ s\./)).toBeVisible();
  await expect(calls.getByRole("cell", { name: "Answered" })).toBeVisible();

  // E edits the lead's numbers with the lists' form (once the lead is no longer being called): a second number, saved with Enter.
  await expect(page.getByRole("button", { name: "Edit numbers" })).toBeEnabled();
  await page.keyboard.press("e");
  const numbersForm = page.getByRole("form", { name: `Numbers of ${number}` });
  await expect(numbersForm).toBeVisible();
  await numbersForm.getByRole("button", { name: "Add a number" }).press("Enter");
  await expect(numbersForm.getByLabel("Phone 2")).toBeFocused();
  await page.keyboard.type("15557739999");
  await page.keyboard.press("Enter");
  await expect(numbersForm).toHaveCount(0);
  await expect(page.getByRole("list", { name: "The lead's numbers in dialing order" })).toContainText("15557739999");

  // 2 picks Callback; the time is the lead's, in New York: 10:00 there is 15:00 UTC in January.
  await page.keyboard.press("2");
  const dispo = page.getByRole("form", { name: "Disposition" });
  await expect(dispo.getByRole("button", { name: "Callback" })).toHaveAttribute("aria-pressed", "true");
  const when = dispo.getByLabel("Call back at (America/New_York)");
  await expect(when).toBeFocused();
  await when.fill("2027-01-15T10:00");
  await dispo.getByLabel("Notes").fill("Prefers mornings");
  await page.screenshot({ path: test.info().outputPath("agent-console.png"), fullPage: true });
  await dispo.getByLabel("Notes").press("Enter");
  await expect(page.getByText(`${number}: CALLBACK saved.`)).toBeVisible();

  const me = (await (await page.request.get("/api/agents/me")).json()) as { data: { call: { lead: { id: number } } } };
  const lead = (await (await admin.get(`/api/numbers/${me.data.call.lead.id}`)).json()) as { data: { next_attempt_at: string; disposition: string; phones: { phone_number: string }[] } };
  expect(lead.data).toMatchObject({ next_attempt_at: "2027-01-15 15:00:00", disposition: "CALLBACK" });
  expect(lead.data.phones.map((p) => p.phone_number)).toEqual([number, "15557739999"]);

  // Campaign stopped, R ends the wrap-up and L logs out.
  await apiPost(admin, `/campaigns/${campaign.id}/stop`);
  await page.keyboard.press("r");
  await expect(state.getByText("Available", { exact: true })).toBeVisible();
  await page.keyboard.press("l");
  await expect(state.getByText("Logged Out", { exact: true })).toBeVisible({ timeout: 15_000 });
  await adminContext.close();
});
