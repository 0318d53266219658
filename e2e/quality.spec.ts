import { expect, test, type Page } from "@playwright/test";
import { seriousViolations } from "./axe";
import { apiCampaign, apiPost, signIn } from "./support";

/**
 * Every page, in a real browser: no serious or critical accessibility violation (axe, WCAG 2.x A
 * and AA rules), nothing wider than the window at 1440 px or at 390 px (tables scroll inside their
 * cards instead), the same in the dark theme, and a screenshot of each under the test's output
 * folder. Nothing on any page is refused by its content security policy.
 */

type PageCase = { name: string; path: string; ready: (page: Page) => Promise<void> };

const heading = (name: RegExp | string) => async (page: Page) => {
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
};

/** Waits until no element says it is loading, so axe sees the page as people do. */
const anyHeading = async (page: Page) => {
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
};

async function settled(page: Page) {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 15_000 });
}

/** The pages' widest descendant, when it is wider than the window; null when all fits. */
async function overflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width + 1) return null;
    let worst: Element | null = null;
    let right = width;
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const r = el.getBoundingClientRect().right;
      if (r > right + 1) {
        right = r;
        worst = el;
      }
    }
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${String(el.className).split(" ").slice(0, 3).join(".")}`;
    return `page is ${document.documentElement.scrollWidth}px wide in a ${width}px window; widest: ${worst ? describe(worst) : "?"} ends at ${Math.round(right)}px`;
  });
}

test.describe("every page", () => {
  test.setTimeout(300_000);

  test("has no serious or critical axe violation, fits 1440 px and 390 px, in light and dark, with a screenshot of each", async ({ page }, testInfo) => {
    await signIn(page);
    const stamp = Date.now();
    const campaign = await apiCampaign(page.request, { name: `E2E quality ${stamp} with a rather long campaign name to test wrapping` });
    await apiPost(page.request, `/campaigns/${campaign.id}/numbers/bulk`, { numbers: Array.from({ length: 5 }, (_, i) => ({ phone_number: `1555321${1000 + i}` })) });
    const list = await apiPost<{ id: number }>(page.request, "/lists", { name: `E2E quality list ${stamp}`, campaign_id: campaign.id });
    await apiPost(page.request, "/agents", { name: `Quality agent ${stamp}`, extension: "2301" });
    await apiPost(page.request, "/webhooks", { name: `Quality hook ${stamp}`, url: "https://crm.example.com/hooks/pacer/with/a/rather/long/path", event_types: ["call.finished", "campaign.status_changed", "import.finished"] });
    const survey = await apiPost<{ id: number }>(page.request, "/surveys", {
      name: `E2E quality survey ${stamp}`,
      questions: [{ type: "choice", text: "How was it?", prompt_audio: "custom/q", choices: [{ value: "1", label: "Good" }, { value: "2", label: "Bad" }] }],
    });

    const pages: PageCase[] = [
      {
        name: "campaigns",
        path: "/campaigns",
        // The table is wider than the window: its row buttons stay in sight all the same.
        ready: async (p) => {
          // Earlier specs leave campaigns above it: bring the row's start into sight, then its button
          // must be there too, without scrolling the table sideways.
          const row = p.getByRole("row", { name: /E2E quality/ });
          await row.getByRole("link").first().scrollIntoViewIfNeeded();
          await expect(row.getByRole("button", { name: "Start" })).toBeInViewport({ ratio: 1 });
        },
      },
      { name: "campaign-new", path: "/campaigns/new", ready: anyHeading },
      { name: "campaign-detail", path: `/campaigns/${campaign.id}`, ready: heading(/E2E quality/) },
      { name: "campaign-edit", path: `/campaigns/${campaign.id}/edit`, ready: heading(/edit|E2E quality/i) },
      { name: "lists", path: "/lists", ready: anyHeading },
      { name: "list-detail", path: `/lists/${list.id}`, ready: heading(/E2E quality list/) },
      { name: "agents", path: "/agents", ready: anyHeading },
      { name: "queues", path: "/queues", ready: anyHeading },
      { name: "agent-console", path: "/agent", ready: anyHeading },
      { name: "cdr", path: "/cdr", ready: anyHeading },
      { name: "reports", path: "/reports", ready: anyHeading },
      { name: "surveys", path: "/surveys", ready: anyHeading },
      { name: "survey-new", path: "/surveys/new", ready: anyHeading },
      { name: "survey-results", path: `/surveys/${survey.id}`, ready: heading(/E2E quality survey/) },
      { name: "survey-edit", path: `/surveys/${survey.id}/edit`, ready: heading(/E2E quality survey/) },
      { name: "reminders", path: "/reminders", ready: async (p) => void (await expect(p.getByRole("grid")).toBeVisible()) },
      { name: "dnc", path: "/dnc", ready: anyHeading },
      { name: "trunks", path: "/trunks", ready: anyHeading },
      { name: "tokens", path: "/settings/tokens", ready: anyHeading },
      { name: "webhooks", path: "/settings/webhooks", ready: async (p) => void (await expect(p.getByRole("row", { name: /Quality hook/ })).toBeVisible()) },
      { name: "users", path: "/admin/users", ready: anyHeading },
      { name: "pbx", path: "/admin/pbx", ready: anyHeading },
      { name: "wallboard", path: "/wallboard", ready: anyHeading },
    ];

    const problems: string[] = [];
    // The pages' content security policy blocks nothing they need: a refused script, style or
    // connection shows up on the console.
    page.on("console", (m) => {
      if (m.type() === "error" && /Content Security Policy/i.test(m.text())) problems.push(`${page.url()}: ${m.text().slice(0, 300)}`);
    });
    for (const theme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: theme });
      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: width > 400 ? 900 : 844 });
        for (const p of pages) {
          await page.goto(p.path);
          await p.ready(page);
          await settled(page);
          const where = `${p.name} (${theme}, ${width}px)`;
          const wide = await overflow(page);
          if (wide) problems.push(`${where}: ${wide}`);
          // Axe once per theme, at the desktop width (the rules do not change with width).
          if (width === 1440) for (const v of await seriousViolations(page)) problems.push(`${where}: ${v}`);
          await page.screenshot({ path: testInfo.outputPath(`${theme}-${width}`, `${p.name}.png`), fullPage: true });
        }
      }
    }
    // The login page, signed out.
    await page.context().clearCookies();
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/login");
    await expect(page.getByLabel("Username")).toBeVisible();
    for (const v of await seriousViolations(page)) problems.push(`login: ${v}`);
    const wide = await overflow(page);
    if (wide) problems.push(`login (390px): ${wide}`);
    await page.screenshot({ path: testInfo.outputPath("login.png"), fullPage: true });

    expect(problems, problems.join("\n")).toEqual([]);
  });
});
