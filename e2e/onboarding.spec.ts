import { randomUUID } from "node:crypto";
import { sessionCookie } from "./support/auth-pages";
import { activityOf, countFormProgress, submissionsOf } from "./support/db";
import { recordFact } from "./support/facts";
import { expect, test } from "./support/fixtures";

const uniqueSlug = () => `ws-${randomUUID().slice(0, 8)}`;

test("complete the form end to end: the Submission holds exactly what was entered", async ({ page, auth, onboarding, db, newUser }) => {
  const user = newUser();
  await auth.register(user);
  await page.getByRole("link", { name: "Set up your workspace" }).click();
  await onboarding.expectAt("profile");
  const slug = uniqueSlug();
  await onboarding.saveProfile({ fullName: "Ada King", jobTitle: "Analyst", timeZone: "Europe/London" });
  await onboarding.saveWorkspace({ workspaceName: "Analytical Engines", slug, teamSize: "2–10 people" });
  await onboarding.savePreferences({
    useCases: ["Security review", "Teaching or learning"],
    productUpdates: true,
    notes: "First line\nSecond line",
  });
  await expect(page.getByTestId("answer-URL slug")).toHaveText(slug);
  await onboarding.submit();
  await expect(page.getByTestId("answer-Workspace name")).toHaveText("Analytical Engines");

  const submissions = await submissionsOf(db, user.email);
  expect(submissions).toHaveLength(1);
  expect(submissions[0]?.workspaceSlug).toBe(slug);
  expect(submissions[0]?.answers).toEqual({
    profile: { fullName: "Ada King", jobTitle: "Analyst", timeZone: "Europe/London" },
    workspace: { workspaceName: "Analytical Engines", slug, teamSize: "2-10" },
    preferences: { useCases: ["security", "teaching"], productUpdates: true, notes: "First line\nSecond line" },
  });
  expect(await countFormProgress(db, user.email), "progress is cleared after Submit").toBe(0);
  // The activity trail has each step save and one submission.
  await expect
    .poll(async () =>
      (await activityOf(db, user.email)).filter((e) => e.type.startsWith("onboarding.")).map((e) => [e.type, e.detail.step ?? null]),
    )
    .toEqual([
      ["onboarding.step_saved", "profile"],
      ["onboarding.step_saved", "workspace"],
      ["onboarding.step_saved", "preferences"],
      ["onboarding.submitted", null],
    ]);
  await page.goto("/dashboard");
  await expect(page.getByTestId("onboarding-progress")).toHaveText("Submitted: Analytical Engines");
});

const PROFILE = { fullName: "Grace Hopper", jobTitle: "Rear Admiral", timeZone: "America/New_York" };
const WORKSPACE = (slug: string) => ({ workspaceName: "Compilers", slug, teamSize: "11–50 people" });
const PREFERENCES = { useCases: ["Building a production app"], productUpdates: false, notes: "Ship it" };

test("reloading resumes where you were, and going back shows what was saved", async ({ page, auth, onboarding, newUser }) => {
  await auth.register(newUser());
  await page.goto("/onboarding");
  await onboarding.saveProfile(PROFILE);
  const slug = uniqueSlug();
  await onboarding.saveWorkspace(WORKSPACE(slug));
  await page.reload();
  await onboarding.expectAt("preferences");
  await page.goto("/onboarding");
  await onboarding.expectAt("preferences");
  await expect(page.getByText("Step 3 of 4")).toBeVisible();

  await page.getByRole("link", { name: "Back" }).click();
  await onboarding.expectAt("workspace");
  await expect(page.getByLabel("URL slug")).toHaveValue(slug);
  await page.getByRole("link", { name: "Back" }).click();
  await expect(page.getByLabel("Full name")).toHaveValue(PROFILE.fullName);
  await expect(page.getByLabel("Job title (optional)")).toHaveValue(PROFILE.jobTitle);
  await expect(page.getByLabel("Time zone")).toHaveValue(PROFILE.timeZone);

  // Editing an earlier step keeps the later answers.
  await onboarding.saveProfile({ ...PROFILE, jobTitle: "Commodore" });
  await expect(page.getByLabel("URL slug")).toHaveValue(slug);
});

