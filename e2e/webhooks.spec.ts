import { expect, test } from "@playwright/test";
import { webhookReceiver } from "../tests/support/webhook-receiver";
import { apiCampaign, apiPost, signIn } from "./support";

test("a supervisor subscribes a receiver, sees the secret once, sees the delivery, and replays it", async ({ page }) => {
  const hook = await webhookReceiver();
  try {
    await signIn(page);
    await page.getByRole("link", { name: "Webhooks", exact: true }).click();
    await expect(page).toHaveURL(/\/settings\/webhooks$/);
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

    const name = `CRM ${Date.now().toString(36)}`;
    const form = page.getByRole("form", { name: "New webhook" });
    await form.getByLabel("Name", { exact: true }).fill(name);
    const url = form.getByLabel("URL", { exact: true });
    await url.fill("ftp://crm.example.com/hooks");
    await form.getByLabel(/campaign\.status_changed/).check();
    // Enter submits; only http(s) is accepted, and the error sits on the field, which takes the focus.
    await url.press("Enter");
    await expect(url).toHaveAttribute("aria-invalid", "true");
    await expect(url).toBeFocused();
    await url.fill(hook.url);
    await url.press("Enter");

    const panel = page.getByRole("region", { name: `Webhook “${name}” created` });
    await expect(panel).toBeVisible();
    const secret = await panel.getByLabel("Signing secret").inputValue();
    expect(secret).toMatch(/^whsec_/);
    hook.useSecret(secret);
    await panel.getByRole("button", { name: "I have saved it" }).click();
    await expect(panel).toBeHidden();
    await page.reload();
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
    expect(await page.content()).not.toContain(secret);

    const row = page.getByRole("table", { name: "Webhook subscriptions" }).getByRole("row").filter({ hasText: name });
    await expect(row).toContainText(`…${secret.slice(-4)}`);
    const campaign = await apiCampaign(page.request, { name: `E2E webhook campaign ${Date.now()}`, schedule: { from: "2099-01-01" } });
    await apiPost(page.request, `/campaigns/${campaign.id}/start`);
    await expect.poll(() => hook.received.length, { timeout: 20_000 }).toBe(1);
    expect(hook.received[0].signatureValid).toBe(true);

    await row.getByRole("button", { name: `Deliveries of webhook ${name}` }).click();
    const log = page.getByRole("table", { name: `Deliveries of webhook ${name}, newest first` });
    const delivery = log.getByRole("row").filter({ hasText: "campaign.status_changed" });
    await expect(delivery).toContainText("Delivered");
    await expect(delivery).toContainText("200");

    await delivery.getByRole("button", { name: /^Replay delivery/ }).click();
    await expect(page.getByText(/Delivery #\d+ queued again\./)).toBeVisible();
    await expect.poll(() => hook.received.length, { timeout: 20_000 }).toBe(2);
    expect(hook.received[1].signatureValid).toBe(true);
    expect(hook.received[1].json.id).toBe(hook.received[0].json.id);
    await expect(delivery).toContainText("Delivered");
    await apiPost(page.request, `/campaigns/${campaign.id}/stop`);
  } finally {
    await hook.close();
  }
});
