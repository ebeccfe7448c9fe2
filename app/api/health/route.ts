export { GET } from "@/lib/health";

// Always answered at request time: it reports on the database now.
export const dynamic = "force-dynamic";
