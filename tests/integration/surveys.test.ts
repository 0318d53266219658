import { describe, expect, it } from "vitest";
import { adminClient, baseUrl, createToken, sampleCampaign, tokenClient } from "../support/api";
import { sampleSurvey } from "../support/surveys";

describe("surveys", () => {
  it("creates a survey with its questions, reads, lists, updates and deletes it, each change audited", async () => {
    const api = await adminClient();
    const created = await api.post("/surveys", sampleSurvey({ name: "Satisfaction" }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const s = created.body.data;
    expect(s).toMatchObject({ name: "Satisfaction", closing_audio: "custom/thanks", question_count: 4, response_count: 0, updated_at: null });
    expect(s.questions.map((q: { position: number; type: string }) => [q.position, q.type])).toEqual([[1, "choice"], [2, "yes_no"], [3, "number"], [4, "recording"]]);
    expect(s.questions[0]).toMatchObject({ branches: [{ answer: "1", goto: 4 }], next: null, max_digits: 1 });
    expect(s.questions[2]).toMatchObject({ next: "end", max_digits: 2, choices: [] });

    expect((await api.get(`/surveys/${s.id}`)).body).toMatchObject({ message: "Survey retrieved successfully", data: s });
    const list = await api.get("/surveys");
    expect(list.body.data.find((x: { id: number }) => x.id === s.id)).toMatchObject({ name: "Satisfaction", question_count: 4 });

    const q1 = s.questions[0].id;
    const updated = await api.put(`/surveys/${s.id}`, { name: "Satisfaction 2", questions: sampleSurvey().questions.slice(0, 2).map((q, i) => (i === 1 ? { ...q, branches: [] } : q.type === "choice" ? { ...q, branches: [] } : q)) });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.data).toMatchObject({ name: "Satisfaction 2", question_count: 2 });
    // The question kept at position 1 keeps its id (and so its answers).
    expect(updated.body.data.questions[0].id).toBe(q1);

    const audit = await api.get(`/audit?entity_type=survey&entity_id=${s.id}`);
    expect(audit.body.data.map((a: { action: string }) => a.action).sort()).toEqual(["survey.create", "survey.update"]);

    const campaign = await api.post("/campaigns", sampleCampaign({ agent_dest_type: "survey", agent_dest_value: String(s.id) }));
    expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
    const inUse = await api.del(`/surveys/${s.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.message).toContain(`${campaign.body.data.id}`);
    await api.del(`/campaigns/${campaign.body.data.id}`);
    expect((await api.del(`/surveys/${s.id}`)).body).toEqual({ success: true, code: 200, message: "Survey deleted successfully" });
    expect((await api.get(`/surveys/${s.id}`)).status).toBe(404);
  });

  it("refuses bad surveys with per-field errors and writes nothing", async () => {
    const api = await adminClient();
    const before = (await api.get("/surveys")).body.data.length;
    const base = sampleSurvey();
    const cases: [string, Record<string, unknown>, string][] = [
      ["a branch to a missing question", { questions: [{ ...base.questions[0], branches: [{ answer: "1", goto: 9 }] }] }, "questions.0.branches.0.goto"],
      ["an unknown type", { questions: [{ ...base.questions[1], type: "essay" }] }, "questions.0.type"],
      ["a choice question without choices", { questions: [{ ...base.questions[0], choices: [], branches: [] }] }, "questions.0.choices"],
      ["a branch backwards", { questions: [base.questions[1], { ...base.questions[0], branches: [{ answer: "2", goto: 1 }] }] }, "questions.1.branches.0.goto"],
      ["a branch on an answer that is no choice", { questions: [{ ...base.questions[0], branches: [{ answer: "7", goto: "end" }] }] }, "questions.0.branches.0.answer"],
      ["no questions", { questions: [] }, "questions"],
      ["no name", { name: "" }, "name"],
      ["a prompt with spaces", { questions: [{ ...base.questions[1], prompt_audio: "a b" }] }, "questions.0.prompt_audio"],
    ];
    for (const [what, over, field] of cases) {
      const r = await api.post("/surveys", { ...base, ...over });
      expect(r.status, what).toBe(400);
      expect(Object.keys(r.body.errors ?? {}), what).toContain(field);
    }
    expect((await api.post("/surveys", { ...base, questions: "x" })).status).toBe(400);
    expect((await api.get("/surveys")).body.data.length).toBe(before);

    // An update that would break a branch changes nothing either.
    const s = (await api.post("/surveys", base)).body.data;
    const bad = await api.put(`/surveys/${s.id}`, { name: "renamed", questions: [{ ...base.questions[0], branches: [{ answer: "1", goto: 2 }] }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveProperty(["questions.0.branches.0.goto"]);
    expect((await api.get(`/surveys/${s.id}`)).body.data).toMatchObject({ name: base.name, question_count: 4 });
    expect((await api.get("/surveys/999999")).status).toBe(404);
    expect((await api.get("/surveys/abc/results")).status).toBe(404);
    expect((await api.get(`/surveys/${s.id}/results?format=xml`)).status).toBe(400);
    // A campaign cannot send its calls to a survey that does not exist.
    const campaign = await api.post("/campaigns", sampleCampaign({ agent_dest_type: "survey", agent_dest_value: "999999" }));
    expect(campaign.status).toBe(400);
    expect(campaign.body.errors).toHaveProperty("agent_dest_value");
    await api.del(`/surveys/${s.id}`);
  });

  it("serves results (empty before any call) and a CSV header, to tokens with the surveys permissions only", async () => {
    const api = await adminClient();
    const s = (await api.post("/surveys", sampleSurvey())).body.data;
    const results = await api.get(`/surveys/${s.id}/results`);
    expect(results.status).toBe(200);
    expect(results.body.data).toMatchObject({ survey_id: s.id, calls: 0 });
    expect(results.body.data.questions[0].answers).toHaveLength(5);
    expect(results.body.data.questions[1].answers.map((a: { label: string }) => a.label)).toEqual(["Yes", "No"]);
    const { token } = await createToken({ permissions: ["surveys/results"] });
    const csv = await fetch(`${baseUrl()}/api/surveys/${s.id}/results?format=csv`, { headers: { Authorization: `Bearer ${token}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect((await csv.text()).trim()).toBe("response_id,answered_at,campaign_id,lead_id,phone_number,attempt_id,question,question_text,type,value,label,recording_file");
    const readOnly = await tokenClient(["surveys/list", "surveys/get"]);
    expect((await readOnly.get("/surveys")).status).toBe(200);
    expect((await readOnly.post("/surveys", sampleSurvey())).status).toBe(403);
    expect((await readOnly.get(`/surveys/${s.id}/results`)).status).toBe(403);
    await api.del(`/surveys/${s.id}`);
  });

  it("is in /api/openapi.json: CRUD with its schemas, and results as JSON or CSV", async () => {
    const doc = await (await fetch(`${baseUrl()}/api/openapi.json`)).json();
    for (const [path, method] of [["/surveys", "get"], ["/surveys", "post"], ["/surveys/{id}", "get"], ["/surveys/{id}", "put"], ["/surveys/{id}", "delete"], ["/surveys/{id}/results", "get"]]) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    const create = doc.paths["/surveys"].post;
    expect(create.description).toContain("surveys/create");
    const question = create.requestBody.content["application/json"].schema.properties.questions.items;
    expect(question.properties.type.enum).toEqual(["choice", "number", "yes_no", "recording"]);
    const results = doc.paths["/surveys/{id}/results"].get;
    expect(Object.keys(results.responses["200"].content)).toEqual(expect.arrayContaining(["application/json", "text/csv"]));
    expect(results.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["id", "format", "campaign_id"]));
  });
});
