import { describe, expect, it } from "vitest";
import { freeswitchDocs, staleFreeswitchDocs } from "./integration-docs";

describe("docs/integrations/freeswitch", () => {
  it("holds exactly what GET /api/integrations/freeswitch renders (run `npm run docs:integrations` after changing the templates)", () => {
    expect(freeswitchDocs().length).toBeGreaterThanOrEqual(4);
    expect(staleFreeswitchDocs()).toEqual([]);
  });

  it("prints no secret: the ESL password and the intake token are placeholders", () => {
    const all = freeswitchDocs().map((d) => d.content).join("\n");
    expect(all).not.toMatch(/ClueCon/);
    expect(all).toContain("CHANGE_ME_ESL_PASSWORD");
    expect(all).toContain("pacer:YOUR_CDR_INTAKE_TOKEN");
    expect(all).toContain('<param name="url" value="https://pacer.example.com/api/cdr/intake"/>');
  });
});
