import type { PbxHealth } from "@/lib/api-types";
import { Badge } from "@/components/ui/status-badge";

/**
 * Green when Pacer holds a connection, red when it does not (the error is shown next to the badge),
 * amber while a first attempt is under way, grey when the server is switched off.
 */
export function PbxHealthBadge({ enabled, health }: { enabled: boolean; health: Pick<PbxHealth, "connected" | "last_error"> | null }) {
  if (!enabled) return <Badge tone="slate">Disabled</Badge>;
  if (health?.connected) return <Badge tone="green">Connected</Badge>;
  if (health && !health.last_error) {
    return (
      <Badge tone="amber" pulse>
        Connecting
      </Badge>
    );
  }
  return <Badge tone="red">Disconnected</Badge>;
}