test("after signing out and in, database mode resumes and jwt mode starts fresh", async ({ page, auth, onboarding, newUser, mode }) => {
  const user = newUser();
  await auth.register(user);
  await page.goto("/onboarding");
  await onboarding.saveProfile(PROFILE);
  await onboarding.saveWorkspace(WORKSPACE(uniqueSlug()));
  await auth.logout();
  await auth.login(user);
  await page.goto("/onboarding");
  if (mode === "database") {
    await onboarding.expectAt("preferences");
  } else {
    await onboarding.expectAt("profile");
    await expect(page.getByLabel("Full name")).toHaveValue("");
    await expect(page.getByText("Kept in this browser's session")).toBeVisible();
  }
});

test("a second browser signed in as the same user sees the progress only in database mode", async ({
  page,
  auth,
  onboarding,
  newUser,
  mode,
  newContext,
}) => {
  const user = newUser();
  await auth.register(user);
  await page.goto("/onboarding");
  await onboarding.saveProfile(PROFILE);

  const other = await newContext();
  const otherPage = await other.newPage();
  const { AuthPages } = await import("./support/auth-pages");
  await new AuthPages(otherPage).login(user);
  await expect(otherPage.getByTestId("onboarding-progress")).toHaveText(mode === "database" ? "Step 2 of 4" : "Not started");
  await other.close();
});

test("skipping ahead by URL lands on the first incomplete step", async ({ page, auth, onboarding, newUser }) => {
  await auth.register(newUser());
  for (const step of ["workspace", "preferences", "review"]) {
    await page.goto(`/onboarding/${step}`);
    await onboarding.expectAt("profile");
  }
  await onboarding.saveProfile(PROFILE);
  await page.goto("/onboarding/review");
  await onboarding.expectAt("workspace");
});

test("a forged post for a later step is refused and saves nothing; the same post for the current step is accepted", async ({
  page,
  auth,
  onboarding,
  db,
  newUser,
}) => {
  const user = newUser();
  await auth.register(user);
  await page.goto("/onboarding/profile");
  let original: string | null = null;
  // The step id travels with the action call; rewrite it to skip ahead two steps. (fallback, not
  // continue: the request goes on through the leak guard's route, which reads the answer on its way.)
  await page.route("**/onboarding/profile", async (route) => {
    const body = route.request().postData();
    if (route.request().method() !== "POST" || !body?.includes('"profile"')) return route.fallback();
    original = body;
    await route.fallback({ postData: body.replaceAll('"profile"', '"preferences"') });
  });
  await onboarding.fillProfile(PROFILE);
  const refused = page.waitForResponse(
    (response) => response.request().method() === "POST" && response.url().endsWith("/onboarding/profile"),
  );
  await onboarding.next();
  await refused;
  await onboarding.expectAt("profile");
  expect(original, "the request was rewritten").not.toBeNull();
  await page.unrouteAll({ behavior: "wait" });
  expect(await countFormProgress(db, user.email)).toBe(0);

  // Control: the same form posted again from a fresh page, this time unaltered, saves the step. Its body
  // matches the one that was rewritten (multipart boundaries aside), so the refusal above came from the
  // step check, not from a malformed request.
  const boundaries = (body: string) => body.replace(/----WebKitFormBoundary[A-Za-z0-9]+/g, "BOUNDARY");
  let genuine: string | null = null;
  await page.route("**/onboarding/profile", async (route) => {
    if (route.request().method() === "POST") genuine = route.request().postData();
    await route.fallback();
  });
  await page.goto("/onboarding/profile");
  await onboarding.fillProfile(PROFILE);
  await onboarding.next();
  await onboarding.expectAt("workspace");
  await page.unrouteAll({ behavior: "wait" });
  expect(genuine, "the genuine request was seen").not.toBeNull();
  expect(boundaries(genuine ?? ""), "the genuine post is the rewritten one but for the step id").toBe(boundaries(original ?? "x"));
  await page.goto("/dashboard");
  await expect(page.getByTestId("onboarding-progress")).toHaveText("Step 2 of 4");
});

test("update data posted to /api/auth/session by the browser changes nothing", async ({ page, auth, onboarding, newUser }) => {
  await auth.register(newUser());
  await page.goto("/onboarding");
  await onboarding.saveProfile(PROFILE);
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const forgedProgress = {
    formId: "forged",
    version: 99,
    answers: { profile: PROFILE, workspace: { workspaceName: "x", slug: "forged", teamSize: "1" } },
  };
  const response = await page.request.post("/api/auth/session", {
    data: { csrfToken, data: { role: "ADMIN", step: 99, progress: forgedProgress, user: { role: "ADMIN", name: "Mallory" } } },
  });
  expect(response.status()).toBe(200);
  const session = (await response.json()) as { user: { role: string; name: string } };
  expect(session.user.role).toBe("USER");
  await page.goto("/dashboard");
  await expect(page.getByTestId("user-role")).toHaveText("User");
  await expect(page.getByTestId("onboarding-progress")).toHaveText("Step 2 of 4");
  await page.goto("/onboarding/review");
  await onboarding.expectAt("workspace");
});

