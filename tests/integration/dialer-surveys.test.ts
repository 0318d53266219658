import { describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/csv";
import { allPages, dialerCampaign, waitFor } from "../support/dialer";
import { rigForSuite } from "../support/rig-suite";
import { sampleSurvey } from "../support/surveys";

/**
 * A campaign that sends answered calls to a survey, run through each PBX driver: the simulator's
 * people key scripted answers after each prompt they hear, and what Pacer stored must be exactly
 * that, branches taken and recorded answers (with their files) included.
 */
for (const driver of ["ari", "esl"] as const) {
  describe(`survey calls over ${driver.toUpperCase()}`, () => {
    const suite = rigForSuite({ timeScale: 0.01, seed: driver === "ari" ? 21 : 22 }, { driver });

    it("asks the questions, follows the branches, records spoken answers and stores every answer as keyed", { timeout: 120_000 }, async () => {
      const { rig, api } = suite;
      const survey = (await api.post("/surveys", sampleSurvey({ name: `Calls ${driver}` }))).body.data;
      const [q1, q2, q3, q4] = survey.questions.map((q: { id: number }) => q.id);
      const created = await api.post("/campaigns", dialerCampaign(`Survey ${driver}`, { concurrent_calls: 5, agent_dest_type: "survey", agent_dest_value: String(survey.id) }));
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = created.body.data.id as number;

      const base = driver === "ari" ? "1555661" : "1555662";
      const happy = `${base}0001`; // 4 stars, would recommend, 7 years (ended by #): the plain path
      const unhappy = `${base}0002`; // 1 star: straight to the recorded answer
      const detractor = `${base}0003`; // 5 stars but would not recommend: a branch to the recording
      const wrongKey = `${base}0004`; // 9 is no choice: asked again, then 3
      const replies: Record<string, string[]> = { [happy]: ["4", "1", "7#"], [unhappy]: ["1", ""], [detractor]: ["5", "2", ""], [wrongKey]: ["9", "3", "2", "15"] };
      for (const [number, keys] of Object.entries(replies)) {
        rig.sim.engine.sampler.script(number, { kind: "human", ringSec: 2, talkSec: 900, dtmf: [], replies: keys });
      }
      const played: Record<string, string[]> = {};
      rig.sim.engine.on("playbackStarted", (pb) => {
        const number = rig.sim.engine.channel(pb.channelId)?.number ?? "";
        (played[number] ??= []).push(pb.media.replace(/^sound:/, ""));
      });
      await api.post(`/campaigns/${id}/numbers/bulk`, { numbers: Object.keys(replies).map((phone_number) => ({ phone_number })) });
      expect((await api.post(`/campaigns/${id}/start`)).status).toBe(200);
      await waitFor("campaign completed", async () => (await api.get(`/campaigns/${id}`)).body.data.status === "completed", 90_000);

      const cdr = Object.fromEntries((await allPages(api, `/cdr?campaign_id=${id}`)).map((r) => [r.destination, r]));
      const csv = await fetch(`${suite.base}/api/surveys/${survey.id}/results?format=csv`, { headers: { Cookie: suite.cookie } });
      expect(csv.status).toBe(200);
      const [header, ...records] = parseCsv(await csv.text()).map((r) => r.fields);
      const rows = records.map((fields) => Object.fromEntries(fields.map((v, i) => [header[i], v])));
      const answers = (number: string) => rows.filter((r) => r.phone_number === number).map((r) => [Number(r.question), r.value]);

      expect(answers(happy)).toEqual([[1, "4"], [2, "yes"], [3, "7"]]);
      expect(answers(unhappy)).toEqual([[1, "1"], [4, "recorded"]]);
      expect(answers(detractor)).toEqual([[1, "5"], [2, "no"], [4, "recorded"]]);
      expect(answers(wrongKey)).toEqual([[1, "3"], [2, "no"], [4, "recorded"]]);
      for (const r of rows) {
        expect(Number(r.campaign_id)).toBe(id);
        expect(Number(r.attempt_id)).toBe(cdr[r.phone_number].attempt_id);
      }
      // Each recorded answer names its file, and the PBX has it.
      for (const number of [unhappy, detractor]) {
        const rec = rows.find((r) => r.phone_number === number && r.value === "recorded")!;
        expect(rec.recording_file).toBe(`pacer-survey-${cdr[number].attempt_id}-q4.wav`);
        const stored = rig.sim.engine.storedRecordings().map((s) => s.name);
        expect(stored.some((name) => name.endsWith(rec.recording_file.replace(/\.wav$/, "")) || name.endsWith(rec.recording_file))).toBe(true);
      }
      // What each person heard: the prompts of the path they took, the wrong key's question twice, then the thanks.
      expect(played[happy]).toEqual(["custom/q-rating", "custom/q-recommend", "custom/q-years", "custom/thanks"]);
      expect(played[unhappy]).toEqual(["custom/q-rating", "custom/q-why", "custom/thanks"]);
      expect(played[wrongKey]).toEqual(["custom/q-rating", "custom/q-rating", "custom/q-recommend", "custom/q-why", "custom/thanks"]);

      const results = (await api.get(`/surveys/${survey.id}/results?campaign_id=${id}`)).body.data;
      expect(results.calls).toBe(4);
      const byId = Object.fromEntries(results.questions.map((q: { id: number }) => [q.id, q]));
      expect(byId[q1].answers.filter((a: { count: number }) => a.count).map((a: { value: string; count: number }) => [a.value, a.count])).toEqual([["1", 1], ["3", 1], ["4", 1], ["5", 1]]);
      expect(byId[q2].answers).toEqual([{ value: "yes", label: "Yes", count: 1 }, { value: "no", label: "No", count: 2 }]);
      expect(byId[q3]).toMatchObject({ total: 1, answers: [{ value: "7", count: 1 }] });
      expect(byId[q4]).toMatchObject({ total: 3, answers: [{ value: "recorded", label: "Recorded", count: 3 }] });
    });
  });
}
