import type { Metadata } from "next";
import { RequireRole } from "@/components/auth/require-role";
import { ListsManager } from "@/components/lists/lists-manager";

export const metadata: Metadata = { title: "Lists" };

export default function ListsPage() {
  return (
    <RequireRole roles={["admin", "supervisor"]}>
      <ListsManager />
    </RequireRole>
  );
}
