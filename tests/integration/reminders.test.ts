import { describe, expect, it } from "vitest";
import { adminClient, baseUrl, createToken, tokenClient } from "../support/api";

const KTM = "Asia/Kathmandu"; // UTC+05:45

/** "YYYY-MM-DD" `days` from today (UTC). */
const dayAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const body = (over: Record<string, unknown> = {}) => ({
  contact_name: "Ada Lovelace",
  phone_number: "+15550123456",
  appointment_at: `${dayAhead(3)} 10:00`,
  timezone: KTM,
  message: "custom/dentist-reminder",
  call_before_min: 60,
  retries: 2,
  retry_delay_sec: 600,
  transfer_number: "200",
  trunk_value: "carrier",
  ...over,
});

async function postCsv(csv: string, type = "text/csv") {
  const { token } = await createToken({ permissions: ["reminders/*"] });
  const res = await fetch(`${baseUrl()}/api/reminders/import`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": type }, body: csv });
  return { status: res.status, body: await res.json() };
}

const total = async () => (await (await adminClient()).get("/reminders?per_page=1")).body.pagination.total as number;

describe("reminders API", () => {
  it("creates a reminder planned in the contact's zone (+05:45), reads, filters, updates and deletes it, each change audited", async () => {
    const api = await adminClient();
    const created = await api.post("/reminders", body());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const r = created.body.data;
    // 10:00 in Kathmandu is 04:15 UTC; an hour before is 03:15 UTC.
    expect(r).toMatchObject({ state: "scheduled", appointment_at: `${dayAhead(3)} 04:15:00`, appointment_local: `${dayAhead(3)} 10:00 ${KTM}`, call_at: `${dayAhead(3)} 03:15:00`, attempts: 0, outside_hours: "call_earlier", window_start: "08:00", window_end: "21:00", note: null });
    expect((await api.get(`/reminders/${r.id}`)).body).toMatchObject({ message: "Reminder retrieved successfully", data: r });

    const inRange = await api.get(`/reminders?from=${dayAhead(3)}&to=${dayAhead(3)}&state=scheduled&per_page=100`);
    expect(inRange.body.data.map((x: { id: number }) => x.id)).toContain(r.id);
    expect((await api.get(`/reminders?from=${dayAhead(4)}&per_page=100`)).body.data.map((x: { id: number }) => x.id)).not.toContain(r.id);
    expect((await api.get(`/reminders?state=confirmed&per_page=100`)).body.data.map((x: { id: number }) => x.id)).not.toContain(r.id);
    expect((await api.get(`/reminders?search=Lovelace&per_page=100`)).body.data.map((x: { id: number }) => x.id)).toContain(r.id);

    const updated = await api.put(`/reminders/${r.id}`, { call_before_min: 30, appointment_at: `${dayAhead(3)} 11:00` });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.data).toMatchObject({ appointment_at: `${dayAhead(3)} 05:15:00`, call_at: `${dayAhead(3)} 04:45:00`, state: "scheduled", contact_name: "Ada Lovelace", transfer_number: "200", retries: 2, retry_delay_sec: 600 });

    expect((await api.del(`/reminders/${r.id}`)).body).toEqual({ success: true, code: 200, message: "Reminder deleted successfully" });
    expect((await api.get(`/reminders/${r.id}`)).status).toBe(404);
    const audit = await api.get(`/audit?entity_type=reminder&entity_id=${r.id}`);
    expect(audit.body.data.map((a: { action: string }) => a.action).sort()).toEqual(["reminder.create", "reminder.delete", "reminder.update"]);
  });

  it("moves a call outside calling hours to the last legal minute before it, or marks it not callable, as configured", async () => {
    const api = await adminClient();
    // 08:30 local, two hours before = 06:30: closed. The evening before at 20:59 local = 15:14 UTC.
    const earlier = await api.post("/reminders", body({ appointment_at: `${dayAhead(3)} 08:30`, call_before_min: 120 }));
    expect(earlier.body.data).toMatchObject({ state: "scheduled", call_at: `${dayAhead(2)} 15:14:00` });
    expect(earlier.body.data.note).toContain("moved earlier");
    const refused = await api.post("/reminders", body({ appointment_at: `${dayAhead(3)} 08:30`, call_before_min: 120, outside_hours: "not_callable" }));
    expect(refused.status).toBe(201);
    expect(refused.body.data).toMatchObject({ state: "not_callable", call_at: null });
    expect(refused.body.data.note).toContain("outside calling hours (08:00–21:00 Asia/Kathmandu)");
    // An ISO time with its offset is taken as is.
    const iso = await api.post("/reminders", body({ appointment_at: `${dayAhead(3)}T10:00:00+05:45` }));
    expect(iso.body.data.appointment_at).toBe(`${dayAhead(3)} 04:15:00`);
  });

  it("refuses bad reminders with per-field errors and writes nothing", async () => {
    const api = await adminClient();
    const before = await total();
    const cases: [string, Record<string, unknown>, string][] = [
      ["no phone number", { phone_number: undefined }, "phone_number"],
      ["a bad phone number", { phone_number: "call me" }, "phone_number"],
      ["an unknown zone", { timezone: "Mars/Olympus" }, "timezone"],
      ["both message and menu", { ivr_menu_id: 1 }, "message"],
      ["neither message nor menu", { message: null }, "message"],
      ["a past appointment", { appointment_at: "2020-01-01 10:00" }, "appointment_at"],
      ["a bad time", { appointment_at: "tomorrow at ten" }, "appointment_at"],
      ["an unknown IVR menu", { message: null, ivr_menu_id: 987654 }, "ivr_menu_id"],
      ["a bad window", { window_start: "8am" }, "window_start"],
      ["too many retries", { retries: 11 }, "retries"],
      ["a negative lead time", { call_before_min: -5 }, "call_before_min"],
      ["an unknown outside-hours rule", { outside_hours: "whenever" }, "outside_hours"],
      ["a sound id with spaces", { message: "a b" }, "message"],
      ["a bad transfer number", { transfer_number: "the front desk" }, "transfer_number"],
    ];
    for (const [what, over, field] of cases) {
      const r = await api.post("/reminders", body(over));
      expect(r.status, what).toBe(400);
      expect(Object.keys(r.body.errors ?? {}), what).toContain(field);
    }
    expect((await api.post("/reminders", "not json")).status).toBe(400);
    expect((await api.get("/reminders?state=bogus")).status).toBe(400);
    expect((await api.get(`/reminders?from=${dayAhead(3)}&to=${dayAhead(1)}`)).status).toBe(400);
    const made = (await api.post("/reminders", body())).body.data;
    expect((await api.put(`/reminders/${made.id}`, { timezone: "Nowhere/City" })).status).toBe(400);
    expect((await api.put(`/reminders/${made.id}`, {})).status).toBe(400);
    expect((await api.put(`/reminders/${made.id}`, { message: null })).status).toBe(400);
    expect((await api.get(`/reminders/${made.id}`)).body.data).toEqual(made);
    expect((await api.put("/reminders/999999", { retries: 1 })).status).toBe(404);
    expect(await total()).toBe(before + 1);
  });

  it("imports a CSV: good rows are created, each bad row reported by line and field", async () => {
    const before = await total();
    const csv = [
      "contact_name,phone_number,appointment_at,timezone,message,call_before_min,trunk_value,retries,outside_hours",
      `Ada,15550100001,${dayAhead(3)} 10:00,${KTM},custom/r1,60,carrier,1,call_earlier`,
      `Bad zone,15550100002,${dayAhead(3)} 10:00,Mars/Olympus,custom/r1,60,carrier,1,call_earlier`,
      `Grace,15550100003,${dayAhead(4)}T09:00:00Z,UTC,custom/r1,30,carrier,0,not_callable`,
      `Past,15550100004,2020-01-01 10:00,${KTM},custom/r1,60,carrier,1,call_earlier`,
      `,abc,${dayAhead(3)} 10:00,${KTM},custom/r1,60,carrier,1,call_earlier`,
    ].join("\n");
    const r = await postCsv(csv);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data).toMatchObject({ rows: 5, created: 2, failed: 3 });
    expect(r.body.data.errors).toEqual([
      { row: 3, field: "timezone", message: expect.stringContaining("IANA") },
      { row: 5, field: "appointment_at", message: "must be in the future" },
      { row: 6, field: "contact_name", message: "is required" },
      { row: 6, field: "phone_number", message: expect.stringContaining("digits") },
    ]);
    expect(await total()).toBe(before + 2);
    const api = await adminClient();
    const [ada, grace] = await Promise.all(r.body.data.ids.map(async (id: number) => (await api.get(`/reminders/${id}`)).body.data));
    expect(ada).toMatchObject({ contact_name: "Ada", appointment_local: `${dayAhead(3)} 10:00 ${KTM}`, retries: 1, state: "scheduled" });
    expect(grace).toMatchObject({ contact_name: "Grace", appointment_at: `${dayAhead(4)} 09:00:00`, outside_hours: "not_callable", retries: 0 });
    const audit = await api.get("/audit?entity_type=reminder&per_page=100");
    expect(audit.body.data.find((a: { action: string }) => a.action === "reminder.import")?.details).toMatchObject({ rows: 5, created: 2, failed: 3 });

    // Multipart works too.
    const { token } = await createToken({ permissions: ["reminders/import"] });
    const form = new FormData();
    form.set("file", new Blob([csv.split("\n").slice(0, 2).join("\n")], { type: "text/csv" }), "r.csv");
    const multi = await fetch(`${baseUrl()}/api/reminders/import`, { method: "POST", headers: { Authorization: `Bearer ${token}` }, body: form });
    expect((await multi.json()).data).toMatchObject({ rows: 1, created: 1, failed: 0 });
  });

  it("refuses a CSV it cannot read at all and creates nothing", async () => {
    const before = await total();
    const noColumns = await postCsv("name,number\nAda,15550100001\n");
    expect(noColumns.status).toBe(400);
    expect(noColumns.body.message).toContain("contact_name");
    const unknown = await postCsv(`contact_name,phone_number,appointment_at,timezone,message,call_before_min,trunk_value,colour\nAda,15550100001,${dayAhead(3)} 10:00,${KTM},custom/r1,60,carrier,blue\n`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.file[0]).toContain("colour");
    expect((await postCsv("")).status).toBe(400);
    expect((await postCsv("{}", "application/json")).status).toBe(400);
    expect(await total()).toBe(before);
  });

  it("asks for reminders/* permissions and lists the routes in the OpenAPI document", async () => {
    const reader = await tokenClient(["reminders/list"]);
    expect((await reader.get("/reminders")).status).toBe(200);
    expect((await reader.post("/reminders", body())).status).toBe(403);
    const doc = await (await fetch(`${baseUrl()}/api/openapi.json`)).json();
    expect(doc.paths["/reminders"].get["x-permission"]).toBe("reminders/list");
    expect(doc.paths["/reminders"].post["x-permission"]).toBe("reminders/create");
    expect(doc.paths["/reminders/import"].post["x-permission"]).toBe("reminders/import");
    expect(doc.paths["/reminders/{id}"].put["x-roles"]).toEqual(["admin", "supervisor"]);
    expect(Object.keys(doc.paths["/reminders/import"].post.requestBody.content)).toEqual(["text/csv", "multipart/form-data"]);
  });
});