test("Submit is idempotent: two tabs submitting at once, and a replayed pre-submit cookie, create one Submission", async ({
  context,
  page,
  auth,
  onboarding,
  db,
  newUser,
  mode,
}) => {
  const user = newUser();
  await auth.register(user);
  await page.goto("/onboarding");
  await onboarding.saveProfile(PROFILE);
  await onboarding.saveWorkspace(WORKSPACE(uniqueSlug()));
  await onboarding.savePreferences(PREFERENCES);
  const preSubmitCookie = await sessionCookie(context);

  const second = await context.newPage();
  await second.goto("/onboarding/review");
  await Promise.all([page.getByRole("button", { name: "Submit" }).click(), second.getByRole("button", { name: "Submit" }).click()]);
  for (const tab of [page, second]) await expect(tab).toHaveURL(/\/onboarding\/done$/);
  expect(await submissionsOf(db, user.email)).toHaveLength(1);

  // Put back the cookie from before Submit (in jwt mode it still carries the finished form) and submit again.
  await context.addCookies(preSubmitCookie ? [preSubmitCookie] : []);
  await page.goto("/onboarding");
  if (mode === "jwt") {
    await onboarding.expectAt("review");
    await onboarding.submit();
  } else {
    // The database progress was cleared at Submit; the cookie only names the session.
    await onboarding.expectAt("profile");
  }
  expect(await submissionsOf(db, user.email)).toHaveLength(1);
});

test("Start over clears the progress", async ({ page, auth, onboarding, newUser }) => {
  await auth.register(newUser());
  await page.goto("/onboarding");
  await onboarding.saveProfile(PROFILE);
  await onboarding.saveWorkspace(WORKSPACE(uniqueSlug()));
  await onboarding.savePreferences(PREFERENCES);
  await page.getByRole("button", { name: "Start over" }).click();
  await onboarding.expectAt("profile");
  await expect(page.getByLabel("Full name")).toHaveValue("");
  await page.goto("/onboarding/review");
  await onboarding.expectAt("profile");
});

test("the session cookie: unchanged by step saves in database mode, growing but under 2,000 bytes in jwt mode", async ({
  context,
  page,
  auth,
  onboarding,
  newUser,
  mode,
}) => {
  await auth.register(newUser());
  const sizes: number[] = [];
  const values: string[] = [];
  const record = async (step: string) => {
    const cookie = await sessionCookie(context);
    values.push(cookie?.value ?? "");
    sizes.push(Buffer.byteLength(`${cookie?.name}=${cookie?.value}`));
    recordFact(mode, `cookie.bytes.${step}`, sizes.at(-1) ?? 0, "bytes");
  };
  await record("signed in");
  await page.goto("/onboarding");
  // The largest answers the form allows, in single-byte characters.
  await onboarding.saveProfile({ fullName: "N".repeat(60), jobTitle: "J".repeat(60), timeZone: "America/Argentina/Rio_Gallegos" });
  await record("profile saved");
  await onboarding.saveWorkspace({ workspaceName: "W".repeat(60), slug: `${uniqueSlug()}-${"s".repeat(28)}`, teamSize: "More than 200" });
  await record("workspace saved");
  await onboarding.savePreferences({
    useCases: ["Comparing session strategies", "Building a production app", "Security review", "Teaching or learning", "Something else"],
    productUpdates: true,
    notes: "n".repeat(280),
  });
  await record("preferences saved");
  const cookieNames = (await context.cookies()).map((cookie) => cookie.name);
  expect(
    cookieNames.filter((name) => /^authjs\.session-token\.\d+$/.test(name)),
    "never chunked",
  ).toEqual([]);
  if (mode === "database") {
    expect(new Set(values).size, "the cookie value never changed").toBe(1);
    expect(sizes[0]).toBeLessThanOrEqual(100);
  } else {
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeGreaterThan(sizes[i - 1] ?? 0);
    expect(Math.max(...sizes)).toBeLessThan(2000);
    await page.goto("/dashboard");
    await expect(page.getByTestId("cookie-size")).toHaveText(`${sizes.at(-1)?.toLocaleString("en-US")} bytes`);
  }
});
