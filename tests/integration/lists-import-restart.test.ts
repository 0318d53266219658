import { afterAll, describe, expect, it } from "vitest";
import { dialerRig, waitFor, type DialerRig } from "../support/dialer";

/**
 * An import killed outright (SIGKILL) mid-file: its batches are transactions, so the database
 * holds whole batches only, and the next start carries on after the last one: every row ends up
 * imported exactly once.
 */
describe("a CSV import killed with SIGKILL mid-file", () => {
  let rig: DialerRig;
  afterAll(() => rig?.close());

  it("resumes after a restart with every row imported once", { timeout: 300_000 }, async () => {
    rig = await dialerRig();
    // The uploaded file waits in DATA_DIR: both processes share it.
    const env = { DATA_DIR: rig.dataDir };
    const first = await rig.start({ env });
    const token = (await first.api.post("/tokens", { name: "import restart" })).body.data.token as string;
    const campaign = (await first.api.post("/campaigns", { name: "Import restart", trunk_type: "pjsip", trunk_value: "t", agent_dest_type: "exten", agent_dest_value: "100", schedule: { from: "2099-01-01" } })).body.data;
    const list = (await first.api.post("/lists", { name: "Big", campaign_id: campaign.id })).body.data;
    const N = 60_000;
    const csv = ["phone,name", ...Array.from({ length: N }, (_, i) => `1444${String(i).padStart(7, "0")},Lead ${i}`)].join("\n");
    const res = await fetch(`${first.server.url}/api/lists/${list.id}/import`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/csv" }, body: csv });
    expect(res.status).toBe(202);
    const importId = (await res.json()).data.id as number;
    const atKill = await waitFor("the import part-way", async () => {
      const j = (await first.api.get(`/imports/${importId}`)).body.data;
      return j.rows_done >= 2_000 && j.rows_done < N && j;
    }, 120_000, 20);
    await first.server.kill();

    const second = await rig.start({ env });
    const job = await waitFor("the import completed after the restart", async () => {
      const j = (await second.api.get(`/imports/${importId}`)).body.data;
      return (j.status === "completed" || j.status === "failed") && j;
    }, 180_000, 200);
    expect(job).toMatchObject({ status: "completed", total_rows: N, rows_done: N, inserted: N, duplicates: 0, errors: 0 });
    expect(job.rows_done).toBeGreaterThan(atKill.rows_done);
    expect((await second.api.get(`/lists/${list.id}`)).body.data.stats.total).toBe(N);
  });
});
