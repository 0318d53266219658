import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { campaigns } from "./campaigns";

/** `t` is the no-input timeout branch and `i` the invalid-input branch, as in Asterisk dialplans. */
export const IVR_DIGITS = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#", "t", "i"] as const;
export const IVR_ACTION_TYPES = ["exten", "queue", "ivr", "hangup", "playback", "dnc", "callback", "custom"] as const;

export const ivrMenus = pgTable(
  "ivr_menus",
  {
    id: serial("id").primaryKey(),
    campaignId: integer("campaign_id").references(() => campaigns.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    audioFile: text("audio_file"),
    timeout: integer("timeout").notNull().default(10),
    maxDigits: integer("max_digits").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }),
  },
  (t) => [index("ivr_menus_campaign_idx").on(t.campaignId)],
);

export const ivrActions = pgTable(
  "ivr_actions",
  {
    id: serial("id").primaryKey(),
    ivrMenuId: integer("ivr_menu_id")
      .notNull()
      .references(() => ivrMenus.id, { onDelete: "cascade" }),
    dtmfDigit: text("dtmf_digit").notNull(),
    actionType: text("action_type").$type<(typeof IVR_ACTION_TYPES)[number]>().notNull(),
    actionValue: text("action_value"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("ivr_actions_menu_digit_uq").on(t.ivrMenuId, t.dtmfDigit)],
);

export type IvrMenu = typeof ivrMenus.$inferSelect;
export type IvrAction = typeof ivrActions.$inferSelect;
