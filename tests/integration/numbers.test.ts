import { describe, expect, it } from "vitest";
import { client, createToken, sampleCampaign } from "../support/api";

// The contract's fields, plus the dialer's (where the called party is, why a number was passed over, its disposition)
// and the lists' (its list, its numbers in dialing order and which one is next).
const NUMBER_KEYS = [
  "id", "campaign_id", "phone_number", "status", "attempts", "last_attempt", "data", "created_at", "updated_at",
  "timezone", "state", "zip", "next_attempt_at", "skip_reason", "disposition",
  "list_id", "phones", "phone_position",
].sort();

async function setup() {
  const api = client({ token: (await createToken()).token });
  const { id } = (await api.post("/campaigns", sampleCampaign())).body.data;
  return { api, id: id as number };
}

describe("campaign numbers", () => {
  it("adds one number with custom data and returns it in the documented shape", async () => {
    const { api, id } = await setup();
    const r = await api.post(`/campaigns/${id}/numbers`, { phone_number: "1234567890", data: { name: "John Doe", custom_field: "value" } });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ success: true, code: 201, message: "Number added successfully", data: { campaign_id: id, phone_number: "1234567890" } });
    const list = await api.get(`/campaigns/${id}/numbers`);
    expect(list.body.message).toBe("Numbers retrieved successfully");
    const n = list.body.data[0];
    expect(Object.keys(n).sort()).toEqual(NUMBER_KEYS);
    expect(n).toMatchObject({ campaign_id: id, phone_number: "1234567890", status: "pending", attempts: 0, last_attempt: null, updated_at: null });
    expect(JSON.parse(n.data)).toEqual({ name: "John Doe", custom_field: "value" });
    const one = await api.get(`/numbers/${n.id}`);
    expect(one.body).toMatchObject({ success: true, message: "Number retrieved successfully", data: n });
  });

  it("refuses bad, missing and duplicate numbers, and unknown campaigns", async () => {
    const { api, id } = await setup();
    const missing = await api.post(`/campaigns/${id}/numbers`, { data: { name: "x" } });
    expect(missing.status).toBe(400);
    expect(missing.body.errors!.phone_number).toEqual(["is required"]);
    const bad = await api.post(`/campaigns/${id}/numbers`, { phone_number: "call me maybe" });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveProperty("phone_number");
    const badData = await api.post(`/campaigns/${id}/numbers`, { phone_number: "5551234", data: [1, 2] });
    expect(badData.status).toBe(400);
    expect(badData.body.errors).toHaveProperty("data");
    expect((await api.post(`/campaigns/${id}/numbers`, { phone_number: "+1 (555) 123-4567" })).status).toBe(201);
    const dup = await api.post(`/campaigns/${id}/numbers`, { phone_number: "+15551234567" });
    expect(dup.status).toBe(409);
    expect((await api.post(`/campaigns/999999/numbers`, { phone_number: "5551234" })).status).toBe(404);
    expect((await api.get(`/campaigns/${id}/numbers`)).body.pagination.total).toBe(1);
  });

  it("bulk-adds numbers in one go", async () => {
    const { api, id } = await setup();
    const r = await api.post(`/campaigns/${id}/numbers/bulk`, {
      numbers: [
        { phone_number: "1234567890", data: { name: "John Doe" } },
        { phone_number: "0987654321", data: { name: "Jane Smith" } },
      ],
    });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ success: true, code: 201, message: "2 numbers added successfully", data: { campaign_id: id, count: 2 } });
  });

  it("rejects a bulk request with any bad row, says which rows, and writes nothing", async () => {
    const { api, id } = await setup();
    await api.post(`/campaigns/${id}/numbers`, { phone_number: "5550000" });
    const cases = [
      { numbers: [{ phone_number: "5550001" }, { phone_number: "nope" }, { phone_number: "5550003" }, {}], keys: ["numbers.1.phone_number", "numbers.3.phone_number"] },
      { numbers: [{ phone_number: "5550001" }, { phone_number: "5550002" }, { phone_number: "555-0001" }], keys: ["numbers.2.phone_number"] },
      { numbers: [{ phone_number: "5550001" }, { phone_number: "5550000" }], keys: ["numbers.1.phone_number"] },
    ];
    for (const c of cases) {
      const r = await api.post(`/campaigns/${id}/numbers/bulk`, { numbers: c.numbers });
      expect(r.status).toBe(400);
      expect(r.body.success).toBe(false);
      expect(Object.keys(r.body.errors!).sort()).toEqual(c.keys.sort());
    }
    expect((await api.post(`/campaigns/${id}/numbers/bulk`, { numbers: [] })).status).toBe(400);
    expect((await api.post(`/campaigns/${id}/numbers/bulk`, {})).status).toBe(400);
    const list = await api.get(`/campaigns/${id}/numbers`);
    expect(list.body.pagination.total).toBe(1);
  });

  it("paginates with the documented pagination object, caps per_page at 100, and filters by status", async () => {
    const { api, id } = await setup();
    const numbers = Array.from({ length: 105 }, (_, i) => ({ phone_number: `555${String(i).padStart(5, "0")}` }));
    expect((await api.post(`/campaigns/${id}/numbers/bulk`, { numbers })).body.data.count).toBe(105);
    const p1 = await api.get(`/campaigns/${id}/numbers`);
    expect(p1.body.data).toHaveLength(20);
    expect(p1.body.pagination).toEqual({ total: 105, per_page: 20, current_page: 1, total_pages: 6, from: 1, to: 20 });
    const p6 = await api.get(`/campaigns/${id}/numbers?page=6`);
    expect(p6.body.data).toHaveLength(5);
    expect(p6.body.pagination).toEqual({ total: 105, per_page: 20, current_page: 6, total_pages: 6, from: 101, to: 105 });
    expect(p6.body.data[4].phone_number).toBe("55500104");
    const big = await api.get(`/campaigns/${id}/numbers?per_page=500`);
    expect(big.body.data).toHaveLength(100);
    expect(big.body.pagination.per_page).toBe(100);
    const beyond = await api.get(`/campaigns/${id}/numbers?page=99`);
    expect(beyond.body.data).toHaveLength(0);
    expect(beyond.body.pagination).toMatchObject({ total: 105, current_page: 99, from: null, to: null });
    expect((await api.get(`/campaigns/${id}/numbers?status=pending&per_page=1`)).body.pagination.total).toBe(105);
    expect((await api.get(`/campaigns/${id}/numbers?status=answered`)).body.pagination.total).toBe(0);
    for (const q of ["status=ringing", "page=0", "per_page=abc"]) {
      expect((await api.get(`/campaigns/${id}/numbers?${q}`)).status, q).toBe(400);
    }
  });

  it("deletes a number, and 404s for numbers that do not exist", async () => {
    const { api, id } = await setup();
    await api.post(`/campaigns/${id}/numbers`, { phone_number: "5557777" });
    const n = (await api.get(`/campaigns/${id}/numbers`)).body.data[0];
    const del = await api.del(`/numbers/${n.id}`);
    expect(del.body).toEqual({ success: true, code: 200, message: "Number deleted successfully" });
    expect((await api.get(`/numbers/${n.id}`)).status).toBe(404);
    expect((await api.del(`/numbers/${n.id}`)).status).toBe(404);
    expect((await api.get(`/numbers/xyz`)).body).toMatchObject({ code: 404, message: "Number not found" });
  });
});
