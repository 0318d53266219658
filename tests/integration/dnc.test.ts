import { describe, expect, it } from "vitest";
import { adminClient, client, clientAs, createToken, createUser, sampleCampaign, signIn, tokenClient } from "../support/api";

const DNC_KEYS = ["id", "campaign_id", "campaign_name", "phone_number", "source", "note", "created_by", "created_at"].sort();

/** Numbers unique to this run, so suites sharing the server's database never collide. */
let seq = 0;
const uniqueNumber = () => `+1999${Date.now().toString().slice(-6)}${String(++seq).padStart(3, "0")}`;

async function setup() {
  const api = client({ token: (await createToken()).token });
  const campaign = (await api.post("/campaigns", sampleCampaign())).body.data as { id: number; name: string };
  return { api, campaign };
}

describe("do-not-call lists", () => {
  it("adds, lists, searches and deletes numbers on the system-wide list and a campaign's", async () => {
    const { api, campaign } = await setup();
    const global = uniqueNumber();
    const scoped = uniqueNumber();

    const created = await api.post("/dnc", { phone_number: ` ${global.slice(0, 5)} ${global.slice(5)} `, note: "asked not to be called" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ success: true, code: 201, message: "Number added to the do-not-call list" });
    const entry = created.body.data;
    expect(Object.keys(entry).sort()).toEqual(DNC_KEYS);
    expect(entry).toMatchObject({ campaign_id: null, campaign_name: null, phone_number: global, source: "api", note: "asked not to be called" });
    expect(entry.created_by).toEqual(expect.any(Number));

    const inCampaign = await api.post("/dnc", { phone_number: scoped, campaign_id: campaign.id });
    expect(inCampaign.status).toBe(201);
    expect(inCampaign.body.data).toMatchObject({ campaign_id: campaign.id, campaign_name: campaign.name, phone_number: scoped, note: null });

    const all = await api.get(`/dnc?search=${encodeURIComponent(global)}`);
    expect(all.status).toBe(200);
    expect(all.body.message).toBe("Do-not-call numbers retrieved successfully");
    expect(all.body.data).toEqual([entry]);
    expect(all.body.pagination).toMatchObject({ total: 1, current_page: 1, per_page: 20, total_pages: 1, from: 1, to: 1 });

    // Search matches formatted input against the stored number, and the note.
    expect((await api.get(`/dnc?search=${encodeURIComponent(`(${global.slice(1, 4)}) ${global.slice(4)}`)}`)).body.data.map((e: { id: number }) => e.id)).toEqual([entry.id]);
    expect((await api.get(`/dnc?search=NOT+TO+BE&campaign_id=global`)).body.data.map((e: { id: number }) => e.id)).toContain(entry.id);

    const byCampaign = await api.get(`/dnc?campaign_id=${campaign.id}`);
    expect(byCampaign.body.data.map((e: { phone_number: string }) => e.phone_number)).toEqual([scoped]);
    const globalOnly = await api.get(`/dnc?campaign_id=global&per_page=100`);
    expect(globalOnly.body.data.every((e: { campaign_id: number | null }) => e.campaign_id === null)).toBe(true);
    expect(globalOnly.body.data.map((e: { id: number }) => e.id)).toContain(entry.id);
    expect((await api.get(`/dnc?campaign_id=global&search=${encodeURIComponent(scoped)}`)).body.data).toEqual([]);

    const del = await api.del(`/dnc/${entry.id}`);
    expect(del.body).toEqual({ success: true, code: 200, message: "Number removed from the do-not-call list" });
    expect((await api.del(`/dnc/${entry.id}`)).status).toBe(404);
    expect((await api.del(`/dnc/abc`)).status).toBe(404);
    expect((await api.get(`/dnc?search=${encodeURIComponent(global)}`)).body.data).toEqual([]);
  });

  it("refuses a number already on that list (409), but the same number may be on another list", async () => {
    const { api, campaign } = await setup();
    const n = uniqueNumber();
    expect((await api.post("/dnc", { phone_number: n })).status).toBe(201);
    const dup = await api.post("/dnc", { phone_number: n });
    expect(dup.status).toBe(409);
    expect(dup.body.message).toContain("system-wide");
    expect((await api.post("/dnc", { phone_number: n, campaign_id: campaign.id })).status).toBe(201);
    expect((await api.post("/dnc", { phone_number: n, campaign_id: campaign.id })).status).toBe(409);
    expect((await api.get(`/dnc?search=${encodeURIComponent(n)}`)).body.pagination.total).toBe(2);
  });

  it("validates input, and a campaign that does not exist is a 400 on campaign_id", async () => {
    const { api } = await setup();
    const missing = await api.post("/dnc", {});
    expect(missing.status).toBe(400);
    expect(missing.body.errors!.phone_number).toEqual(["is required"]);
    expect((await api.post("/dnc", { phone_number: "call me maybe" })).body.errors).toHaveProperty("phone_number");
    expect((await api.post("/dnc", { phone_number: uniqueNumber(), note: "x".repeat(501) })).body.errors).toHaveProperty("note");

    for (const r of [
      await api.post("/dnc", { phone_number: uniqueNumber(), campaign_id: 999999 }),
      await api.post("/dnc/bulk", { numbers: [{ phone_number: uniqueNumber() }], campaign_id: 999999 }),
      await api.get(`/dnc?campaign_id=999999`),
      await api.get(`/dnc/check?phone_number=5551234&campaign_id=999999`),
    ]) {
      expect(r.status).toBe(400);
      expect(r.body.errors!.campaign_id).toEqual(["no campaign with id 999999"]);
    }
    expect((await api.get("/dnc?campaign_id=abc")).body.errors).toHaveProperty("campaign_id");
    expect((await api.get("/dnc/check")).body.errors).toHaveProperty("phone_number");
  });

  it("bulk-adds all or nothing, with an error for every bad row", async () => {
    const { api, campaign } = await setup();
    const [a, b, c] = [uniqueNumber(), uniqueNumber(), uniqueNumber()];
    const bad = await api.post("/dnc/bulk", {
      campaign_id: campaign.id,
      numbers: [{ phone_number: a }, { phone_number: "nope" }, { phone_number: b, note: 42 }, {}, { phone_number: c }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.success).toBe(false);
    expect(Object.keys(bad.body.errors!).sort()).toEqual(["numbers.1.phone_number", "numbers.2.note", "numbers.3.phone_number"]);

    const repeated = await api.post("/dnc/bulk", { numbers: [{ phone_number: a }, { phone_number: b }, { phone_number: a.replace("+1", "+1 ") }] });
    expect(repeated.status).toBe(400);
    expect(repeated.body.errors).toEqual({ "numbers.2.phone_number": [`duplicates numbers.0 (${a})`] });

    expect((await api.post("/dnc/bulk", { numbers: [] })).status).toBe(400);
    expect((await api.post("/dnc/bulk", {})).body.errors).toHaveProperty("numbers");
    const tooMany = await api.post("/dnc/bulk", { numbers: Array.from({ length: 10_001 }, (_, i) => ({ phone_number: String(5_000_000 + i) })) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toHaveProperty("numbers");

    expect((await api.get(`/dnc?campaign_id=${campaign.id}`)).body.pagination.total).toBe(0);
  });

  it("bulk-adds and counts numbers already on the list as skipped", async () => {
    const { api, campaign } = await setup();
    const [a, b, c] = [uniqueNumber(), uniqueNumber(), uniqueNumber()];
    expect((await api.post("/dnc", { phone_number: a, campaign_id: campaign.id })).status).toBe(201);
    // Already on the system-wide list does not count for the campaign's list.
    expect((await api.post("/dnc", { phone_number: b })).status).toBe(201);

    const r = await api.post("/dnc/bulk", { campaign_id: campaign.id, numbers: [{ phone_number: a }, { phone_number: b, note: "from import" }, { phone_number: c }] });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      success: true,
      code: 201,
      message: "2 numbers added to the do-not-call list, 1 number already on it",
      data: { campaign_id: campaign.id, added: 2, skipped: 1 },
    });
    const list = (await api.get(`/dnc?campaign_id=${campaign.id}`)).body.data as { phone_number: string; source: string; note: string | null }[];
    expect(list.map((e) => e.phone_number).sort()).toEqual([a, b, c].sort());
    expect(list.find((e) => e.phone_number === b)).toMatchObject({ source: "import", note: "from import" });
    expect(list.find((e) => e.phone_number === a)!.source).toBe("api");

    const again = await api.post("/dnc/bulk", { campaign_id: campaign.id, numbers: [{ phone_number: a }, { phone_number: c }] });
    expect(again.body.data).toEqual({ campaign_id: campaign.id, added: 0, skipped: 2 });
    const global = await api.post("/dnc/bulk", { numbers: [{ phone_number: b }, { phone_number: c }] });
    expect(global.body.data).toEqual({ campaign_id: null, added: 1, skipped: 1 });
  });

  it("checks a number against the system-wide list and a campaign's", async () => {
    const { api, campaign } = await setup();
    const other = (await api.post("/campaigns", sampleCampaign())).body.data as { id: number };
    const [scoped, global, both, clean] = [uniqueNumber(), uniqueNumber(), uniqueNumber(), uniqueNumber()];
    await api.post("/dnc", { phone_number: scoped, campaign_id: campaign.id });
    await api.post("/dnc", { phone_number: global });
    await api.post("/dnc", { phone_number: both });
    await api.post("/dnc", { phone_number: both, campaign_id: campaign.id });

    const check = async (phone: string, campaignId?: number) => {
      const r = await api.get(`/dnc/check?phone_number=${encodeURIComponent(phone)}${campaignId ? `&campaign_id=${campaignId}` : ""}`);
      expect(r.status).toBe(200);
      return r.body.data;
    };
    expect(await check(scoped, campaign.id)).toEqual({ phone_number: scoped, dnc: true, scopes: [campaign.id] });
    expect(await check(scoped, other.id)).toEqual({ phone_number: scoped, dnc: false, scopes: [] });
    // Without a campaign: every list it is on, but only the system-wide list bars every campaign.
    expect(await check(scoped)).toEqual({ phone_number: scoped, dnc: false, scopes: [campaign.id] });
    expect(await check(global, campaign.id)).toEqual({ phone_number: global, dnc: true, scopes: ["global"] });
    expect(await check(global, other.id)).toEqual({ phone_number: global, dnc: true, scopes: ["global"] });
    expect(await check(global)).toEqual({ phone_number: global, dnc: true, scopes: ["global"] });
    expect(await check(both, campaign.id)).toEqual({ phone_number: both, dnc: true, scopes: ["global", campaign.id] });
    expect(await check(both, other.id)).toEqual({ phone_number: both, dnc: true, scopes: ["global"] });
    expect(await check(clean, campaign.id)).toEqual({ phone_number: clean, dnc: false, scopes: [] });
    // The number is normalised as it is when stored.
    expect((await check(`${scoped.slice(0, 4)}-${scoped.slice(4)}`, campaign.id)).dnc).toBe(true);
  });

  it("goes by token permissions and roles", async () => {
    const { api, campaign } = await setup();
    const n = uniqueNumber();
    const listed = (await api.post("/dnc", { phone_number: n, campaign_id: campaign.id })).body.data;

    const listOnly = await tokenClient(["dnc/list"]);
    expect((await listOnly.get("/dnc")).status).toBe(200);
    const refused = await listOnly.post("/dnc", { phone_number: uniqueNumber() });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain("dnc/create");
    expect((await listOnly.post("/dnc/bulk", { numbers: [{ phone_number: uniqueNumber() }] })).status).toBe(403);
    expect((await listOnly.del(`/dnc/${listed.id}`)).status).toBe(403);
    expect((await listOnly.get(`/dnc/check?phone_number=${encodeURIComponent(n)}`)).status).toBe(403);

    const checkOnly = await tokenClient(["dnc/check"]);
    expect((await checkOnly.get(`/dnc/check?phone_number=${encodeURIComponent(n)}&campaign_id=${campaign.id}`)).body.data.dnc).toBe(true);
    expect((await checkOnly.get("/dnc")).status).toBe(403);
    const campaignsOnly = await tokenClient(["campaigns/*"]);
    expect((await campaignsOnly.get("/dnc")).status).toBe(403);
    const wildcard = await tokenClient(["dnc/*"]);
    expect((await wildcard.post("/dnc", { phone_number: uniqueNumber() })).status).toBe(201);

    const sup = await createUser("supervisor");
    const supervisor = client({ cookie: (await signIn(sup.username, sup.password))! });
    const bySupervisor = await supervisor.post("/dnc", { phone_number: uniqueNumber() });
    expect(bySupervisor.status).toBe(201);
    expect(bySupervisor.body.data).toMatchObject({ source: "dashboard", created_by: sup.id });
    const agent = await clientAs("agent");
    expect((await agent.get("/dnc")).status).toBe(403);
    expect((await agent.get(`/dnc/check?phone_number=${encodeURIComponent(n)}`)).status).toBe(403);

    expect((await client().get("/dnc")).status).toBe(401);
  });

  it("audits every change, and nothing for a refused one", async () => {
    const { id: tokenId, token } = await createToken({ name: "dnc audited" });
    const api = client({ token });
    const campaign = (await api.post("/campaigns", sampleCampaign())).body.data as { id: number };
    const admin = await adminClient();
    const n = uniqueNumber();

    const entry = (await api.post("/dnc", { phone_number: n, note: "complaint" })).body.data;
    await api.post("/dnc/bulk", { campaign_id: campaign.id, numbers: [{ phone_number: n }, { phone_number: uniqueNumber() }] });
    await api.post("/dnc/bulk", { campaign_id: campaign.id, numbers: [{ phone_number: n }] });
    await api.del(`/dnc/${entry.id}`);

    const one = (await admin.get(`/audit?entity_type=dnc_number&entity_id=${entry.id}`)).body.data;
    expect(one.map((e: { action: string }) => e.action)).toEqual(["dnc.delete", "dnc.add"]);
    for (const e of one) expect(e).toMatchObject({ username: "admin", auth_method: "token", token_id: tokenId, details: { id: entry.id, phone_number: n, note: "complaint", campaign_id: null } });

    const bulk = (await admin.get(`/audit?entity_type=dnc_list&entity_id=${campaign.id}`)).body.data;
    expect(bulk.map((e: { action: string; details: unknown }) => [e.action, e.details])).toEqual([
      ["dnc.bulk_add", { campaign_id: campaign.id, added: 0, skipped: 1 }],
      ["dnc.bulk_add", { campaign_id: campaign.id, added: 2, skipped: 0 }],
    ]);

    const before = (await admin.get("/audit?per_page=1")).body.pagination.total;
    expect((await api.post("/dnc", { phone_number: n, campaign_id: campaign.id })).status).toBe(409);
    expect((await api.post("/dnc/bulk", { numbers: [{ phone_number: "bad" }] })).status).toBe(400);
    expect((await api.post("/dnc", { phone_number: uniqueNumber(), campaign_id: 999999 })).status).toBe(400);
    expect((await api.del("/dnc/999999")).status).toBe(404);
    expect((await admin.get("/audit?per_page=1")).body.pagination.total).toBe(before);
  });

  it("is served under /adial/api too", async () => {
    const token = (await createToken()).token;
    const adial = client({ token }, "/adial/api");
    const n = uniqueNumber();
    expect((await adial.post("/dnc", { phone_number: n })).status).toBe(201);
    expect((await adial.get(`/dnc/check?phone_number=${encodeURIComponent(n)}`)).body.data).toEqual({ phone_number: n, dnc: true, scopes: ["global"] });
  });

  it("drops a campaign's list with the campaign", async () => {
    const { api, campaign } = await setup();
    const n = uniqueNumber();
    await api.post("/dnc", { phone_number: n, campaign_id: campaign.id });
    expect((await api.del(`/campaigns/${campaign.id}`)).status).toBe(200);
    expect((await api.get(`/dnc?search=${encodeURIComponent(n)}`)).body.data).toEqual([]);
  });
});
