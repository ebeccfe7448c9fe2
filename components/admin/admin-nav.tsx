import Link from "next/link";

export function AdminNav({ current }: { current: "users" | "activity" }) {
  const item = (key: "users" | "activity", href: string, label: string) => (
    <Link
      href={href}
      aria-current={current === key ? "page" : undefined}
      className={`rounded-lg px-3 py-2 text-sm font-medium ${current === key ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-100"}`}
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label="Admin" className="flex items-center gap-2">
      <span className="mr-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Admin</span>
      {item("users", "/admin/users", "Users")}
      {item("activity", "/admin/activity", "Activity log")}
    </nav>
  );
}
