import { randomUUID } from "node:crypto";
import { AuthPages } from "./support/auth-pages";
import { countFormProgress, submissionsOf } from "./support/db";
import { expect, SAME_IN_EVERY_MODE, test } from "./support/fixtures";
import { OnboardingPages } from "./support/onboarding-pages";

const HUGE = "x".repeat(10_000);
const uniqueSlug = () => `ws-${randomUUID().slice(0, 8)}`;
const PROFILE = { fullName: "Katherine Johnson", jobTitle: "", timeZone: "UTC" };

// Refused by the step's schema (lib/onboarding) before anything is stored, whatever keeps the progress:
// the same code in every mode, so these two run in database mode only.
test(
  "10,000-character values get a clear message on every step and nothing typed is lost",
  SAME_IN_EVERY_MODE,
  async ({ page, auth, onboarding, newUser }) => {
    await auth.register(newUser());
    await page.goto("/onboarding/profile");
    await onboarding.fillProfile({ fullName: HUGE, jobTitle: HUGE });
    await onboarding.next();
    await expect(page.getByText("Use at most 60 characters for your full name.")).toBeVisible();
    await expect(page.getByText("Use at most 60 characters for your job title.")).toBeVisible();
    await expect(page.getByLabel("Full name")).toHaveValue(HUGE);
    await expect(page.getByLabel("Job title (optional)")).toHaveValue(HUGE);
    await onboarding.expectAt("profile");

    await onboarding.saveProfile(PROFILE);
    await onboarding.fillWorkspace({ workspaceName: HUGE, slug: HUGE, teamSize: "Just me" });
    await onboarding.next();
    await expect(page.getByText("Use at most 60 characters for a workspace name.")).toBeVisible();
    await expect(page.getByText("Use at most 40 characters for the slug.")).toBeVisible();
    await expect(page.getByLabel("Workspace name")).toHaveValue(HUGE);
    await expect(page.getByLabel("Team size")).toHaveValue("1");

    await onboarding.saveWorkspace({ workspaceName: "Orbit", slug: uniqueSlug(), teamSize: "Just me" });
    await onboarding.fillPreferences({ useCases: ["Security review"], productUpdates: true, notes: HUGE });
    await onboarding.next();
    await expect(page.getByText("Use at most 280 characters for your notes.")).toBeVisible();
    await expect(page.getByLabel("Notes (optional)")).toHaveValue(HUGE);
    await expect(page.getByLabel("Security review")).toBeChecked();
    await expect(page.getByLabel("Send me product updates")).toBeChecked();
  },
);

test(
  "missing required answers and a malformed slug are refused beside their fields",
  SAME_IN_EVERY_MODE,
  async ({ page, auth, onboarding, newUser }) => {
    await auth.register(newUser());
    await page.goto("/onboarding/profile");
    await onboarding.fillProfile({ fullName: "   " });
    await onboarding.next();
    await expect(page.getByText("Enter your full name.")).toBeVisible();
    await expect(page.getByLabel("Full name")).toHaveAttribute("aria-invalid", "true");
    await onboarding.saveProfile(PROFILE);
    await page.getByLabel("URL slug").fill("Not A Slug!");
    await onboarding.next();
    await expect(page.getByText("Enter a workspace name.")).toBeVisible();
    await expect(page.getByText("Use lower-case letters, digits and single hyphens, like acme-labs.")).toBeVisible();
    await expect(page.getByText("Choose your team size.")).toBeVisible();
    await expect(page.getByLabel("URL slug")).toHaveValue("Not A Slug!");
  },
);

test("emoji, right-to-left text, HTML and script are kept exactly and shown as text", async ({ page, auth, onboarding, db, newUser }) => {
  const user = newUser();
  await auth.register(user);
  let dialogs = 0;
  page.on("dialog", async (dialog) => {
    dialogs++;
    await dialog.dismiss();
  });
  const answers = {
    fullName: "<script>alert(1)</script> مرحبا 👩🏽‍🚀",
    jobTitle: '<img src=x onerror="alert(2)">',
    workspaceName: 'שלום "><b id="injected">bold</b>',
    notes: "<svg onload=alert(3)>\n🚀 ‏עברית‎ & <i>x</i>",
  };
  await page.goto("/onboarding/profile");
  await onboarding.saveProfile({ fullName: answers.fullName, jobTitle: answers.jobTitle, timeZone: "Asia/Jerusalem" });
  const slug = uniqueSlug();
  await onboarding.saveWorkspace({ workspaceName: answers.workspaceName, slug, teamSize: "2–10 people" });
  await onboarding.savePreferences({ useCases: [], productUpdates: false, notes: answers.notes });
  await expect(page.getByTestId("answer-Full name")).toHaveText(answers.fullName);
  await expect(page.getByTestId("answer-Job title")).toHaveText(answers.jobTitle);
  await expect(page.getByTestId("answer-Workspace name")).toHaveText(answers.workspaceName);
  await expect(page.getByTestId("answer-Notes")).toHaveText(answers.notes);
  await expect(page.locator("#injected")).toHaveCount(0);
  await onboarding.submit();
  await expect(page.getByTestId("answer-Notes")).toHaveText(answers.notes);
  expect(dialogs).toBe(0);
  const [stored] = await submissionsOf(db, user.email);
  expect(stored?.answers).toMatchObject({
    profile: { fullName: answers.fullName, jobTitle: answers.jobTitle },
    workspace: { workspaceName: answers.workspaceName, slug },
    preferences: { notes: answers.notes },
  });
});

