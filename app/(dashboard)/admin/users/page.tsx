import { adminPage } from "@/components/auth/require-role";
import { UserAdmin } from "@/components/users/user-admin";

export const metadata = { title: "Users" };
// The API refuses everybody else anyway; this explains why instead of showing 403s.
export default adminPage("Only administrators can manage users. Ask an administrator if your account needs changing.", ({ id }) => <UserAdmin currentUserId={id} />);
