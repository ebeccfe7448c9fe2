import { z } from "zod";

// The one-time admin setup code (lib/admin/setup-code.ts): 20 base32 characters (100 random bits),
// printed in groups of five. People copy it from a log, so case, spaces and dashes do not matter.

export const SETUP_CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
export const SETUP_CODE_LENGTH = 20;
const SETUP_CODE_PATTERN = new RegExp(`^[${SETUP_CODE_ALPHABET}]{${SETUP_CODE_LENGTH}}$`);

/** The code as stored and compared: upper case, without the spaces and dashes that group it. */
export function normaliseSetupCode(input: string): string {
  return input.replace(/[\s-]+/g, "").toUpperCase();
}

/** The code as printed: groups of five characters joined by dashes. */
export function formatSetupCode(code: string): string {
  return (
    normaliseSetupCode(code)
      .match(/.{1,5}/g)
      ?.join("-") ?? ""
  );
}

const ENTER_CODE = "Enter the setup code from the server log.";
const CODE_SHAPE = "A setup code is 20 letters and digits in groups of five, like ABCDE-FGHIJ-KLMNO-PQRS7. Copy it from the server log.";

export const setupCodeSchema = z.object({
  code: z
    .string({ error: ENTER_CODE })
    .max(100, CODE_SHAPE)
    .transform(normaliseSetupCode)
    .pipe(z.string().min(1, ENTER_CODE).regex(SETUP_CODE_PATTERN, CODE_SHAPE)),
});

export type SetupCodeInput = z.infer<typeof setupCodeSchema>;
