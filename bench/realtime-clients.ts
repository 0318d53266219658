import type { Socket } from "socket.io-client";
import { connectSocket, type SocketAuth } from "../tests/support/socket";

/**
 * A share of `bench:realtime`'s clients, in a process of its own so that decoding 200 clients'
 * events does not slow the bare Socket.IO baseline running in the bench process. Connects the
 * clients it is given, notes what each hears (the event's key, its `ts`, the time it arrived), and
 * sends the notes back when asked. Started by `bench/realtime.ts` over IPC; not run by hand.
 */
export type ClientSpec = { index: number; url: string; auth: SocketAuth };
/** [client index, "c" (campaign change) or "k" (call), key, event ts (ms), received at (ms), campaign id or call state] */
export type Heard = [number, "c" | "k", string, number, number, string | number];
export type ToClients = { type: "connect"; clients: ClientSpec[] } | { type: "count" } | { type: "collect" };
export type FromClients = { type: "connected" } | { type: "count"; n: number } | { type: "heard"; heard: Heard[] } | { type: "error"; message: string };

const heard: Heard[] = [];
const sockets: Socket[] = [];
const send = (m: FromClients) => process.send!(m);

function listen(socket: Socket, index: number) {
  socket.on("campaign.update", (ev: { campaign_id: number; change: string; ts: string }) => {
    if (ev.change === "updated") heard.push([index, "c", `${ev.campaign_id}|${ev.ts}`, Date.parse(ev.ts), Date.now(), ev.campaign_id]);
  });
  socket.on("call.update", (ev: { uuid: string; state: string; ts: number }) => {
    heard.push([index, "k", `${ev.uuid}|${ev.state}|${ev.ts}`, ev.ts, Date.now(), ev.state]);
  });
}

process.on("message", async (m: ToClients) => {
  try {
    if (m.type === "connect") {
      // 20 handshakes at a time, as a room of browsers opening the page would, not all at once.
      for (let i = 0; i < m.clients.length; i += 20) {
        const batch = await Promise.all(m.clients.slice(i, i + 20).map(async (c) => ({ c, socket: await connectSocket(c.url, c.auth) })));
        for (const { c, socket } of batch) {
          listen(socket, c.index);
          sockets.push(socket);
        }
      }
      send({ type: "connected" });
    } else if (m.type === "count") send({ type: "count", n: heard.length });
    else {
      for (const s of sockets) s.close();
      // Disconnect only once the reply is written: a large one still queued would be dropped.
      process.send!({ type: "heard", heard } satisfies FromClients, () => process.disconnect());
    }
  } catch (err) {
    send({ type: "error", message: (err as Error).message });
  }
});
