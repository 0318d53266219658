/**
 * Connects the ARI driver to the simulator once, makes a request, and closes: what a process
 * prints while doing that is what swagger-client.test.ts reads.
 */
import { SimEngine } from "../../sim/engine";
import { startAriServer } from "../../sim/ari-server";
import { AriDriver } from "../ari-driver";

async function main() {
  const server = await startAriServer({ engine: new SimEngine({ timeScale: 0.01 }), port: 0 });
  for (let i = 0; i < 2; i++) {
    const driver = new AriDriver({ url: server.url, username: "pacer", password: "pacer" });
    await driver.connect();
    await driver.listChannels();
    await driver.close();
  }
  await server.close();
  const history = (globalThis as { log?: { history?: unknown[] } }).log?.history ?? [];
  process.stdout.write(`connected twice; swagger-client log history: ${history.length}\n`);
}

void main();
