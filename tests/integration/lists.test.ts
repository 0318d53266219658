import { describe, expect, it } from "vitest";
import { adminClient, baseUrl, client, createToken, sampleCampaign, tokenClient } from "../support/api";
import { waitFor } from "../support/dialer";

/** Numbers unique to this run, so suites sharing the server's database never collide. */
let seq = 0;
const unique = () => `+1888${Date.now().toString().slice(-6)}${String(++seq).padStart(3, "0")}`;

async function setup() {
  const { token } = await createToken();
  const api = client({ token });
  const campaign = (await api.post("/campaigns", sampleCampaign())).body.data as { id: number; name: string };
  const list = (await api.post("/lists", { name: `List ${Math.random().toString(36).slice(2, 7)}`, campaign_id: campaign.id })).body.data as { id: number };
  return { api, token, campaign, list };
}

/** POSTs a CSV the way a script would: the file as the body, options in the query string. */
async function postCsv(token: string, listId: number, csv: string, query: Record<string, string> = {}) {
  const qs = new URLSearchParams(query).toString();
  const res = await fetch(`${baseUrl()}/api/lists/${listId}/import${qs ? `?${qs}` : ""}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/csv" },
    body: csv,
  });
  return { status: res.status, body: await res.json() };
}

async function finished(api: ReturnType<typeof client>, importId: number, timeoutMs = 60_000) {
  return waitFor(`import ${importId} finished`, async () => {
    const job = (await api.get(`/imports/${importId}`)).body.data;
    return (job.status === "completed" || job.status === "failed") && job;
  }, timeoutMs, 100);
}

describe("lists", () => {
  it("creates, lists with counts, updates and deletes lists; bad input is a 400 per field", async () => {
    const { api, campaign, list } = await setup();
    const bad = await api.post("/lists", { name: "  ", campaign_id: "x", active: 7 });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors ?? {}).sort()).toEqual(["active", "campaign_id", "name"]);
    const noCampaign = await api.post("/lists", { name: "n", campaign_id: 999_999 });
    expect(noCampaign.status).toBe(400);
    expect(noCampaign.body.errors).toEqual({ campaign_id: ["no campaign with id 999999"] });

    const got = await api.get(`/lists/${list.id}`);
    expect(got.body.data).toMatchObject({ id: list.id, campaign_id: campaign.id, campaign_name: campaign.name, active: 1, is_default: 0, stats: { total: 0, pending: 0 } });

    const lead = await api.post(`/lists/${list.id}/leads`, {
      phone_number: "+1 (888) 555-0100",
      phones: ["8885550101", "888.555.0102"],
      custom: { first_name: "Ann", account: 42 },
      timezone: "America/Chicago",
      state: "tx",
      zip: "75001",
    });
    expect(lead.status).toBe(201);
    expect(lead.body.data).toMatchObject({
      list_id: list.id,
      campaign_id: campaign.id,
      phone_number: "+18885550100",
      custom: { first_name: "Ann", account: 42 },
      state: "TX",
      phone_position: 1,
      status: "pending",
    });
    // The contract's `data`: the same object, as a JSON string.
    expect(JSON.parse(lead.body.data.data)).toEqual({ first_name: "Ann", account: 42 });
    expect(lead.body.data.phones.map((p: any) => [p.position, p.phone_number, p.status, p.attempts])).toEqual([
      [1, "+18885550100", "pending", 0],
      [2, "8885550101", "pending", 0],
      [3, "8885550102", "pending", 0],
    ]);
    expect((await api.post(`/lists/${list.id}/leads`, { phone_number: "+18885550100" })).status).toBe(409);
    const nine = await api.post(`/lists/${list.id}/leads`, { phone_number: unique(), phones: Array.from({ length: 8 }, (_, i) => `55501${i}0`) });
    expect(nine.status).toBe(400);
    expect(nine.body.errors?.phones).toEqual(["must hold at most 7 numbers (8 with phone_number)"]);
    const repeated = await api.post(`/lists/${list.id}/leads`, { phone_number: "5550199", phones: ["555 0199"] });
    expect(repeated.body.errors).toEqual({ "phones.0": ["repeats another of this lead's numbers (5550199)"] });
    const invalid = await api.post(`/lists/${list.id}/leads`, { phone_number: "5550199", phones: ["5550198", "12"], zip: "1" });
    expect(Object.keys(invalid.body.errors ?? {}).sort()).toEqual(["phones.1", "zip"]);

    // The contract still sees the lead as one of the campaign's numbers.
    const numbers = (await api.get(`/campaigns/${campaign.id}/numbers`)).body.data;
    expect(numbers.map((n: any) => n.id)).toEqual([lead.body.data.id]);

    const page = await api.get(`/lists?campaign_id=${campaign.id}`);
    expect(page.body.pagination).toMatchObject({ total: 1 });
    expect(page.body.data[0].stats).toMatchObject({ total: 1, pending: 1 });
    const found = await api.get(`/lists/${list.id}/leads?search=Ann`);
    expect(found.body.data.map((l: any) => l.id)).toEqual([lead.body.data.id]);
    expect((await api.get(`/lists/${list.id}/leads?search=5550102`)).body.data).toHaveLength(1);

    const renamed = await api.put(`/lists/${list.id}`, { name: "Renamed", active: 0 });
    expect(renamed.body.data).toMatchObject({ name: "Renamed", active: 0 });
    expect((await api.del(`/lists/${list.id}`)).status).toBe(200);
    expect((await api.get(`/lists/${list.id}`)).status).toBe(404);
    expect((await api.get(`/campaigns/${campaign.id}/numbers`)).body.data).toEqual([]);
  });

  it("edits a lead's numbers: reordered, added, barred and swapped with phone 1; bad input is a 400 per field; the change is audited", async () => {
    const { api, campaign, list } = await setup();
    const [one, two, three, barred] = [unique(), unique(), unique(), unique()];
    const other = (await api.post(`/lists/${list.id}/leads`, { phone_number: unique() })).body.data;
    const lead = (await api.post(`/lists/${list.id}/leads`, { phone_number: one, phones: [two] })).body.data;
    expect((await api.post("/dnc", { phone_number: barred, campaign_id: campaign.id })).status).toBe(201);

    // Reordered, one added, one barred: phone 1 stays, the extras are replaced in the order given.
    const edited = await api.put(`/numbers/${lead.id}`, { phones: [three, two, barred] });
    expect(edited.status).toBe(200);
    expect(edited.body.data.phones.map((p: any) => [p.position, p.phone_number, p.status])).toEqual([
      [1, one, "pending"],
      [2, three, "pending"],
      [3, two, "pending"],
      [4, barred, "dnc"],
    ]);
    const listed = (await api.get(`/lists/${list.id}/leads?search=${encodeURIComponent(three)}`)).body.data;
    expect(listed.map((l: any) => l.id)).toEqual([lead.id]);

    const nine = await api.put(`/numbers/${lead.id}`, { phones: Array.from({ length: 8 }, (_, i) => `55502${i}0`) });
    expect(nine.status).toBe(400);
    expect(nine.body.errors?.phones).toEqual(["must hold at most 7 numbers (8 with phone_number)"]);
    const bad = await api.put(`/numbers/${lead.id}`, { phones: ["5550300", "12", "5550300", one.replace("+", "")] });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors ?? {})).toEqual(["phones.1"]);
    const repeated = await api.put(`/numbers/${lead.id}`, { phones: ["5550300", "555 0300", one] });
    expect(repeated.status).toBe(400);
    expect(repeated.body.errors).toEqual({
      "phones.1": ["repeats another of this lead's numbers (5550300)"],
      "phones.2": [`repeats another of this lead's numbers (${one})`],
    });
    expect((await api.put(`/numbers/${lead.id}`, {})).body.errors).toEqual({ phones: ["give phone_number, phones or both"] });
    expect((await api.put(`/numbers/${lead.id}`, { phone_number: other.phone_number })).status).toBe(409);
    expect((await api.put("/numbers/999999999", { phones: [] })).status).toBe(404);
    // Refused edits changed nothing.
    expect((await api.get(`/numbers/${lead.id}`)).body.data.phones.map((p: any) => p.phone_number)).toEqual([one, three, two, barred]);

    // Phone 1 swapped with an extra one, the rest removed.
    const swapped = await api.put(`/numbers/${lead.id}`, { phone_number: two, phones: [one] });
    expect(swapped.body.data).toMatchObject({ phone_number: two, phone_position: 1, status: "pending" });
    expect(swapped.body.data.phones.map((p: any) => p.phone_number)).toEqual([two, one]);

    const admin = await adminClient();
    const log = (await admin.get(`/audit?entity_type=number&entity_id=${lead.id}`)).body.data;
    expect(log.map((e: any) => e.action)).toEqual(["number.update", "number.update"]);
    expect(log[0].details).toEqual({ changes: { phones: { from: [one, three, two, barred], to: [two, one] } } });
  });

  it("puts the contract's numbers in the campaign's default list, which stays with its campaign", async () => {
    const { api, campaign } = await setup();
    const phone = unique();
    expect((await api.post(`/campaigns/${campaign.id}/numbers`, { phone_number: phone, data: { name: "John" } })).status).toBe(201);
    expect((await api.post(`/campaigns/${campaign.id}/numbers/bulk`, { numbers: [{ phone_number: unique() }] })).status).toBe(201);
    expect((await api.post(`/campaigns/${campaign.id}/numbers`, { phone_number: phone })).status).toBe(409);
    const lists = (await api.get(`/lists?campaign_id=${campaign.id}`)).body.data;
    const def = lists.find((l: any) => l.is_default === 1);
    expect(def.stats.total).toBe(2);
    const other = (await api.post("/campaigns", sampleCampaign())).body.data;
    const move = await api.put(`/lists/${def.id}`, { campaign_id: other.id });
    expect(move.status).toBe(409);
  });

  it("moves a list with its leads, never while either campaign is running", async () => {
    const { api, campaign, list } = await setup();
    const other = (await api.post("/campaigns", sampleCampaign())).body.data;
    const phone = unique();
    await api.post(`/lists/${list.id}/leads`, { phone_number: phone });
    expect((await api.post(`/campaigns/${other.id}/start`)).status).toBe(200);
    const refused = await api.put(`/lists/${list.id}`, { campaign_id: other.id });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/running/);
    expect((await api.get(`/lists/${list.id}`)).body.data.campaign_id).toBe(campaign.id);
    expect((await api.post(`/campaigns/${other.id}/stop`)).status).toBe(200);
    const moved = await api.put(`/lists/${list.id}`, { campaign_id: other.id });
    expect(moved.status).toBe(200);
    expect(moved.body.data).toMatchObject({ campaign_id: other.id, campaign_name: other.name });
    expect((await api.get(`/campaigns/${other.id}/numbers`)).body.data.map((n: any) => n.phone_number)).toEqual([phone]);
    expect((await api.get(`/campaigns/${campaign.id}/numbers`)).body.data).toEqual([]);
    const audit = (await (await adminClient()).get(`/audit?entity_type=list&entity_id=${list.id}`)).body.data;
    expect(audit.map((a: any) => a.action)).toEqual(["list.move", "lead.create", "list.create"]);
    expect(audit[0].details).toMatchObject({ changes: { campaign_id: { from: campaign.id, to: other.id } }, leads_moved: 1 });
  });

  it("token permissions: a token for lists/list may read lists but not change them", async () => {
    const { list } = await setup();
    const ro = await tokenClient(["lists/list", "lists/get"]);
    expect((await ro.get("/lists")).status).toBe(200);
    expect((await ro.get(`/lists/${list.id}`)).status).toBe(200);
    const denied = await ro.post("/lists", { name: "x", campaign_id: 1 });
    expect(denied.status).toBe(403);
    expect(denied.body.message).toMatch(/lists\/create/);
    expect((await ro.get(`/lists/${list.id}/leads`)).status).toBe(403);
    expect((await postCsv((await createToken({ permissions: ["lists/*"] })).token, list.id, "phone\n5550100\n")).status).toBe(202);
    expect((await postCsv((await createToken({ permissions: ["lists/leads_add"] })).token, list.id, "phone\n5550100\n")).status).toBe(403);
  });
});

