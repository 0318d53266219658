"use client";

import { useTableCreateForm } from "@/hooks/use-table-create-form";
import { CreateFormButton, TablePageHeader } from "@/components/ui/table-page-header";
import { useToast } from "@/components/ui/toaster";
import { NewUserForm } from "./new-user-form";
import { UserTable } from "./user-table";

export function UserAdmin({ currentUserId }: { currentUserId: number }) {
  const create = useTableCreateForm();
  const toast = useToast();

  return (
    <div className="space-y-5">
      <TablePageHeader title="Users" actions={<CreateFormButton form={create}>New user</CreateFormButton>}>
        Admins manage users and everything else; supervisors run campaigns and read call records; agents take calls.
      </TablePageHeader>
      {create.creating && (
        <NewUserForm
          onCancel={create.close}
          onCreated={(username) => {
            create.close();
            toast("success", `User ${username} created.`);
          }}
        />
      )}
      <UserTable currentUserId={currentUserId} />
    </div>
  );
}
