import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { parseCsv } from "../lib/csv";
import { apiPost, signIn } from "./support";

type Cdr = { id: number; destination: string; disposition: string; billsec: number; recording_file: string | null; trunk_id: number | null };

async function records(request: APIRequestContext, query: string): Promise<{ data: Cdr[]; total: number }> {
  const body = await (await request.get(`/api/cdr${query}`)).json();
  return { data: body.data, total: body.pagination.total };
}

/**
 * The call records page against calls the built-in simulator really placed: an agentless campaign
 * on a trunk that records its calls. Filters drive the URL and the table, the export downloads the
 * filtered rows, and a recording plays with a seek bar.
 */
test("call records: filters, CSV export and the recording player over simulated calls", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await signIn(page);
  const stamp = Date.now();
  const trunk = await apiPost<{ id: number; name: string }>(page.request, "/trunks", { name: `e2e-cdr-${stamp}`, type: "pjsip", value: "carrier" });
  const campaign = await apiPost<{ id: number; name: string }>(page.request, "/campaigns", {
    name: `E2E CDR ${stamp}`,
    trunk_type: "pjsip",
    trunk_value: "carrier",
    agent_dest_type: "exten",
    agent_dest_value: "100",
    concurrent_calls: 10,
    record_calls: 1,
    retry_times: 0,
    // Any hour is inside the calling hours, wherever the test runs.
    calling_hours_start: "00:00",
    calling_hours_end: "23:59",
  });
  const put = await page.request.put(`/api/campaigns/${campaign.id}/trunks`, { data: { trunks: [{ trunk_id: trunk.id }] } });
  expect(put.ok()).toBe(true);
  await apiPost(page.request, `/campaigns/${campaign.id}/numbers/bulk`, {
    numbers: Array.from({ length: 30 }, (_, i) => ({ phone_number: `1555${String(6_200_000 + i)}` })),
  });
  await apiPost(page.request, `/campaigns/${campaign.id}/start`);

  // Calls talk for minutes at the simulator's real pace: once one recorded call has a few seconds
  // in it, stopping the campaign hangs the others up and writes their records.
  const recordedQuery = `?campaign_id=${campaign.id}&disposition=answered&per_page=100`;
  const longest = async () => (await records(page.request, recordedQuery)).data.filter((r) => r.recording_file).sort((a, b) => b.billsec - a.billsec)[0];
  const deadline = Date.now() + 40_000;
  while (Date.now() < deadline && ((await longest())?.billsec ?? 0) < 4) await page.waitForTimeout(2_000);
  await apiPost(page.request, `/campaigns/${campaign.id}/stop`);
  // The hung-up calls' records are written as their hangups come in: wait until the count holds still.
  let seen = -1;
  await expect
    .poll(async () => {
      const before = seen;
      seen = (await records(page.request, `?campaign_id=${campaign.id}`)).total;
      return seen > 1 && seen === before;
    }, { timeout: 30_000, intervals: [3_000] })
    .toBe(true);
  const recorded = (await longest())!;
  expect(recorded.recording_file).toBeTruthy();
  const all = await records(page.request, `?campaign_id=${campaign.id}`);

  // Filters: each one lands in the URL and narrows the table to what the API says.
  await page.goto("/cdr");
  const filters = page.getByRole("search", { name: "Filter call records" });
  const table = page.getByRole("table", { name: "Call records, newest first" });
  await filters.getByLabel("Campaign").selectOption(String(campaign.id));
  await expect(page).toHaveURL(new RegExp(`campaign_id=${campaign.id}`));
  await filters.getByLabel("Trunk").selectOption(String(trunk.id));
  await expect(page).toHaveURL(new RegExp(`trunk_id=${trunk.id}`));
  // Every call of the campaign went out on its trunk (the header row, then a page of records).
  await expect(table.getByRole("row")).toHaveCount(Math.min(all.total, 20) + 1);
  await filters.getByLabel("Outcome").selectOption("answered");
  await expect(page).toHaveURL(/outcome=answered/);
  await filters.getByLabel("Outcome").selectOption("");
  await expect(page).not.toHaveURL(/outcome=/);

  // A number that is not one yet is flagged and not sent; the whole number filters to its calls.
  const number = filters.getByLabel("Number");
  await number.fill("55x");
  await expect(number).toHaveAttribute("aria-invalid", "true");
  await expect(page).not.toHaveURL(/number=/);
  await number.fill(recorded.destination);
  await expect(page).toHaveURL(new RegExp(`number=${recorded.destination}`));
  await expect(table.getByRole("row")).toHaveCount(2);
  const row = table.getByRole("row").filter({ hasText: recorded.destination });
  await expect(row).toBeVisible();

  // The filtered view survives a reload: the URL is the source of truth.
  await page.reload();
  await expect(filters.getByLabel("Number")).toHaveValue(recorded.destination);
  await expect(filters.getByLabel("Trunk")).toHaveValue(String(trunk.id));
  await expect(table.getByRole("row").filter({ hasText: recorded.destination })).toBeVisible();

  // Export CSV downloads exactly the filtered records.
  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(csvDownload.suggestedFilename()).toBe(`cdr_campaign-${campaign.id}.csv`);
  const csv = parseCsv(readFileSync((await csvDownload.path())!, "utf8")).map((r) => r.fields);
  expect(csv[0].slice(0, 3)).toEqual(["id", "start_time", "answer_time"]);
  const column = (name: string) => csv[0].indexOf(name);
  expect(csv.slice(1).map((r) => [r[column("id")], r[column("destination")], r[column("trunk_id")], r[column("recording_file")]])).toEqual([
    [String(recorded.id), recorded.destination, String(trunk.id), recorded.recording_file],
  ]);
  const unfiltered = await page.request.get(`/api/cdr/export?campaign_id=${campaign.id}`);
  expect(parseCsv(await unfiltered.text())).toHaveLength(all.total + 1);

  // The recording: a player with play/pause, a seek bar bound to the audio, and the times.
  const name = recorded.recording_file!;
  await row.getByRole("button", { name: `Open the player for recording ${name}` }).click();
  const player = row.getByRole("group", { name: `Player for recording ${name}` });
  const seek = player.getByRole("slider", { name: `Seek in recording ${name}` });
  await expect(seek).toBeEnabled();
  await expect(player.getByTestId("recording-total")).toHaveText(/^\d+:\d\d$/);
  await expect(player.getByTestId("recording-total")).not.toHaveText("0:00");
  const audioTime = () => player.locator("audio").evaluate((a: HTMLAudioElement) => a.currentTime);
  // It starts playing on open; Pause stops it.
  await expect(player.getByRole("button", { name: `Pause recording ${name}` })).toBeVisible();
  await player.getByRole("button", { name: `Pause recording ${name}` }).click();
  await expect(player.getByRole("button", { name: `Play recording ${name}` })).toBeVisible();
  // Keyboard seeking moves the audio: Home to the start, two steps on.
  await seek.focus();
  await seek.press("Home");
  await expect(player.getByTestId("recording-elapsed")).toHaveText("0:00");
  await seek.press("ArrowRight");
  await seek.press("ArrowRight");
  await expect(player.getByTestId("recording-elapsed")).toHaveText("0:02");
  expect(await audioTime()).toBeCloseTo(2, 1);
  await expect(seek).toHaveAttribute("aria-valuetext", /^0:02 of \d+:\d\d$/);
  // Played from there, the bar follows the audio.
  await player.getByRole("button", { name: `Play recording ${name}` }).click();
  await expect.poll(audioTime, { timeout: 10_000 }).toBeGreaterThan(2.5);
  await expect.poll(async () => Number(await seek.inputValue()), { timeout: 10_000 }).toBeGreaterThan(2);
  await page.screenshot({ path: testInfo.outputPath("cdr.png"), fullPage: true });

  // Download saves the WAV the simulator recorded.
  const [wav] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: `Download recording ${name}` }).click()]);
  expect(wav.suggestedFilename()).toBe(name);
  expect(readFileSync((await wav.path())!).subarray(0, 4).toString("ascii")).toBe("RIFF");
});
