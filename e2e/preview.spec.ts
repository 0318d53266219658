import { expect, test, type APIRequestContext } from "@playwright/test";
import { signIn } from "./support";

async function apiPost<T>(request: APIRequestContext, path: string, data?: unknown): Promise<T> {
  const res = await request.post(`/api${path}`, { data, timeout: 15_000 });
  const body = (await res.json()) as { data: T };
  expect(res.ok(), `POST /api${path}: ${JSON.stringify(body)}`).toBe(true);
  return body.data;
}

test("an agent previews leads in its console, skips one and dials the next with the keyboard", async ({ page }) => {
  await signIn(page);
  const stamp = Date.now();
  const campaign = await apiPost<{ id: number; name: string }>(page.request, "/campaigns", {
    name: `E2E preview ${stamp}`,
    trunk_type: "pjsip",
    trunk_value: "e2e-trunk",
    agent_dest_type: "exten",
    agent_dest_value: "100",
    dial_mode: "preview",
    preview_timeout_sec: 300,
    retry_delay: 3600,
    // Any hour is inside the calling hours, wherever the test runs.
    calling_hours_start: "00:00",
    calling_hours_end: "23:59",
  });
  await apiPost(page.request, `/campaigns/${campaign.id}/numbers/bulk`, {
    numbers: [
      { phone_number: "15559870001", data: { first_name: "Ada", company: "Analytical Engines" } },
      { phone_number: "15559870002", data: { first_name: "Grace", company: "Compilers Inc" } },
    ],
  });
  const username = `e2e-preview-${stamp}`;
  const password = "e2e-preview-password";
  const user = await apiPost<{ id: number }>(page.request, "/users", { username, password, email: `${username}@example.com`, role: "agent" });
  await apiPost(page.request, "/agents", { name: `Preview agent ${stamp}`, extension: "2003", user_id: user.id });
  await apiPost(page.request, `/campaigns/${campaign.id}/start`);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto(`/login?callbackUrl=${encodeURIComponent("/agent")}`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/agent$/);

  await page.getByLabel("Campaign", { exact: true }).selectOption(String(campaign.id));
  await page.getByLabel("Campaign", { exact: true }).press("Enter");
  const state = page.getByRole("region", { name: "Your state" });
  await expect(state.getByText("Available", { exact: true })).toBeVisible({ timeout: 15_000 });

  // The first lead is shown, not dialed: its data, Dial and Skip with their keys, and the countdown.
  const card = page.getByTestId("preview-card");
  await expect(card).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("heading", { name: "Next lead" })).toBeVisible();
  await expect(card.getByTestId("screen-pop-number")).toHaveText("15559870001");
  await expect(card.getByRole("row", { name: /First name\s*Ada/ })).toBeVisible();
  await expect(card.getByRole("button", { name: "Dial" })).toHaveAttribute("aria-keyshortcuts", "D");
  await expect(card.getByRole("button", { name: "Skip" })).toHaveAttribute("aria-keyshortcuts", "S");
  await expect(card.getByText(/Skipped automatically in \d+ s\./)).toBeVisible();

  // S skips it: the next lead takes its place.
  await page.keyboard.press("s");
  await expect(card.getByTestId("screen-pop-number")).toHaveText("15559870002", { timeout: 15_000 });
  await expect(card.getByRole("row", { name: /Company\s*Compilers Inc/ })).toBeVisible();

  // D dials it, with this agent reserved for the call.
  await page.keyboard.press("d");
  await expect(state.getByText("On Call", { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(card).toHaveCount(0);
  await expect(page.getByTestId("screen-pop-number")).toHaveText("15559870002");
});
