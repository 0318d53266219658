import type { DbOrTx } from "@/db/client";
import type { Campaign } from "@/db/schema";
import type { AuditActor } from "../audit/queries";
import { recordAudit } from "../audit/queries";
import { generatePassword } from "../auth/password";
import { insertAgent, toAgentDto } from "../agents/queries";
import { insertCampaign } from "../campaigns/queries";
import { insertLeads } from "../leads/queries";
import { ensureDefaultList } from "../lists/queries";
import { findUserByUsername, insertUser } from "../users/queries";

/**
 * The demo a fresh `npm start` shows: a running predictive campaign over a few hundred fictional
 * numbers, and simulated agents (each with a sign-in-less user of the agent role) that the demo
 * crew logs in and works. Every row is flagged `demo`, so "Remove demo" finds them all.
 */

export const DEMO_CAMPAIGN_NAME = "Demo: predictive campaign";

/** The simulated agents' names, in the order they are made; extensions are 9101, 9102, … */
const AGENT_NAMES = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Tim", "Margaret", "Dennis", "Hedy", "Linus", "Sophie", "Niklaus", "Anita", "Bjarne", "Lynn", "Guido"];
export const MAX_DEMO_AGENTS = AGENT_NAMES.length;

/**
 * 555-0100 … 555-0199 is the range set aside for fiction in every North American area code;
 * three area codes in three time zones give three hundred numbers nobody can own.
 */
const AREA_CODES = [
  { code: "202", city: "Washington, DC" },
  { code: "312", city: "Chicago, IL" },
  { code: "415", city: "San Francisco, CA" },
];
const FIRST_NAMES = ["Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery", "Quinn", "Robin", "Drew"];
const LAST_NAMES = ["Rivera", "Chen", "Okafor", "Novak", "Schmidt", "Haddad", "Lindqvist", "Moreau", "Tanaka", "Silva", "Kowalski"];
const INTERESTS = ["home insurance renewal", "solar panel survey", "gym membership offer", "newspaper subscription", "charity follow-up"];

export function demoLeads() {
  return AREA_CODES.flatMap(({ code, city }, a) =>
    Array.from({ length: 100 }, (_, i) => {
      const n = a * 100 + i;
      return {
        phoneNumber: `+1${code}555${String(100 + i).padStart(4, "0")}`,
        data: {
          name: `${FIRST_NAMES[n % FIRST_NAMES.length]} ${LAST_NAMES[(n * 7) % LAST_NAMES.length]}`,
          city,
          interest: INTERESTS[n % INTERESTS.length],
          demo: true,
        },
      };
    }),
  );
}

export const demoExtension = (i: number) => String(9101 + i);

/**
 * Creates the demo's rows, audited as `actor`, in the caller's transaction. The campaign is
 * created running: it dials as soon as the crew's agents are ready, at any hour (the calling
 * window is the whole day, as the numbers are fictional and reach only the simulator).
 */
export async function insertDemo(tx: DbOrTx, actor: AuditActor, opts: { agents: number }): Promise<{ campaign: Campaign; agentIds: number[] }> {
  const campaign = await insertCampaign(tx, {
    name: DEMO_CAMPAIGN_NAME,
    description:
      "Demo data: simulated agents take calls from fictional 555-01xx numbers through the built-in PBX simulator. Nobody real is called. Remove it in one click with “Remove demo”.",
    demo: true,
    status: "running",
    dialMode: "predictive",
    trunkType: "pjsip",
    trunkValue: "demo-carrier",
    callerid: "2025550100",
    agentDestType: "exten",
    agentDestValue: demoExtension(0),
    concurrentCalls: 30,
    retryTimes: 3,
    retryDelay: 120,
    dialTimeout: 25,
    amdEnabled: true,
    machineAction: "hangup",
    wrapupSec: 5,
    timezone: "America/Chicago",
    callingHoursStart: "00:00",
    callingHoursEnd: "24:00",
  });
  const list = await ensureDefaultList(tx, campaign);
  const leads = demoLeads();
  await insertLeads(tx, { campaignId: campaign.id, listId: list.id }, leads);
  await recordAudit(tx, actor, { action: "campaign.create", entityType: "campaign", entityId: campaign.id, details: { name: campaign.name, demo: true, dial_mode: "predictive", numbers: leads.length } });

  const agentIds: number[] = [];
  for (let i = 0; i < Math.min(opts.agents, MAX_DEMO_AGENTS); i++) {
    const name = AGENT_NAMES[i];
    const username = `demo-${name.toLowerCase()}`;
    if (await findUserByUsername(username, tx)) throw new Error(`a user named '${username}' already exists`);
    // Nobody signs in as a simulated agent: the password is never shown, and API access is off.
    const user = await insertUser(tx, { username, password: generatePassword(32), email: `${username}@example.invalid`, fullName: `${name} (simulated demo agent)`, role: "agent", apiAccess: false, demo: true });
    await recordAudit(tx, actor, { action: "user.create", entityType: "user", entityId: user.id, details: { username, role: "agent", demo: true } });
    const agent = await insertAgent(tx, { name: `${name} (demo)`, extension: demoExtension(i), userId: user.id, demo: true });
    await recordAudit(tx, actor, { action: "agent.create", entityType: "agent", entityId: agent.id, details: toAgentDto(agent) });
    agentIds.push(agent.id);
  }
  return { campaign, agentIds };
}
