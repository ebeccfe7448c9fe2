import { redirect } from "next/navigation";
import { requireAdmin } from "@/lib/dal";

export default async function AdminPage() {
  await requireAdmin("/admin");
  redirect("/admin/users");
}
