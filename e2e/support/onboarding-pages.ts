import { expect, type Page } from "@playwright/test";

export type ProfileInput = { fullName: string; jobTitle?: string; timeZone?: string };
export type WorkspaceInput = { workspaceName: string; slug: string; teamSize: string };
export type PreferencesInput = { useCases: string[]; productUpdates: boolean; notes: string };

/** The onboarding steps, filled the way a person would. Option and checkbox arguments are visible labels. */
export class OnboardingPages {
  constructor(readonly page: Page) {}

  async next() {
    await this.page.getByRole("button", { name: "Save and continue" }).click();
  }

  async fillProfile(input: ProfileInput) {
    await this.page.getByLabel("Full name").fill(input.fullName);
    await this.page.getByLabel("Job title (optional)").fill(input.jobTitle ?? "");
    if (input.timeZone) await this.page.getByLabel("Time zone").selectOption(input.timeZone);
  }

  async fillWorkspace(input: WorkspaceInput) {
    await this.page.getByLabel("Workspace name").fill(input.workspaceName);
    await this.page.getByLabel("URL slug").fill(input.slug);
    await this.page.getByLabel("Team size").selectOption({ label: input.teamSize });
  }

  async fillPreferences(input: PreferencesInput) {
    for (const label of [
      "Comparing session strategies",
      "Building a production app",
      "Security review",
      "Teaching or learning",
      "Something else",
    ]) {
      await this.page.getByLabel(label).setChecked(input.useCases.includes(label));
    }
    await this.page.getByLabel("Send me product updates").setChecked(input.productUpdates);
    await this.page.getByLabel("Notes (optional)").fill(input.notes);
  }

  async saveProfile(input: ProfileInput) {
    await this.fillProfile(input);
    await this.next();
    await expect(this.page).toHaveURL(/\/onboarding\/workspace$/);
  }

  async saveWorkspace(input: WorkspaceInput) {
    await this.fillWorkspace(input);
    await this.next();
    await expect(this.page).toHaveURL(/\/onboarding\/preferences$/);
  }

  async savePreferences(input: PreferencesInput) {
    await this.fillPreferences(input);
    await this.next();
    await expect(this.page).toHaveURL(/\/onboarding\/review$/);
  }

  async submit() {
    await this.page.getByRole("button", { name: "Submit" }).click();
    await expect(this.page).toHaveURL(/\/onboarding\/done$/);
    await expect(this.page.getByRole("heading", { name: "Your workspace is set up" })).toBeVisible();
  }

  async expectAt(step: "profile" | "workspace" | "preferences" | "review") {
    await expect(this.page).toHaveURL(new RegExp(`/onboarding/${step}$`));
  }
}