test("a slug taken by a submitted workspace is refused with a clear message", async ({ page, auth, onboarding, newUser, newContext }) => {
  const slug = uniqueSlug();
  const firstContext = await newContext();
  const firstPage = await firstContext.newPage();
  const first = newUser();
  await new AuthPages(firstPage).register(first);
  const firstOnboarding = new OnboardingPages(firstPage);
  await firstPage.goto("/onboarding/profile");
  await firstOnboarding.saveProfile(PROFILE);
  await firstOnboarding.saveWorkspace({ workspaceName: "First", slug, teamSize: "Just me" });
  await firstOnboarding.savePreferences({ useCases: [], productUpdates: false, notes: "" });
  await firstOnboarding.submit();
  await firstContext.close();

  await auth.register(newUser());
  await page.goto("/onboarding/profile");
  await onboarding.saveProfile(PROFILE);
  await onboarding.fillWorkspace({ workspaceName: "Second", slug, teamSize: "Just me" });
  await onboarding.next();
  await expect(page.getByText("That slug belongs to another workspace. Choose a different one.")).toBeVisible();
  await expect(page.getByLabel("Workspace name")).toHaveValue("Second");
  await onboarding.expectAt("workspace");
});

test("a tampered version field is refused and saves nothing", async ({ page, auth, onboarding, db, newUser }) => {
  const user = newUser();
  await auth.register(user);
  await page.goto("/onboarding/profile");
  await page.locator('input[name="version"]').evaluate((input: HTMLInputElement) => {
    input.value = "999";
  });
  await onboarding.fillProfile(PROFILE);
  await onboarding.next();
  await expect(page.getByText(/changed in another tab or window/)).toBeVisible();
  await expect(page.getByLabel("Full name")).toHaveValue(PROFILE.fullName);
  expect(await countFormProgress(db, user.email)).toBe(0);
  // The form now carries the real version: saving again works.
  await onboarding.next();
  await onboarding.expectAt("workspace");
});

test("two tabs saving different answers: the later one is told, keeps what it typed, and can save again", async ({
  context,
  page,
  auth,
  onboarding,
  newUser,
}) => {
  await auth.register(newUser());
  await page.goto("/onboarding/profile");
  const other = await context.newPage();
  await other.goto("/onboarding/profile");
  const otherOnboarding = new OnboardingPages(other);

  await onboarding.saveProfile({ ...PROFILE, fullName: "Alpha" });
  await otherOnboarding.fillProfile({ ...PROFILE, fullName: "Beta" });
  await otherOnboarding.next();
  await expect(other.getByText(/changed in another tab or window/)).toBeVisible();
  await expect(other.getByLabel("Full name")).toHaveValue("Beta");

  // The first tab's answer is still what is saved.
  await page.goto("/onboarding/profile");
  await expect(page.getByLabel("Full name")).toHaveValue("Alpha");

  await otherOnboarding.next();
  await otherOnboarding.expectAt("workspace");
  await page.goto("/onboarding/profile");
  await expect(page.getByLabel("Full name")).toHaveValue("Beta");
});

test("answers too large for the session token are refused in jwt mode with what to shorten; database mode keeps them", async ({
  page,
  auth,
  onboarding,
  newUser,
  mode,
}) => {
  await auth.register(newUser());
  await page.goto("/onboarding/profile");
  // Within every field limit, but four bytes per character.
  await onboarding.saveProfile({ fullName: "🚀".repeat(60), jobTitle: "🛰".repeat(60), timeZone: "UTC" });
  await onboarding.saveWorkspace({ workspaceName: "🌍".repeat(60), slug: uniqueSlug(), teamSize: "Just me" });
  await onboarding.fillPreferences({ useCases: [], productUpdates: false, notes: "✨".repeat(280) });
  await onboarding.next();
  if (mode === "jwt") {
    await expect(page.getByRole("main").getByRole("alert")).toContainText("too long to keep in this browser's session cookie");
    await expect(page.getByRole("main").getByRole("alert")).toContainText("Shorten your notes.");
    await expect(page.getByLabel("Notes (optional)")).toHaveValue("✨".repeat(280));
    await onboarding.expectAt("preferences");
    // The session survived intact.
    await page.goto("/dashboard");
    await expect(page.getByTestId("onboarding-progress")).toHaveText("Step 3 of 4");
  } else {
    await onboarding.expectAt("review");
  }
});
