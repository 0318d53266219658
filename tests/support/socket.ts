import { io, type Socket } from "socket.io-client";

export type SocketAuth = { token?: string; cookie?: string; origin?: string };

/**
 * Opens a Socket.IO connection to a Pacer process as a dashboard does: with an API token
 * (`auth.token`) or a browser's session cookie (and the page's Origin, when given). Resolves once
 * the handshake is accepted, rejects with the server's reason ("unauthorized") when refused. No
 * reconnection: a test or benchmark sees a dropped socket instead of a silent retry. Free of
 * vitest, so the benchmarks connect with it too.
 */
export function connectSocket(base: string, auth: SocketAuth = {}): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (auth.cookie) headers.Cookie = auth.cookie;
    if (auth.origin) headers.Origin = auth.origin;
    const socket = io(base, {
      path: "/socket.io",
      transports: ["websocket"],
      auth: auth.token ? { token: auth.token } : {},
      extraHeaders: Object.keys(headers).length ? headers : undefined,
      reconnection: false,
    });
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => {
      socket.close();
      reject(err);
    });
  });
}
