import { describe, expect, it } from "vitest";
import { client, createToken, sampleCampaign } from "../support/api";

describe("IVR menus", () => {
  it("creates a menu with actions, gets it, lists it by campaign, replaces its actions and deletes it", async () => {
    const api = client({ token: (await createToken()).token });
    const campaign = (await api.post("/campaigns", sampleCampaign())).body.data;
    const created = await api.post("/ivr", {
      campaign_id: campaign.id,
      name: "Main Menu",
      audio_file: "main-menu.wav",
      actions: [
        { dtmf_digit: "1", action_type: "exten", action_value: "100" },
        { dtmf_digit: "2", action_type: "queue", action_value: "sales" },
        { dtmf_digit: "9", action_type: "dnc" },
      ],
    });
    expect(created.status).toBe(201);
    const menu = created.body.data;
    expect(menu).toMatchObject({ campaign_id: campaign.id, name: "Main Menu", audio_file: "main-menu.wav", timeout: 10, max_digits: 1, updated_at: null });
    expect(menu.actions).toHaveLength(3);
    expect(Object.keys(menu.actions[0]).sort()).toEqual(["action_type", "action_value", "created_at", "dtmf_digit", "id", "ivr_menu_id"]);

    const got = await api.get(`/ivr/${menu.id}`);
    expect(got.body).toMatchObject({ success: true, message: "IVR menu retrieved successfully", data: menu });

    const list = await api.get(`/ivr?campaign_id=${campaign.id}`);
    expect(list.body.message).toBe("IVR menus retrieved successfully");
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]).not.toHaveProperty("actions");
    expect(Object.keys(list.body.data[0]).sort()).toEqual(["audio_file", "campaign_id", "created_at", "id", "max_digits", "name", "timeout", "updated_at"]);

    const updated = await api.put(`/ivr/${menu.id}`, { timeout: 5, actions: [{ dtmf_digit: "t", action_type: "hangup" }] });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ timeout: 5, name: "Main Menu" });
    expect(updated.body.data.actions.map((a: { dtmf_digit: string }) => a.dtmf_digit)).toEqual(["t"]);

    const del = await api.del(`/ivr/${menu.id}`);
    expect(del.body).toEqual({ success: true, code: 200, message: "IVR menu deleted successfully" });
    expect((await api.get(`/ivr/${menu.id}`)).body).toMatchObject({ code: 404, message: "IVR menu not found" });
  });

  it("rejects repeated digits, unknown action types, missing values and unknown campaigns", async () => {
    const api = client({ token: (await createToken()).token });
    const r = await api.post("/ivr", {
      name: "Bad",
      actions: [
        { dtmf_digit: "1", action_type: "exten", action_value: "100" },
        { dtmf_digit: "1", action_type: "exten", action_value: "101" },
        { dtmf_digit: "x", action_type: "teleport", action_value: "mars" },
        { dtmf_digit: "3", action_type: "exten" },
      ],
    });
    expect(r.status).toBe(400);
    expect(Object.keys(r.body.errors!)).toEqual(expect.arrayContaining(["actions.1.dtmf_digit", "actions.2.dtmf_digit", "actions.2.action_type", "actions.3.action_value"]));
    expect((await api.post("/ivr", { name: "x", campaign_id: 999999 })).status).toBe(400);
    expect((await api.post("/ivr", {})).body.errors).toHaveProperty("name");
    expect((await api.get("/ivr?campaign_id=abc")).status).toBe(400);
  });

  it("will not delete a menu a campaign sends calls to (409)", async () => {
    const api = client({ token: (await createToken()).token });
    const menu = (await api.post("/ivr", { name: "In use" })).body.data;
    const c = (await api.post("/campaigns", sampleCampaign({ agent_dest_type: "ivr", agent_dest_value: String(menu.id) }))).body.data;
    const r = await api.del(`/ivr/${menu.id}`);
    expect(r.status).toBe(409);
    expect(r.body.message).toContain(String(c.id));
    await api.put(`/campaigns/${c.id}`, { agent_dest_type: "exten", agent_dest_value: "100" });
    expect((await api.del(`/ivr/${menu.id}`)).status).toBe(200);
  });
});
