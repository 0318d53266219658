import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/postgres-adapter";
import pg from "pg";
import { type Namespace, Server, type Socket } from "socket.io";
import { Adapter, MessageType } from "socket.io-adapter";
import { decode } from "next-auth/jwt";
import { extraRoomsOf, rooms, type RealtimeEvent } from "@/lib/realtime-events";
import { getDb } from "@/db/client";
import { findAgentByUser } from "../agents/queries";
import { listCampaignRows } from "../campaigns/queries";
import { API_TOKEN_PATTERN } from "../auth/api-token";
import { authSecret } from "../auth/secret";
import { crossSiteReason } from "../auth/same-origin";
import { logger } from "../logger";
import { findActiveToken } from "../tokens/queries";
import { findUserById } from "../users/queries";
import { runtime } from "../runtime/registry";
import { attachWallboard } from "./wallboard";

type SocketUser = { id: number; username: string; role: string };
/** The agent behind an agent's socket, and the campaign it is logged in to at the handshake. */
type SocketAgent = { id: number; campaignId: number | null };

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

const headerValue = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Same rules as the API: a bearer token (`auth.token`) or the next-auth session cookie. */
async function authenticate(socket: Socket): Promise<SocketUser | undefined> {
  const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof token === "string") {
    if (!API_TOKEN_PATTERN.test(token)) return undefined;
    const found = await findActiveToken(token);
    if (!found || !found.user.isActive || !found.user.apiAccess) return undefined;
    if (found.token.expiresAt && found.token.expiresAt.getTime() <= Date.now()) return undefined;
    return { id: found.user.id, username: found.user.username, role: found.user.role };
  }
  // A page on another site could open a socket with the visitor's cookie and read the live data.
  if (crossSiteReason((name) => headerValue(socket.handshake.headers[name]))) return undefined;
  const cookies = socket.handshake.headers.cookie;
  const raw = readCookie(cookies, "__Secure-next-auth.session-token") ?? readCookie(cookies, "next-auth.session-token");
  if (!raw) return undefined;
  const jwt = await decode({ token: raw, secret: authSecret() }).catch(() => null);
  if (!jwt?.uid) return undefined;
  const user = await findUserById(jwt.uid as number);
  if (!user || !user.isActive) return undefined;
  return { id: user.id, username: user.username, role: user.role };
}

async function agentOfUser(userId: number): Promise<SocketAgent | undefined> {
  const agent = await findAgentByUser(await getDb(), userId);
  if (!agent) return undefined;
  return { id: agent.id, campaignId: agent.state === "logged_out" ? null : agent.campaignId };
}

async function allCampaignIds(): Promise<number[]> {
  return (await listCampaignRows(await getDb())).map((c) => c.id);
}

/**
 * The cluster adapter delivers a broadcast to this process's own sockets only after its NOTIFY has
 * gone through the database (it waits for an offset Pacer does not use: no connection-state
 * recovery). Under load every browser on the producing process then waited for a database round
 * trip, queued behind the other events' on a two-connection pool (bench:realtime). Here the
 * process's own sockets get the event at once, in publish order, and the NOTIFY follows for the
 * other processes.
 */
function deliverHereFirst(adapter: Adapter) {
  const cluster = adapter as unknown as { publishAndReturnOffset(message: unknown): Promise<string> };
  adapter.broadcast = (packet, opts) => {
    if (!opts.flags?.local) {
      const message = { type: MessageType.BROADCAST, data: { packet, opts: { rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags } } };
      cluster.publishAndReturnOffset(message).catch((err: Error) => logger.warn({ err: err.message }, "realtime adapter: broadcast not published"));
    }
    Adapter.prototype.broadcast.call(adapter, packet, opts);
  };
  return adapter;
}

/**
 * On PostgreSQL, broadcasts go through the Socket.IO Postgres adapter (LISTEN/NOTIFY on the same
 * database), so a browser connected to one Pacer process hears the events of every process: the
 * calls another process's dialer places, a campaign started through another's API.
 */
