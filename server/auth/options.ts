import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticateUser } from "../users/queries";
import { authSecret } from "./secret";
import type { UserRole } from "@/db/schema";

declare module "next-auth" {
  interface Session {
    user: { id: number; username: string; name: string; role: UserRole };
  }
  interface User {
    id: string;
    username: string;
    role: UserRole;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: number;
    username?: string;
    role?: UserRole;
  }
}

export const SESSION_MAX_AGE = 12 * 60 * 60;

/**
 * next-auth v4, credentials provider (id `credentials`, fields `username` and `password`) with JWT
 * sessions. Role and user id ride in the JWT for the UI; every API request still re-reads the user
 * row, so disabling a user or changing a role takes effect at once.
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Username and password",
        credentials: {
          username: { label: "Username", type: "text" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, req) {
          const username = credentials?.username?.trim();
          const password = credentials?.password;
          if (!username || !password) return null;
          // Set by server.ts from the socket (or a trusted proxy), never by the client.
          const address = String(req?.headers?.["x-pacer-remote-addr"] ?? "") || "unknown";
          const user = await authenticateUser(username, password, address);
          if (!user) return null;
          return { id: String(user.id), username: user.username, name: user.fullName ?? user.username, role: user.role };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.uid = Number(user.id);
          token.username = user.username;
          token.role = user.role;
        }
        return token;
      },
      async session({ session, token }) {
        session.user = {
          id: token.uid ?? 0,
          username: token.username ?? "",
          name: token.name ?? token.username ?? "",
          role: token.role ?? "agent",
        };
        return session;
      },
    },
  };
}
