import { describe, expect, it } from "vitest";
import { baseUrl } from "../support/api";

describe("/api/openapi.json", () => {
  it("describes every contract endpoint with its schemas", async () => {
    const res = await fetch(`${baseUrl()}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe("3.1.0");
    const expected: [string, string][] = [
      ["/tokens", "get"], ["/tokens", "post"], ["/tokens/{id}", "delete"],
      ["/campaigns", "get"], ["/campaigns", "post"], ["/campaigns/{id}", "get"], ["/campaigns/{id}", "put"], ["/campaigns/{id}", "delete"],
      ["/campaigns/{id}/start", "post"], ["/campaigns/{id}/stop", "post"], ["/campaigns/{id}/pause", "post"], ["/campaigns/{id}/resume", "post"],
      ["/campaigns/{id}/stats", "get"], ["/campaigns/{id}/numbers", "get"], ["/campaigns/{id}/numbers", "post"], ["/campaigns/{id}/numbers/bulk", "post"],
      ["/numbers/{id}", "get"], ["/numbers/{id}", "delete"], ["/cdr", "get"], ["/cdr/{id}", "get"], ["/cdr/stats", "get"],
      ["/monitoring/status", "get"], ["/monitoring/channels", "get"], ["/monitoring/realtime", "get"],
      ["/ivr", "get"], ["/ivr", "post"], ["/ivr/{id}", "get"], ["/ivr/{id}", "put"], ["/ivr/{id}", "delete"],
      ["/users", "get"], ["/users", "post"], ["/users/{id}", "put"], ["/users/{id}", "delete"],
      ["/dnc", "get"], ["/dnc", "post"], ["/dnc/bulk", "post"], ["/dnc/check", "get"], ["/dnc/{id}", "delete"],
    ];
    for (const [path, method] of expected) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();

    const create = doc.paths["/campaigns"].post;
    const body = create.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(expect.arrayContaining(["name", "trunk_type", "trunk_value", "agent_dest_type", "agent_dest_value"]));
    expect(body.properties.trunk_type.enum).toEqual(["custom", "pjsip", "sip"]);
    expect(create.responses["201"]).toBeDefined();
    expect(create.description).toContain("campaigns/create");
    const list = doc.paths["/campaigns/{id}/numbers"].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["id", "status", "page", "per_page"]));
    expect(list.responses["200"].content["application/json"].schema.properties.pagination).toBeDefined();
    const dnc = doc.paths["/dnc"].get;
    expect(dnc.description).toContain("dnc/list");
    expect(dnc.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["campaign_id", "search", "page", "per_page"]));
    expect(dnc.responses["200"].content["application/json"].schema.properties.pagination).toBeDefined();
    expect(doc.paths["/dnc/bulk"].post.requestBody.content["application/json"].schema.required).toEqual(["numbers"]);
  });

  it("describes CDR intake: its dedicated permission, Basic credentials, both success codes, its form bodies", async () => {
    const doc = await (await fetch(`${baseUrl()}/api/openapi.json`)).json();
    const intake = doc.paths["/cdr/intake"].post;
    expect(intake.description).toContain("cdr_intake/post");
    expect(intake.security).toEqual(expect.arrayContaining([{ basicAuth: [] }, { bearerAuth: [] }]));
    expect(doc.components.securitySchemes.basicAuth).toMatchObject({ type: "http", scheme: "basic" });
    expect(intake.responses["201"].content["application/json"].schema.properties.data.properties.duplicate).toBeDefined();
    expect(intake.responses["200"].content["application/json"].schema.properties.code.const).toBe(200);
    expect(intake.responses["400"].description).toContain("bytes");
    expect(Object.keys(intake.requestBody.content)).toEqual(["application/json", "application/x-www-form-urlencoded", "application/x-www-form-base64-encoded"]);
    expect(intake.requestBody.content["application/json"].schema.properties.variables).toBeDefined();
    expect(doc.paths["/cdr/intake"].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["matched", "search", "page", "per_page"]));
    expect(doc.paths["/integrations/freeswitch"].get.responses["200"].content["application/json"].schema.properties.data.properties.files).toBeDefined();
    expect(doc.info.description).toContain("cdr_intake/post");
  });
});
