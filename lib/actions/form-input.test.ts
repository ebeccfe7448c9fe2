import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formAction, parseSubmission, readFields } from "./form-input";
import { IDLE } from "./state";

function form(entries: Record<string, string | Blob>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) data.set(name, value);
  return data;
}

const schema = z.object({
  email: z.email("Enter an email address."),
  password: z.string().min(8, "At least 8 characters."),
  remember: z.boolean(),
});

describe("readFields", () => {
  it("turns missing and non-text entries into empty strings", () => {
    const data = form({ email: "a@b.co", password: new Blob(["x"]) });
    expect(readFields(data, ["email", "password", "name"] as const)).toEqual({ email: "a@b.co", password: "", name: "" });
  });
});

describe("parseSubmission", () => {
  const spec = {
    schema,
    fields: ["email", "password"],
    extra: (data: FormData) => ({ remember: data.get("remember") === "on" }),
    keep: ["email"],
  } as const;

  it("hands over the parsed input, text fields and extras together", () => {
    const parsed = parseSubmission(spec, form({ email: "a@b.co", password: "long enough", remember: "on" }));
    expect(parsed).toEqual({ ok: true, input: { email: "a@b.co", password: "long enough", remember: true }, values: { email: "a@b.co" } });
  });

  it("answers field errors beside their fields and shows kept fields again, never the others", () => {
    const parsed = parseSubmission(spec, form({ email: "not an email", password: "short" }));
    expect(parsed).toEqual({
      ok: false,
      state: {
        status: "error",
        fieldErrors: { email: ["Enter an email address."], password: ["At least 8 characters."] },
        values: { email: "not an email" },
      },
    });
  });

  it("answers one message instead of field errors for forms of hidden inputs", () => {
    const parsed = parseSubmission({ ...spec, invalid: "That request was not understood." }, form({ email: "x" }));
    expect(parsed).toEqual({ ok: false, state: { status: "error", message: "That request was not understood." } });
  });
});

describe("formAction", () => {
  it("never runs the handler for input that does not parse", async () => {
    const calls: unknown[] = [];
    const action = formAction({ schema: schema.omit({ remember: true }), fields: ["email", "password"] }, async (input) => {
      calls.push(input);
      return { status: "success" };
    });
    expect(await action(IDLE, form({ email: "bad", password: "long enough" }))).toMatchObject({ status: "error" });
    expect(calls).toEqual([]);
    expect(await action(IDLE, form({ email: "a@b.co", password: "long enough" }))).toEqual({ status: "success" });
    expect(calls).toEqual([{ email: "a@b.co", password: "long enough" }]);
  });
});
