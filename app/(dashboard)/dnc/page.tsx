import type { Metadata } from "next";
import { RequireRole } from "@/components/auth/require-role";
import { DncManager } from "@/components/dnc/dnc-manager";

export const metadata: Metadata = { title: "Do not call" };

export default function DoNotCallPage() {
  return (
    <RequireRole roles={["admin", "supervisor"]}>
      <DncManager />
    </RequireRole>
  );
}
