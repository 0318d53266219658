export { decidePacing, estimate, budgetFactor, normalCdf, type PacingSnapshot, type PacingDecision, type AbandonWindow } from "./pacing";
export { emptyOutcomeStats, recordDialOutcome, recordHandle, type OutcomeStats, type DialOutcome } from "./outcome-stats";
