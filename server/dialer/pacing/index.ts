export { decidePacing, amdAllowed, estimate, budgetFactor, abandonTarget, normalCdf, type PacingSnapshot, type PacingDecision, type AbandonWindow, type AmdSetting } from "./pacing";
export { emptyOutcomeStats, recordDialOutcome, recordHandle, type OutcomeStats, type DialOutcome } from "./outcome-stats";
