import { startSimulator } from "../server/pbx/sim/simulator";

/**
 * `npm run pbx-sim`: the PBX simulator on its own, where Asterisk (ARI, 127.0.0.1:8088, pacer/pacer)
 * and FreeSWITCH (ESL, 127.0.0.1:8021, ClueCon) listen by default. Settings from the environment:
 * SIM_HOST, SIM_ARI_PORT, SIM_ESL_PORT, ARI_USERNAME, ARI_PASSWORD, ESL_PASSWORD, SIM_SEED,
 * SIM_TIME_SCALE, SIM_ANSWER_RATE, SIM_MACHINE_RATE.
 *
 * What a call meets depends on its route, as on a real PBX: a number sent through a trunk or
 * gateway (`PJSIP/5550@trunk`, `SIP/trunk/5550`, `sofia/gateway/trunk/5550`, `Local/5550@from-trunk`)
 * meets the outcome model whatever its length; an extension dialled directly (`PJSIP/100`,
 * `user/100`) or through the phones' context (`Local/100@from-internal`) is a simulated phone
 * that answers and stays up.
 */
const num = (name: string) => (process.env[name] !== undefined && process.env[name] !== "" ? Number(process.env[name]) : undefined);

async function main() {
  const sim = await startSimulator({
    host: process.env.SIM_HOST,
    ariPort: num("SIM_ARI_PORT"),
    eslPort: num("SIM_ESL_PORT"),
    username: process.env.ARI_USERNAME,
    password: process.env.ARI_PASSWORD,
    eslPassword: process.env.ESL_PASSWORD,
    seed: num("SIM_SEED"),
    timeScale: num("SIM_TIME_SCALE"),
    model: {
      ...(num("SIM_ANSWER_RATE") !== undefined ? { humanRate: num("SIM_ANSWER_RATE") } : {}),
      ...(num("SIM_MACHINE_RATE") !== undefined ? { machineRate: num("SIM_MACHINE_RATE") } : {}),
    },
  });
  console.log(`PBX simulator: ARI ${sim.ariUrl}/ari (${sim.username}/${sim.password}), ESL 127.0.0.1:${sim.eslPort} (${sim.eslPassword.replace(/./g, "*")})`);
  const stop = async () => {
    await sim.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((err) => {
  console.error(`PBX simulator failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
