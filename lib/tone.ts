/** The colours a badge or chart fill may take; shared by lib's state tables and the UI. */
export type Tone = "green" | "amber" | "slate" | "blue" | "red" | "orange" | "sky";
