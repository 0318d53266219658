import { expect, test } from "@playwright/test";
import { signIn } from "./support";

/** A zone whose local hour now lies in [10, 18): inside the default calling hours for a while. */
function zoneInHours(): string {
  return Intl.supportedValuesOf("timeZone").find((zone) => {
    const hour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", hourCycle: "h23" }).format(new Date()));
    return hour >= 10 && hour < 18;
  })!;
}

/** `YYYY-MM-DDTHH:MM` as the wall clock in `zone` reads `at` (a datetime-local value). */
function wallTime(zone: string, at: Date): string {
  const p = Object.fromEntries(new Intl.DateTimeFormat("en-GB", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/**
 * A reminder made on the calendar page is called by the built-in simulator's person on
 * 15559980001, who presses 1 (playwright.config.ts's SIM_REPLIES): the calendar shows it confirmed.
 * A CSV import reports its refused row by line.
 */
test("a reminder made on the calendar is called and shows confirmed; an import reports its bad rows", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.getByRole("link", { name: "Reminders", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Reminders", level: 1 })).toBeVisible();
  await expect(page.getByRole("grid")).toBeVisible();

  const zone = zoneInHours();
  const name = `E2E reminder ${Date.now()}`;
  const form = page.getByRole("form", { name: "New reminder" });
  await form.getByLabel("Contact name").fill(name);
  await form.getByLabel("Phone number").fill("15559980001");
  await form.getByLabel("Appointment (contact's local time)").fill(wallTime(zone, new Date(Date.now() + 30 * 60_000)));
  await form.getByLabel("Time zone").fill(zone);
  await form.getByLabel("Message (sound or TTS id)").fill("custom/appointment-reminder");
  await form.getByLabel("Call before (minutes)").fill("45");
  await form.getByLabel("Trunk (PJSIP endpoint)").fill("carrier");
  await form.getByRole("button", { name: "Create reminder" }).click();
  await expect(form.getByRole("status")).toContainText(name);

  // Week view: today's cell holds it, and its state moves on to Confirmed once the person presses 1.
  await page.getByRole("button", { name: "Week" }).click();
  const entry = page.getByRole("listitem").filter({ hasText: name });
  await expect(entry).toBeVisible();
  await expect(entry.getByText("Confirmed")).toBeVisible({ timeout: 60_000 });

  const appointment = new Date(Date.now() + 60 * 60_000).toISOString();
  const csv = [
    "contact_name,phone_number,appointment_at,timezone,message,call_before_min,trunk_value",
    `Imported ${name},15559980002,${appointment},${zone},custom/appointment-reminder,1440,carrier`,
    `Bad ${name},not-a-number,${appointment},Mars/Olympus,custom/appointment-reminder,30,carrier`,
  ].join("\n");
  const upload = page.getByRole("form", { name: "Import reminders" });
  await upload.getByLabel("CSV file").setInputFiles({ name: "reminders.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await upload.getByRole("button", { name: "Import" }).click();
  await expect(upload.getByRole("status")).toContainText("1 of 2 rows created, 1 refused.");
  await expect(upload.getByText(/Line 3, phone_number/)).toBeVisible();
  await expect(upload.getByText(/Line 3, timezone/)).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: `Imported ${name}` })).toBeVisible();
});
