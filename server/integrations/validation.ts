import { z } from "zod";

const configFileOut = z.object({
  path: z.string().describe("where the file goes under FreeSWITCH's conf directory"),
  title: z.string(),
  description: z.string(),
  language: z.literal("xml"),
  content: z.string(),
});

export const freeswitchIntegrationOut = z.object({
  pacer_url: z.string().describe("this install's address as the request reached it (behind a proxy: with TRUST_PROXY=1)"),
  intake_url: z.string().describe("where mod_json_cdr posts: POST /api/cdr/intake"),
  esl_port: z.number().describe("the event socket port of the first FreeSWITCH under PBX servers, else 8021"),
  placeholders: z.record(z.string(), z.string()).describe("values left for you to fill in: secrets are never printed"),
  files: z.array(configFileOut),
});
