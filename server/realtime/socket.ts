import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/postgres-adapter";
import pg from "pg";
import { Server, type Socket } from "socket.io";
import { decode } from "next-auth/jwt";
import { extraRoomsOf, rooms, type RealtimeEvent } from "@/lib/realtime-events";
import { getDb } from "@/db/client";
import { findAgentByUser } from "../agents/queries";
import { API_TOKEN_PATTERN } from "../auth/api-token";
import { authSecret } from "../auth/secret";
import { logger } from "../logger";
import { findActiveToken } from "../tokens/queries";
import { findUserById } from "../users/queries";
import { runtime } from "../runtime/registry";

type SocketUser = { id: number; username: string; role: string };

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

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
  const cookies = socket.handshake.headers.cookie;
  const raw = readCookie(cookies, "__Secure-next-auth.session-token") ?? readCookie(cookies, "next-auth.session-token");
  if (!raw) return undefined;
  const jwt = await decode({ token: raw, secret: authSecret() }).catch(() => null);
  if (!jwt?.uid) return undefined;
  const user = await findUserById(jwt.uid as number);
  if (!user || !user.isActive) return undefined;
  return { id: user.id, username: user.username, role: user.role };
}

/**
 * On PostgreSQL, broadcasts go through the Socket.IO Postgres adapter (LISTEN/NOTIFY on the same
 * database), so a browser connected to one Pacer process hears the events of every process: the
 * calls another process's dialer places, a campaign started through another's API.
 */
function attachPostgresAdapter(io: Server, server: HttpServer, databaseUrl: string) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on("error", (err) => logger.warn({ err: err.message }, "realtime adapter: database connection error"));
  io.adapter(createAdapter(pool, { tableName: "socket_io_attachments", errorHandler: (err) => logger.warn({ err: err.message }, "realtime adapter error") }));
  server.once("close", () => void pool.end().catch(() => {}));
}

/** Socket.IO on the same http server; forwards in-process realtime events to authorised rooms. */
export function attachRealtime(server: HttpServer, opts: { databaseUrl?: string } = {}): Server {
  const io = new Server(server, { path: "/socket.io", serveClient: false });
  if (opts.databaseUrl) attachPostgresAdapter(io, server, opts.databaseUrl);

  io.use((socket, next) => {
    authenticate(socket)
      .then((user) => {
        if (!user) return next(new Error("unauthorized"));
        socket.data.user = user;
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
    // An agent hears about itself (state, screen pop) and nothing else.
    if (user.role === "agent") {
      void getDb()
        .then((db) => findAgentByUser(db, user.id))
        .then((agent) => {
          if (agent) socket.join(rooms.agent(agent.id));
        })
        .catch((err) => logger.warn({ err }, "could not find the agent of a socket"));
    }
  });

  /** An agent's browsers follow the queue of the campaign it is logged in to. */
  const followCampaign = async (agentId: number, campaignId: number | null) => {
    for (const socket of await io.in(rooms.agent(agentId)).fetchSockets()) {
      for (const room of socket.rooms) if (room.startsWith("campaign:") && room !== (campaignId ? rooms.campaign(campaignId) : "")) socket.leave(room);
      if (campaignId) socket.join(rooms.campaign(campaignId));
    }
  };

  const forward = (event: RealtimeEvent) => {
    if (event.type === "agent.update") void followCampaign(event.agentId, event.campaignId).catch(() => {});
    let target = io.to(rooms.supervisors);
    for (const room of extraRoomsOf(event)) target = target.to(room);
    target.emit(event.type, event);
  };
  runtime().bus.on("realtime", forward);
  io.engine.on("close", () => runtime().bus.off("realtime", forward));
  return io;
}
