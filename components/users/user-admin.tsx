"use client";

import { useRef, useState } from "react";
import { useToast } from "@/components/ui/toaster";
import { NewUserForm } from "./new-user-form";
import { UserTable } from "./user-table";

export function UserAdmin({ currentUserId }: { currentUserId: number }) {
  const [creating, setCreating] = useState(false);
  const toast = useToast();
  const newUserRef = useRef<HTMLButtonElement>(null);

  // The form replaces the "New user" button; when it closes, focus goes back to that button.
  function closeForm() {
    setCreating(false);
    requestAnimationFrame(() => newUserRef.current?.focus());
  }
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">Users</h1>
          <p className="mt-0.5 text-sm text-slate-500 dark:text-slate-400">
            Admins manage users and everything else; supervisors run campaigns and read call records; agents take calls.
          </p>
        </div>
        {!creating && (
          <button ref={newUserRef} type="button" className="btn-primary" onClick={() => setCreating(true)}>
            New user
          </button>
        )}
      </div>
      {creating && (
        <NewUserForm
          onCancel={closeForm}
          onCreated={(username) => {
            closeForm();
            toast("success", `User ${username} created.`);
          }}
        />
      )}
      <UserTable currentUserId={currentUserId} />
    </div>
  );
}
