import type { Db } from "@/db/client";
import { recordAudit } from "./audit/queries";
import { generatePassword } from "./auth/password";
import { countUsers, insertUser } from "./users/queries";

const SYSTEM = { system: true } as const;

function boxed(lines: string[]): string {
  const width = Math.max(...lines.map((l) => l.length)) + 2;
  const rule = "─".repeat(width);
  return ["", `  ┌${rule}┐`, ...lines.map((l) => `  │ ${l.padEnd(width - 1)}│`), `  └${rule}┘`, ""].join("\n");
}

/**
 * First boot: with no users at all, create the admin from ADMIN_USERNAME / ADMIN_PASSWORD, or with
 * a generated password that is printed once (it is never logged or stored in clear anywhere).
 */
export async function ensureFirstAdmin(
  db: Db,
  opts: { username: string; password?: string; print: (line: string) => void },
): Promise<{ created: boolean }> {
  return db.transaction(async (tx) => {
    if ((await countUsers(tx)) > 0) return { created: false };
    const password = opts.password ?? generatePassword();
    const admin = await insertUser(tx, {
      username: opts.username,
      password,
      email: `${opts.username}@localhost.localdomain`,
      fullName: "Administrator",
      role: "admin",
    });
    await recordAudit(tx, SYSTEM, { action: "user.create", entityType: "user", entityId: admin.id, details: { username: admin.username, role: "admin", first_boot: true } });
    if (opts.password) {
      opts.print(`Pacer: created admin user '${opts.username}' with the password from ADMIN_PASSWORD.`);
    } else {
      opts.print(boxed([
        "Pacer first start: an admin account was created.",
        `  username: ${opts.username}`,
        `  password: ${password}`,
        "This password is shown only this once. Change it after login.",
      ]),
      );
    }
    return { created: true };
  });
}
