import type { RouteRow } from "../trunks/queries";
import { TrunkPicker, type TrunkLoad, type TrunkRoute, type TrunkSlot } from "./trunk-picker";

/** Which of a campaign's trunks a call may take, given the PBX it is on and the trunks it already failed on. */

/** A campaign's enabled trunks that can be reached through the PBX `pbxKey`. */
export function usableRoutes(routes: RouteRow[], pbxKey: string): TrunkRoute[] {
  return routes.filter((r) => r.enabled && (r.pbxServerId === null || `db:${r.pbxServerId}` === pbxKey));
}

/** The next trunk for a call that already tried `tried`, among those reachable from its PBX. */
export function pickFrom(picker: TrunkPicker, usable: TrunkRoute[], tried: Set<number>): TrunkSlot | null {
  const usableIds = new Set(usable.map((r) => r.trunkId));
  const exclude = new Set(tried);
  // Trunks this call's PBX cannot reach are as good as tried.
  for (const r of picker.routeIds()) if (!usableIds.has(r)) exclude.add(r);
  return picker.take(exclude);
}

/**
 * Whether a campaign's trunks could take one more call now (a free channel and a start slot
 * within the picker's horizon) through any PBX: the claim's own test, asked without claiming.
 */
export function trunksHaveRoom(routes: RouteRow[], loads: Map<number, TrunkLoad>, now: number): boolean {
  return new TrunkPicker(routes.filter((r) => r.enabled), loads, now, new Map()).room(1) > 0;
}
