import type { NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { listPbxServerRows } from "../pbx/queries";
import { freeswitchConfig, intakeUrl, PLACEHOLDERS } from "./freeswitch-config";

/** This install's address as the request reached it (server.ts keeps forwarded headers only with TRUST_PROXY). */
function pacerUrl(req: NextRequest): string {
  const host = req.headers.get("x-forwarded-host")?.split(",")[0].trim() || req.headers.get("host") || "localhost";
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0].trim() === "https" ? "https" : "http";
  return `${proto}://${host}`;
}

/** The FreeSWITCH configuration Pacer expects, for this install: its URL and ESL port, secrets left as placeholders. */
export async function freeswitchIntegration(req: NextRequest) {
  const freeswitch = (await listPbxServerRows(await getDb())).find((s) => s.kind === "freeswitch" && s.eslPort);
  const setup = { pacerUrl: pacerUrl(req), eslPort: freeswitch?.eslPort ?? 8021 };
  return {
    pacer_url: setup.pacerUrl,
    intake_url: intakeUrl(setup.pacerUrl),
    esl_port: setup.eslPort,
    placeholders: { ...PLACEHOLDERS },
    files: freeswitchConfig(setup),
  };
}
