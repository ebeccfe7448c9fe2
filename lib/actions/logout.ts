"use server";

import { signOut } from "@/lib/auth";

/** Signs out: database mode deletes the Session row, jwt mode clears the cookie. */
export async function logout(): Promise<void> {
  await signOut({ redirectTo: "/login?signedOut=1" });
}
