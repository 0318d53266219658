import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_ADMIN } from "../playwright.config";

/** Signs in as the admin the test server was started with, through the login page a protected page redirects to. */
export async function signIn(page: Page) {
  await page.goto("/campaigns");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Username").fill(E2E_ADMIN.username);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/campaigns$/);
}

/** Fills what every new campaign needs: its name, a pjsip trunk and extension 100 as the destination. */
export async function fillCampaignBasics(page: Page, name: string) {
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Trunk type").selectOption("pjsip");
  await page.getByLabel("Trunk value").fill("my_trunk");
  await page.getByLabel("Destination type").selectOption("exten");
  await page.getByLabel("Destination value").fill("100");
}

/** A stopped campaign made through the API, for specs that need one to exist (the e2e server starts without the demo). */
export function stoppedCampaign(request: APIRequestContext, name: string): Promise<{ id: number; name: string }> {
  return apiPost(request, "/campaigns", { name, trunk_type: "pjsip", trunk_value: "my_trunk", agent_dest_type: "exten", agent_dest_value: "100" });
}

/** A POST to Pacer's API with the page's session; fails the test with the server's answer when refused. */
export async function apiPost<T>(request: APIRequestContext, path: string, data?: unknown): Promise<T> {
  const res = await request.post(`/api${path}`, { data, timeout: 15_000 });
  const body = (await res.json()) as { data: T };
  expect(res.ok(), `POST /api${path}: ${JSON.stringify(body)}`).toBe(true);
  return body.data;
}

/** A campaign through the API: a pjsip trunk and extension 100 as the destination, plus `over`. */
export function apiCampaign(request: APIRequestContext, over: Record<string, unknown>): Promise<{ id: number }> {
  return apiPost(request, "/campaigns", { trunk_type: "pjsip", trunk_value: "e2e-trunk", agent_dest_type: "exten", agent_dest_value: "100", ...over });
}
