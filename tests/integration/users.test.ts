import { describe, expect, it } from "vitest";
import { adminClient, client, createToken, createUser, signIn, tokenClient } from "../support/api";

const USER_KEYS = ["id", "username", "email", "full_name", "role", "is_active", "api_access", "last_login", "created_at", "updated_at"].sort();

describe("users (admin only)", () => {
  it("lists users in the documented shape, never with password hashes", async () => {
    const admin = await adminClient();
    const r = await admin.get("/users");
    expect(r.status).toBe(200);
    expect(r.body.message).toBe("Users retrieved successfully");
    const me = r.body.data.find((u: { username: string }) => u.username === "admin");
    expect(Object.keys(me).sort()).toEqual(USER_KEYS);
    expect(me).toMatchObject({ role: "admin", is_active: 1, api_access: 1 });
    expect(me.last_login).toMatch(/^\d{4}-/);
    expect(JSON.stringify(r.body)).not.toMatch(/scrypt|password/);
  });

  it("creates a user with the contract's fields and defaults ('user' is a supervisor)", async () => {
    const admin = await tokenClient(["users/*"]);
    const r = await admin.post("/users", { username: "newuser", password: "secure_password", email: "user@example.com", full_name: "New User", role: "user", api_access: 1 });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ success: true, code: 201, message: "User created successfully" });
    expect(r.body.data).toMatchObject({ username: "newuser", email: "user@example.com", full_name: "New User", role: "supervisor", is_active: 1, api_access: 1, last_login: null });
    expect(await signIn("newuser", "secure_password")).toBeTruthy();

    const dup = await admin.post("/users", { username: "NewUser", password: "another_password", email: "x@example.com" });
    expect(dup.status).toBe(409);
    const missing = await admin.post("/users", { username: "someone" });
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.errors!).sort()).toEqual(["email", "password"]);
    const badRole = await admin.post("/users", { username: "someone", password: "12345678", email: "a@b.co", role: "god" });
    expect(badRole.body.errors).toHaveProperty("role");
  });

  it("updates only the fields sent, and a changed password works at once", async () => {
    const admin = await adminClient();
    const u = await createUser("agent");
    const r = await admin.put(`/users/${u.id}`, { email: "newemail@example.com", role: "admin", is_active: 1 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ message: "User updated successfully", data: { email: "newemail@example.com", role: "admin", username: u.username } });
    expect(r.body.data.updated_at).not.toBeNull();
    await admin.put(`/users/${u.id}`, { password: "brand-new-password" });
    expect(await signIn(u.username, u.password)).toBeUndefined();
    expect(await signIn(u.username, "brand-new-password")).toBeTruthy();
    expect((await admin.put(`/users/999999`, { email: "a@b.co" })).status).toBe(404);
    expect((await admin.put(`/users/${u.id}`, { email: "not-an-email" })).status).toBe(400);
  });

  it("never removes, demotes or disables the last admin, nor lets an admin delete themselves", async () => {
    const admin = await adminClient();
    const users = (await admin.get("/users")).body.data as { id: number; role: string; is_active: number; username: string }[];
    // Leave exactly one active admin: the bootstrap one.
    for (const u of users) if (u.role === "admin" && u.username !== "admin") await admin.put(`/users/${u.id}`, { role: "supervisor" });
    const me = users.find((u) => u.username === "admin")!;
    const lastDelete = await admin.del(`/users/${me.id}`);
    expect(lastDelete.status).toBe(409);
    expect(lastDelete.body.message).toBe("Cannot delete the last admin user");
    expect((await admin.put(`/users/${me.id}`, { role: "supervisor" })).status).toBe(409);
    expect((await admin.put(`/users/${me.id}`, { is_active: 0 })).status).toBe(409);
    expect((await admin.get("/users")).body.data.find((u: { id: number }) => u.id === me.id)).toMatchObject({ role: "admin", is_active: 1 });

    const second = await createUser("admin");
    const otherAdmin = client({ cookie: (await signIn(second.username, second.password))! });
    const self = await otherAdmin.del(`/users/${second.id}`);
    expect(self.status).toBe(409);
    expect(self.body.message).toBe("You cannot delete your own account");
    expect((await admin.del(`/users/${second.id}`)).status).toBe(200);
  });

  it("deletes a user, whose session and tokens stop working", async () => {
    const admin = await adminClient();
    const u = await createUser("supervisor");
    const cookie = (await signIn(u.username, u.password))!;
    const { token } = await createToken({ cookie });
    const r = await admin.del(`/users/${u.id}`);
    expect(r.body).toEqual({ success: true, code: 200, message: "User deleted successfully" });
    expect((await client({ token }).get("/campaigns")).status).toBe(401);
    expect((await client({ cookie }).get("/campaigns")).status).toBe(401);
    expect((await admin.del(`/users/${u.id}`)).status).toBe(404);
  });
});
