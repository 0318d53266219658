import { index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { campaigns } from "./campaigns";
import { createdAt, optionalRef, parentRef, serialId, timestamps } from "./columns";

/** `t` is the no-input timeout branch and `i` the invalid-input branch, as in Asterisk dialplans. */
export const IVR_DIGITS = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#", "t", "i"] as const;
export const IVR_ACTION_TYPES = ["exten", "queue", "ivr", "hangup", "playback", "dnc", "callback", "custom"] as const;

export const ivrMenus = pgTable(
  "ivr_menus",
  {
    id: serialId(),
    campaignId: optionalRef("campaign_id", () => campaigns.id),
    name: text("name").notNull(),
    audioFile: text("audio_file"),
    timeout: integer("timeout").notNull().default(10),
    maxDigits: integer("max_digits").notNull().default(1),
    ...timestamps(),
  },
  (t) => [index("ivr_menus_campaign_idx").on(t.campaignId)],
);

export const ivrActions = pgTable(
  "ivr_actions",
  {
    id: serialId(),
    ivrMenuId: parentRef("ivr_menu_id", () => ivrMenus.id),
    dtmfDigit: text("dtmf_digit").notNull(),
    actionType: text("action_type").$type<(typeof IVR_ACTION_TYPES)[number]>().notNull(),
    actionValue: text("action_value"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("ivr_actions_menu_digit_uq").on(t.ivrMenuId, t.dtmfDigit)],
);

export type IvrMenu = typeof ivrMenus.$inferSelect;
export type IvrAction = typeof ivrActions.$inferSelect;