describe("CSV import", () => {
  it("imports the good rows and reports every bad one by row number, with exact counts", async () => {
    const { api, token, campaign, list } = await setup();
    const dncPhone = unique();
    const dncAlt = unique();
    expect((await api.post("/dnc", { phone_number: dncPhone, campaign_id: campaign.id })).status).toBe(201);
    expect((await api.post("/dnc", { phone_number: dncAlt })).status).toBe(201);
    const existing = unique();
    await api.post(`/lists/${list.id}/leads`, { phone_number: existing });
    const p = Array.from({ length: 6 }, unique);
    const rows = [
      "\uFEFFPhone,First Name,Alt Phone,State,ZIP,Notes", // 1: header
      `${p[0]},Ann,${p[1]},TX,75001,"likes calls, mornings"`, // 2: good, two numbers
      `"${p[2]}","Bob ""B""",,ca,,"line one\nline two"`, // 3: good, embedded newline (one record)
      "not-a-phone,Cid,,,,", // 4: bad phone
      `${p[3]},Dee,,Texas,,`, // 5: bad state
      `${p[0]},Ann again,,,,`, // 6: repeats row 2
      `${existing},Old,,,,`, // 7: already in the list
      `${dncPhone},Flagged,${p[4]},,,`, // 8: phone 1 barred, phone 2 fine: imported, flagged
      `${p[5]},Too,many,,,,x,y`, // 9: more values than columns
      "", // blank line: no record
      `${p[4]}9,Zed,,,1234,`, // 11: bad zip
      `+1 888 000 0000,Last,${dncAlt},,,"unclosed`, // 12: unclosed quote
    ];
    const csv = rows.join("\r\n");
    const started = await postCsv(token, list.id, csv, { mapping: JSON.stringify({ phone: "Phone", phone2: "Alt Phone", state: "State", zip: "ZIP" }), file_name: "leads.csv" });
    expect(started.status).toBe(202);
    expect(started.body.data).toMatchObject({ list_id: list.id, status: "queued", has_header: 1, file_name: "leads.csv", header: ["Phone", "First Name", "Alt Phone", "State", "ZIP", "Notes"] });
    const job = await finished(api, started.body.data.id);
    expect(job).toMatchObject({ status: "completed", total_rows: 10, rows_done: 10, inserted: 3, duplicates: 2, dnc: 1, errors: 5, progress: 1 });

    const report = await api.get(`/imports/${job.id}/errors?per_page=100`);
    expect(report.body.data.map((e: any) => [e.row, e.kind, e.field])).toEqual([
      [4, "error", "phone"],
      [5, "error", "state"],
      [6, "duplicate", "phone"],
      [7, "duplicate", "phone"],
      [9, "error", null],
      [11, "error", "zip"],
      [12, "error", null],
    ]);
    expect(report.body.data[2].message).toBe(`${p[0]} repeats row 2`);
    expect(report.body.data[3].message).toBe(`${existing} is already in this list`);
    expect(report.body.data[0].raw).toBe("not-a-phone,Cid,,,,");

    const csvReport = await fetch(`${baseUrl()}/api/imports/${job.id}/errors?format=csv`, { headers: { Authorization: `Bearer ${token}` } });
    expect(csvReport.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = (await csvReport.text()).trim().split("\r\n");
    expect(lines[0]).toBe("row,kind,field,message,raw");
    expect(lines).toHaveLength(8);

    const leads = (await api.get(`/lists/${list.id}/leads?per_page=100`)).body.data;
    const byPhone = new Map(leads.map((l: any) => [l.phone_number, l]));
    expect(leads).toHaveLength(4);
    expect(byPhone.get(p[0])).toMatchObject({ state: "TX", zip: "75001", custom: { "First Name": "Ann", Notes: "likes calls, mornings" } });
    expect((byPhone.get(p[0]) as any).phones.map((x: any) => x.phone_number)).toEqual([p[0], p[1]]);
    expect(byPhone.get(p[2])).toMatchObject({ state: "CA", custom: { "First Name": 'Bob "B"', Notes: "line one\nline two" } });
    const flagged = byPhone.get(dncPhone) as any;
    expect(flagged).toMatchObject({ status: "pending", phone_position: 2 });
    expect(flagged.phones.map((x: any) => x.status)).toEqual(["dnc", "pending"]);
    expect((await api.get(`/lists/${list.id}`)).body.data.stats.total).toBe(4);
  });

  it("skips rows whose every number is barred when asked, and takes multipart uploads with the mapping guessed from the header", async () => {
    const { api, token, campaign, list } = await setup();
    const barred = unique();
    await api.post("/dnc", { phone_number: barred, campaign_id: campaign.id });
    const ok = unique();
    const form = new FormData();
    form.set("file", new Blob([`phone;name;altPhone1\n${barred};Skipped;\n${ok};Kept;${barred}\n`], { type: "text/csv" }), "upload.csv");
    form.set("dnc", "skip");
    const res = await fetch(`${baseUrl()}/api/lists/${list.id}/import`, { method: "POST", headers: { Authorization: `Bearer ${token}` }, body: form });
    expect(res.status).toBe(202);
    const started = (await res.json()).data;
    expect(started).toMatchObject({ file_name: "upload.csv", delimiter: ";", mapping: { phone: 0, phones: [2] } });
    const job = await finished(api, started.id);
    expect(job).toMatchObject({ status: "completed", total_rows: 2, inserted: 1, dnc: 2, errors: 0, duplicates: 0 });
    const report = (await api.get(`/imports/${job.id}/errors`)).body.data;
    expect(report).toEqual([{ row: 2, kind: "dnc", field: "phone", message: `skipped: ${barred} on a do-not-call list`, raw: `${barred};Skipped;` }]);
    const [lead] = (await api.get(`/lists/${list.id}/leads`)).body.data;
    expect(lead).toMatchObject({ phone_number: ok, custom: { name: "Kept" } });
    expect(lead.phones.map((x: any) => x.status)).toEqual(["pending", "dnc"]);
  });

  it("refuses a bad mapping or file before anything is recorded", async () => {
    const { api, token, list } = await setup();
    const bad = await postCsv(token, list.id, "name,tel\nAnn,5550100\n", { mapping: JSON.stringify({ phone: "Mobile", state: 9 }) });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors ?? {}).sort()).toEqual(["mapping.phone", "mapping.state"]);
    expect((await postCsv(token, list.id, "phone\n1\n", { mapping: "{nope" })).body.errors).toEqual({ mapping: ["must be a JSON object"] });
    expect((await postCsv(token, list.id, "")).status).toBe(400);
    const wrongType = await fetch(`${baseUrl()}/api/lists/${list.id}/import`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: "{}" });
    expect(wrongType.status).toBe(415);
    expect((await postCsv(token, 999_999, "phone\n5550100\n")).status).toBe(404);
    expect((await api.get(`/lists/${list.id}/imports`)).body.data).toEqual([]);
  });

  it("imports 100,000 rows in batches, with progress along the way", { timeout: 600_000 }, async () => {
    const { api, token, list } = await setup();
    const N = Number(process.env.IMPORT_TEST_ROWS ?? 100_000);
    const lines = ["phone,phone2,first_name,last_name,state,zip,account"];
    for (let i = 0; i < N; i++) lines.push(`1777${String(i).padStart(7, "0")},1666${String(i).padStart(7, "0")},First${i},"Last, ${i}",TX,75001,A-${i}`);
    const csv = lines.join("\n") + "\n";
    const t0 = Date.now();
    const started = await postCsv(token, list.id, csv);
    expect(started.status).toBe(202);
    const seen: number[] = [];
    const job = await waitFor("100k import", async () => {
      const j = (await api.get(`/imports/${started.body.data.id}`)).body.data;
      seen.push(j.rows_done);
      return (j.status === "completed" || j.status === "failed") && j;
    }, 540_000, 250);
    const sec = (Date.now() - t0) / 1000;
    process.stdout.write(`CSV import: ${N} rows (${(csv.length / 1e6).toFixed(1)} MB) in ${sec.toFixed(1)} s = ${Math.round(N / sec)} rows/s\n`);
    expect(job).toMatchObject({ status: "completed", total_rows: N, rows_done: N, inserted: N, errors: 0, duplicates: 0 });
    // The page's progress bar moved: some reads saw the job part-way.
    expect(seen.some((n) => n > 0 && n < N)).toBe(true);
    expect((await api.get(`/lists/${list.id}`)).body.data.stats).toMatchObject({ total: N, pending: N });
    const page = await api.get(`/lists/${list.id}/leads?search=A-4242&per_page=100`);
    expect(page.body.data.find((l: any) => l.custom.account === "A-4242")).toMatchObject({ phone_number: "17770004242", custom: { last_name: "Last, 4242" } });
  });
});

describe("lists in the OpenAPI document", () => {
  it("describes the list and import routes", async () => {
    const doc = await (await fetch(`${baseUrl()}/api/openapi.json`)).json();
    for (const path of ["/lists", "/lists/{id}", "/lists/{id}/leads", "/lists/{id}/import", "/imports/{id}", "/imports/{id}/errors"]) expect(doc.paths[path]).toBeTruthy();
    expect(Object.keys(doc.paths["/lists/{id}/import"].post.requestBody.content)).toEqual(["text/csv", "multipart/form-data"]);
  });
});
