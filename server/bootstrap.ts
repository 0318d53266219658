import type { Db } from "@/db/client";
import { recordAudit } from "./audit/queries";
import { generatePassword } from "./auth/password";
import { insertCampaign } from "./campaigns/queries";
import { insertIvrMenu, replaceIvrActions } from "./ivr/queries";
import { insertLeads } from "./leads/queries";
import { ensureDefaultList } from "./lists/queries";
import { logger } from "./logger";
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

/**
 * A demo campaign so a fresh `npm start` has something to look at: an agentless campaign sending
 * answered calls to a small IVR menu, with numbers from the reserved 555-01xx fictional range.
 */
export async function seedDemoData(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const campaign = await insertCampaign(tx, {
      name: "Demo campaign",
      description: "Sample agentless campaign created on first start; it dials the built-in simulator's fictional 555 numbers, so its calling hours are the whole day. Safe to delete.",
      trunkType: "pjsip",
      trunkValue: "demo-trunk",
      callerid: "2025550100",
      agentDestType: "exten",
      agentDestValue: "100",
      concurrentCalls: 5,
      retryTimes: 2,
      retryDelay: 300,
      callingHoursStart: "00:00",
      callingHoursEnd: "24:00",
    });
    const menu = await insertIvrMenu(tx, { campaignId: campaign.id, name: "Demo menu", audioFile: "demo-menu.wav", timeout: 10, maxDigits: 1 });
    await replaceIvrActions(tx, menu.id, [
      { dtmfDigit: "1", actionType: "exten", actionValue: "100" },
      { dtmfDigit: "9", actionType: "dnc", actionValue: null },
      { dtmfDigit: "t", actionType: "hangup", actionValue: null },
    ]);
    const names = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Tim"];
    const list = await ensureDefaultList(tx, campaign);
    await insertLeads(
      tx,
      { campaignId: campaign.id, listId: list.id },
      Array.from({ length: 40 }, (_, i) => ({
        phoneNumber: `+1202555${String(100 + i).padStart(4, "0")}`,
        data: { name: `${names[i % names.length]} Demo ${i + 1}` },
      })),
    );
    await recordAudit(tx, SYSTEM, { action: "campaign.create", entityType: "campaign", entityId: campaign.id, details: { name: campaign.name, demo: true } });
  });
  logger.info({}, "demo campaign created");
}
