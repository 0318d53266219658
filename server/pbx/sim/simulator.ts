import { startAriServer, type AriServer } from "./ari-server";
import { SimEngine } from "./engine";
import { startEslServer } from "./esl-server";
import { DEFAULT_MODEL, OutcomeSampler, type OutcomeModel } from "./outcome-model";
import { TalkingPhones } from "./talking-phones";

export type SimulatorOptions = {
  host?: string;
  /** 8088 and 8021 are where Asterisk and FreeSWITCH listen by default; 0 picks free ports. */
  ariPort?: number;
  eslPort?: number;
  username?: string;
  password?: string;
  eslPassword?: string;
  seed?: number;
  timeScale?: number;
  model?: Partial<OutcomeModel>;
};

export type RunningSimulator = {
  engine: SimEngine;
  /** Phones with a simulated agent on them, who talks with each caller for a handle time. */
  talkingPhones: TalkingPhones;
  ariUrl: string;
  ariPort: number;
  eslPort: number;
  username: string;
  password: string;
  eslPassword: string;
  /** How many ARI event WebSockets are connected: each Pacer process holding this "Asterisk" has one. */
  ariEventClients(): number;
  /** What FreeSWITCH's mod_json_cdr would post for an ended call placed over the ESL face. */
  jsonCdr(uuid: string): Record<string, unknown> | undefined;
  close(): Promise<void>;
};

/** The PBX simulator: one simulated switch behind an Asterisk ARI face and a FreeSWITCH ESL face. */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = opts.host ?? "127.0.0.1";
  const username = opts.username ?? "pacer";
  const password = opts.password ?? "pacer";
  const eslPassword = opts.eslPassword ?? "ClueCon";
  const engine = new SimEngine({
    sampler: new OutcomeSampler({ ...DEFAULT_MODEL, ...opts.model }, opts.seed ?? 1),
    timeScale: opts.timeScale ?? 1,
  });
  const ari: AriServer = await startAriServer({ engine, host, port: opts.ariPort ?? 8088, username, password });
  let esl: Awaited<ReturnType<typeof startEslServer>>;
  try {
    esl = await startEslServer({ engine, host, port: opts.eslPort ?? 8021, password: eslPassword });
  } catch (err) {
    await ari.close();
    throw err;
  }
  return {
    engine,
    talkingPhones: new TalkingPhones(engine, (opts.seed ?? 1) + 1),
    ariUrl: ari.url,
    ariPort: ari.port,
    eslPort: esl.port,
    username,
    password,
    eslPassword,
    ariEventClients: () => ari.eventClients(),
    jsonCdr: (uuid) => esl.jsonCdr(uuid),
    async close() {
      await Promise.all([ari.close(), esl.close()]);
      engine.reset();
    },
  };
}
