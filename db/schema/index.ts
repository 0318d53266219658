export * from "./users";
export * from "./api-tokens";
export * from "./campaigns";
export * from "./leads";
export * from "./cdr";
export * from "./ivr";
export * from "./audit-log";
export * from "./settings";
