import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signIn } from "./support";

/** A call to Pacer's API with the page's session; fails the test with the server's answer when refused. */
async function apiPost<T>(request: APIRequestContext, path: string, data: unknown): Promise<T> {
  const res = await request.post(`/api${path}`, { data, timeout: 15_000 }).catch((err: Error) => {
    throw new Error(`POST /api${path} did not answer: ${err.message}`);
  });
  const body = (await res.json()) as { data: T };
  expect(res.ok(), `POST /api${path}: ${JSON.stringify(body)}`).toBe(true);
  return body.data;
}

/** A campaign that passes its calls to agents. It is never started: logging in needs no dialing. */
function createAgentCampaign(request: APIRequestContext, name: string) {
  return apiPost<{ id: number; name: string }>(request, "/campaigns", {
    name,
    trunk_type: "pjsip",
    trunk_value: "e2e-trunk",
    agent_dest_type: "exten",
    agent_dest_value: "100",
    dial_mode: "progressive",
  });
}

async function signInAs(page: Page, username: string, password: string, callbackUrl: string) {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${callbackUrl}$`));
}

test("an admin creates an agent, logs it in, puts it on break and logs it out from the agents page", async ({ page }) => {
  await signIn(page);
  const campaign = await createAgentCampaign(page.request, `E2E agents ${Date.now()}`);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Agents", exact: true }).click();
  await expect(page).toHaveURL(/\/agents$/);
  // A full load: the campaign list the client cached on the first page predates the campaign
  // created through the API a moment ago.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Agents", level: 1 })).toBeVisible();
  // A fresh install has no agents; this file runs first.
  await expect(page.getByText("No agents yet")).toBeVisible();

  await page.getByRole("button", { name: "New agent" }).first().click();
  const form = page.getByRole("form", { name: "New agent" });
  await form.getByRole("button", { name: "Create agent" }).click();
  await expect(form.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Phone")).toHaveAttribute("aria-invalid", "true");

  const name = `E2E Agent ${Date.now()}`;
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Phone").fill("2001");
  await expect(form.getByLabel("User")).toHaveValue("");
  await form.getByRole("button", { name: "Create agent" }).click();
  await expect(form).toHaveCount(0);

  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row.getByText("Logged Out", { exact: true })).toBeVisible();
  await expect(row.getByRole("cell", { name: "2001", exact: true })).toBeVisible();
  await expect(page.getByRole("list", { name: "Agents by state" })).toBeVisible();

  // Logging in makes Pacer call the phone; the simulator's extension phones answer within a second.
  await row.getByLabel(`Campaign for ${name}`).selectOption({ label: campaign.name });
  await row.getByRole("button", { name: `Log ${name} in` }).click();
  await expect(row.getByText("Available", { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(row.getByRole("cell", { name: campaign.name, exact: true })).toBeVisible();
  await expect(row.getByRole("button", { name: `Delete ${name}` })).toBeDisabled();

  await row.getByRole("button", { name: `Put ${name} on break` }).click();
  await expect(row.getByText("On Break", { exact: true })).toBeVisible();

  await row.getByRole("button", { name: `Make ${name} ready` }).click();
  await expect(row.getByText("Available", { exact: true })).toBeVisible();

  await row.getByRole("button", { name: `Log ${name} out` }).click();
  await expect(row.getByText("Logged Out", { exact: true })).toBeVisible();
  await expect(row.getByLabel(`Campaign for ${name}`)).toBeVisible();

  // Logged out, it may be deleted.
  await row.getByRole("button", { name: `Delete ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Delete agent ${name}?` });
  await dialog.getByRole("button", { name: "Delete agent" }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByText("No agents yet")).toBeVisible();
});

test("an agent logs in from its console with the keyboard and goes on break", async ({ page }) => {
  await signIn(page);
  const stamp = Date.now();
  const campaign = await createAgentCampaign(page.request, `E2E console ${stamp}`);
  const username = `e2e-agent-${stamp}`;
  const password = "e2e-agent-password";
  const user = await apiPost<{ id: number }>(page.request, "/users", {
    username,
    password,
    email: `${username}@example.com`,
    full_name: "E2E Console Agent",
    role: "agent",
  });
  const agentName = `Console agent ${stamp}`;
  await apiPost(page.request, "/agents", { name: agentName, extension: "2002", user_id: user.id });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signInAs(page, username, password, "/agent");

  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "My console" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Agents", exact: true })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "My console", level: 1 })).toBeVisible();
  await expect(page.getByText(agentName)).toBeVisible();

  const state = page.getByRole("region", { name: "Your state" });
  await expect(state.getByText("Logged Out", { exact: true })).toBeVisible();

  // The agent picks from the campaigns it may log in to, with the keyboard.
  await page.getByLabel("Campaign", { exact: true }).selectOption(String(campaign.id));
  await page.getByLabel("Campaign", { exact: true }).press("Enter");
  await expect(state.getByText("Available", { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(state.getByText(campaign.name)).toBeVisible();
  const queue = page.getByRole("region", { name: `Agents on ${campaign.name}` });
  await expect(queue).toContainText("Available1");

  // B (or P) asks why; 1 is a plain break.
  await expect(state.getByRole("button", { name: "Pause" })).toHaveAttribute("aria-keyshortcuts", "P B");
  await page.keyboard.press("b");
  await expect(page.getByRole("dialog", { name: "Pause: why?" })).toBeVisible();
  await page.keyboard.press("1");
  await expect(state.getByText("On Break", { exact: true })).toBeVisible();
  await expect(state.getByTestId("pause-reason")).toHaveText("Reason: Break");
  await expect(queue).toContainText("On break1");

  // The state can arrive over the socket before the Break request's reply; shortcuts wait for that reply, as the button does.
  await expect(state.getByRole("button", { name: "Ready" })).toBeEnabled();
  await page.keyboard.press("r");
  await expect(state.getByText("Available", { exact: true })).toBeVisible();

  await page.keyboard.press("l");
  await expect(state.getByText("Logged Out", { exact: true })).toBeVisible();
  // The console remembers the campaign for the next log-in.
  await expect(page.getByLabel("Campaign", { exact: true })).toHaveValue(String(campaign.id));
});
