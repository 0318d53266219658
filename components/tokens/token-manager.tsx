"use client";

import { useState } from "react";
import type { CreatedApiToken } from "@/lib/api-types";
import { TablePageHeader } from "@/components/ui/table-page-header";
import { CreateTokenForm } from "./create-token-form";
import { CreatedTokenPanel } from "./created-token-panel";
import { TokenTable } from "./token-table";

export function TokenManager({ role }: { role: string }) {
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  // The panel holds focus while shown; when it goes, focus moves to the list the new token is in.
  function dismissCreated() {
    setCreated(null);
    document.getElementById("tokens-heading")?.focus();
  }
  return (
    <div className="space-y-6">
      <TablePageHeader title="API tokens">
        Tokens let scripts and other systems use the Pacer API as you. Send one as <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>.
        A token never has more rights than your role ({role}), and stops working when it is revoked or expires.
      </TablePageHeader>
      {created && <CreatedTokenPanel token={created} onDone={dismissCreated} />}
      <TokenTable />
      <CreateTokenForm role={role} onCreated={setCreated} />
    </div>
  );
}
