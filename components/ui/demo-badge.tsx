import { Badge } from "./status-badge";

/** Marks what the first-start demo made (fictional numbers, simulated agents): "Remove demo" deletes it. */
export function DemoBadge() {
  return (
    <span title="Demo data: fictional numbers and simulated agents, removable in one click">
      <Badge tone="orange">Demo</Badge>
    </span>
  );
}
