import { expect, test } from "@playwright/test";
import { signIn } from "./support";

test("a supervisor reads /metrics in the browser and makes a scrape token limited to metrics/read for Prometheus", async ({ page, browser }) => {
  await signIn(page);
  // A signed-in supervisor sees the exposition itself.
  const shown = await page.goto("/metrics");
  expect(shown?.status()).toBe(200);
  expect(shown?.headers()["content-type"]).toContain("text/plain");
  const text = await page.locator("body").innerText();
  for (const name of ["pacer_dialer_originates_total", "pacer_call_outcomes_total", "pacer_dialer_tick_duration_seconds", "pacer_http_request_duration_seconds", "pacer_pbx_connected", "pacer_agents"]) {
    expect(text).toContain(`# TYPE ${name} `);
  }

  // A token for the scraper: metrics/read only.
  await page.goto("/settings/tokens");
  await page.getByLabel("Token name").fill(`Prometheus ${Date.now().toString(36)}`);
  await page.getByRole("checkbox", { name: "metrics/read", exact: true }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByLabel("Your new token").inputValue();
  expect(token.length).toBeGreaterThan(20);

  // Prometheus has no session: with the token it scrapes, without it it is refused with a reason.
  const anonymous = await browser.newContext();
  try {
    const scraped = await anonymous.request.get("/metrics", { headers: { Authorization: `Bearer ${token}` } });
    expect(scraped.status()).toBe(200);
    expect(await scraped.text()).toContain("# HELP pacer_dialer_up ");
    const refused = await anonymous.request.get("/metrics");
    expect(refused.status()).toBe(401);
    expect((await refused.json()).message).toContain("metrics/read");
  } finally {
    await anonymous.close();
  }
});
