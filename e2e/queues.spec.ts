import { expect, test } from "@playwright/test";
import { apiPost, fillCampaignBasics, signIn } from "./support";

test("a supervisor adds a queue, fixes a field error, edits its rules and puts agents in it by level and position", async ({ page }) => {
  const stamp = Date.now().toString(36);
  await signIn(page);
  const first = await apiPost<{ id: number; name: string }>(page.request, "/agents", { name: `Queue agent A ${stamp}`, extension: "2401" });
  const second = await apiPost<{ id: number; name: string }>(page.request, "/agents", { name: `Queue agent B ${stamp}`, extension: "2402" });
  await page.getByRole("link", { name: "Queues", exact: true }).click();
  await expect(page).toHaveURL(/\/queues$/);
  await expect(page.getByRole("heading", { name: "Queues", level: 1 })).toBeVisible();

  const name = `sales-${stamp}`;
  const form = page.getByRole("form", { name: "New queue" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Strategy").selectOption("round-robin");
  const wrap = form.getByLabel("Wrap-up (s)");
  await wrap.fill("soon");
  // Enter submits; the wrap-up is refused at its field, which takes the focus.
  await wrap.press("Enter");
  await expect(wrap).toHaveAttribute("aria-invalid", "true");
  await expect(wrap).toBeFocused();
  await wrap.fill("5");
  await form.getByLabel("Tier rules").check();
  await form.getByLabel("Wait before the next level (s)").fill("15");
  await wrap.press("Enter");
  await expect(page.getByText(`Queue ${name} added.`)).toBeVisible();

  // The queue's own row: the one with its Delete button (the open editor and its tier table sit in rows of their own).
  const row = page.getByRole("table", { name: "Queues" }).getByRole("row").filter({ has: page.getByRole("button", { name: `Delete queue ${name}`, exact: true }) });
  await expect(row).toContainText("Round robin");
  await expect(row).toContainText("Next level after 15 s");
  await expect(row).toContainText("5 s");

  await row.getByRole("button", { name: `Edit queue ${name}` }).click();
  const edit = page.getByRole("form", { name: `Edit queue ${name}` });
  await edit.getByLabel("Strategy").selectOption("fewest-calls");
  await edit.getByRole("button", { name: "Save queue" }).click();
  await expect(page.getByText(`Queue ${name} saved.`)).toBeVisible();
  await expect(row).toContainText("Fewest calls");

  await row.getByRole("button", { name: `Edit queue ${name}` }).click();
  const tiers = page.getByRole("region", { name: `Tiers of queue ${name}` });
  await expect(tiers.getByText("No agents in this queue")).toBeVisible();
  const add = tiers.getByRole("form", { name: `Add an agent to queue ${name}` });
  await add.getByLabel("Agent").selectOption({ label: first.name });
  await add.getByRole("button", { name: "Add agent" }).click();
  await expect(page.getByText(`${first.name} added to queue ${name}.`)).toBeVisible();
  await add.getByLabel("Agent").selectOption({ label: second.name });
  await add.getByLabel("Level").fill("2");
  await add.getByLabel("Position").fill("3");
  await add.getByRole("button", { name: "Add agent" }).click();
  const tierTable = tiers.getByRole("table", { name: `Agents of queue ${name}` });
  await expect(tierTable.getByRole("row").filter({ hasText: second.name })).toContainText("2");
  await expect(tierTable.getByRole("row")).toHaveCount(3);
  await expect(row).toContainText("2");

  await tiers.getByRole("button", { name: `Remove ${first.name} from queue ${name}` }).click();
  await expect(page.getByText(`${first.name} taken out of queue ${name}.`)).toBeVisible();
  await expect(tierTable.getByRole("row")).toHaveCount(2);

  await row.getByRole("button", { name: `Delete queue ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete queue", exact: true }).click();
  await expect(page.getByText(`Queue ${name} deleted.`)).toBeVisible();
  await expect(page.getByRole("table", { name: "Queues" }).getByRole("row").filter({ hasText: name })).toHaveCount(0);
});

test("a supervisor routes a progressive campaign's answered calls to a queue chosen on the campaign form", async ({ page }) => {
  const stamp = Date.now().toString(36);
  await signIn(page);
  const queue = await apiPost<{ id: number; name: string }>(page.request, "/queues", { name: `support-${stamp}`, strategy: "longest-idle-agent", moh: "default", wrap_up_sec: 7 });
  await page.goto("/campaigns/new");
  const name = `E2E queued ${stamp}`;
  await fillCampaignBasics(page, name);
  // The queue belongs to the agent modes: agentless has no agents to route to.
  await expect(page.getByLabel("Queue", { exact: true })).toHaveCount(0);
  await page.getByRole("radio", { name: "Progressive" }).check();
  const choice = page.getByLabel("Queue", { exact: true });
  await expect(choice).toHaveValue("");
  await choice.selectOption({ label: `${queue.name} (longest-idle-agent)` });
  await expect(page.getByText("(the queue's wrap-up applies instead)")).toBeVisible();
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByRole("link", { name: `${queue.name} (longest-idle-agent)` })).toHaveAttribute("href", "/queues");
  await expect(page.getByText("7 s (the queue's)")).toBeVisible();

  // Back on the form, the queue is chosen; choosing none routes to the campaign's own agents again.
  await page.goto(page.url() + "/edit");
  await expect(page.getByLabel("Queue", { exact: true })).toHaveValue(String(queue.id));
  await page.getByLabel("Queue", { exact: true }).selectOption("");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  await expect(page.getByText("None: the campaign's own agents, longest idle first")).toBeVisible();
});
