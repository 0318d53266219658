import { expect, test } from "@playwright/test";
import { signIn } from "./support";

test("an admin sees the built-in simulator and a failed connection test before saving", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "PBX servers" }).click();
  await expect(page).toHaveURL(/\/admin\/pbx$/);
  await expect(page.getByRole("heading", { name: "PBX servers", level: 1 })).toBeVisible();

  // A fresh install has no server configured, so Pacer runs and connects to its simulator.
  const simulator = page.getByRole("region", { name: "Built-in PBX simulator" });
  await expect(simulator.getByText("Connected", { exact: true })).toBeVisible();
  await expect(simulator.getByText(/^http:\/\/127\.0\.0\.1:\d+$/)).toBeVisible();
  await expect(page.getByText("No PBX servers configured")).toBeVisible();

  const form = page.getByRole("region", { name: "Add PBX server" });
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(form.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");

  await form.getByRole("radio", { name: "Asterisk (ARI)" }).check();
  await form.getByLabel("Name", { exact: true }).fill("Unreachable Asterisk");
  await form.getByLabel("ARI URL").fill("http://127.0.0.1:9");
  await form.getByLabel("ARI username").fill("pacer");
  await form.getByLabel("Password", { exact: true }).fill("not-the-password");
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(form.getByRole("status").filter({ hasText: /^Could not connect: .+/ })).toBeVisible({ timeout: 15_000 });

  // Testing saves nothing: the simulator is still what Pacer uses.
  await expect(page.getByText("No PBX servers configured")).toBeVisible();
  await expect(simulator).toBeVisible();
});