function attachPostgresAdapter(io: Server, server: HttpServer, databaseUrl: string) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on("error", (err) => logger.warn({ err: err.message }, "realtime adapter: database connection error"));
  const make = createAdapter(pool, { tableName: "socket_io_attachments", errorHandler: (err) => logger.warn({ err: err.message }, "realtime adapter error") });
  // Socket.IO calls it with `new`: a plain function returning the adapter.
  io.adapter(function (this: unknown, nsp: Namespace) {
    return deliverHereFirst(make(nsp));
  } as unknown as Parameters<Server["adapter"]>[0]);
  server.once("close", () => void pool.end().catch(() => {}));
}

/** Socket.IO on the same http server; forwards in-process realtime events to authorised rooms. */
export function attachRealtime(server: HttpServer, opts: { databaseUrl?: string } = {}): Server {
  const io = new Server(server, { path: "/socket.io", serveClient: false });
  if (opts.databaseUrl) attachPostgresAdapter(io, server, opts.databaseUrl);

  io.use((socket, next) => {
    authenticate(socket)
      .then(async (user) => {
        if (!user) return next(new Error("unauthorized"));
        socket.data.user = user;
        // Looked up before the connection is accepted, so the socket is in its rooms before the
        // first event it should hear.
        if (user.role === "agent") socket.data.agent = await agentOfUser(user.id);
        next();
      })
      .catch((err) => {
        logger.warn({ err }, "socket handshake failed");
        next(new Error("unauthorized"));
      });
  });

  io.on("connection", (socket) => {
    const user = socket.data.user as SocketUser;
    if (user.role === "admin" || user.role === "supervisor") socket.join(rooms.supervisors);
    // An agent hears about itself (state, screen pop) and its campaign's queue, nothing else.
    const agent = socket.data.agent as SocketAgent | undefined;
    if (agent) {
      socket.join(rooms.agent(agent.id));
      if (agent.campaignId) socket.join(rooms.campaign(agent.campaignId));
    }
  });

  /**
   * An agent's browsers follow the queue of the campaign it is logged in to. agent.update comes on
   * every state change (ready, on call, wrap-up…), so asking every process for the agent's sockets
   * each time (`fetchSockets`, a cluster-wide round trip that waits for every process) cost a
   * request per event. Instead this process remembers the campaign it last announced for each
   * agent, acts only when that changes, and moves the sockets by room (`socketsLeave`/
   * `socketsJoin` on the agent's room), which the Postgres adapter carries to every process as one
   * fire-and-forget message. Only the process holding the agent's phone announces it, so while it
   * holds it its memory is the truth. A process that has not announced the agent's campaign (the
   * first login it sees, or any after a logout, when another process may have held the agent in
   * between) cannot know which campaign room another process or the handshake put the sockets in,
   * so they leave them all: rare (logins), and one message. Moves run one after another, so a quick
   * second change cannot be undone by a slower first.
   */
  const announcedCampaign = new Map<number, number | null>();
  let moves = Promise.resolve();
  const moveSockets = async (agentId: number, previous: number | undefined, campaignId: number | null) => {
    const stale = previous === undefined ? await allCampaignIds() : [previous];
    const sockets = io.in(rooms.agent(agentId));
    const leave = stale.filter((id) => id !== campaignId).map(rooms.campaign);
    if (leave.length > 0) sockets.socketsLeave(leave);
    if (campaignId) sockets.socketsJoin(rooms.campaign(campaignId));
  };
  const followCampaign = (agentId: number, campaignId: number | null) => {
    const previous = announcedCampaign.get(agentId);
    // The same campaign (a state change), or a second logged-out: nothing to move.
    if (previous === campaignId) return;
    announcedCampaign.set(agentId, campaignId);
    // Only a campaign this process announced is a known room; after a logout it is unknown again.
    const known = typeof previous === "number" ? previous : undefined;
    moves = moves
      .then(() => moveSockets(agentId, known, campaignId))
      .catch((err) => logger.warn({ err }, "realtime: could not move an agent's sockets to its campaign"));
  };

  const forward = (event: RealtimeEvent) => {
    if (event.type === "agent.update") followCampaign(event.agentId, event.campaignId);
    let target = io.to(rooms.supervisors);
    for (const room of extraRoomsOf(event)) target = target.to(room);
    target.emit(event.type, event);
  };
  runtime().bus.on("realtime", forward);
  io.engine.on("close", () => runtime().bus.off("realtime", forward));
  attachWallboard(io);
  return io;
}
