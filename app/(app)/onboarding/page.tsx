import { redirect } from "next/navigation";
import { requireSession } from "@/lib/dal";
import { getProgressStore } from "@/lib/progress";
import { firstIncompleteStep } from "@/lib/progress/model";

export default async function OnboardingPage() {
  const session = await requireSession("/onboarding");
  redirect(`/onboarding/${firstIncompleteStep(await getProgressStore().load(session.user))}`);
}
