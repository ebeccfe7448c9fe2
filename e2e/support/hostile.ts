import { randomBytes, randomInt } from "node:crypto";
import { expect, test, type APIRequestContext, type Request } from "@playwright/test";
import fc from "fast-check";

// Hostile values and the plumbing to post them as a browser would: server actions are multipart
// posts, replayed here from a captured real submission with the user-typed fields replaced.

export type Part = { name: string; value: string | Buffer; filename?: string };

/** Splits a captured multipart/form-data body into its parts. */
export function parseMultipart(body: Buffer, contentType: string): Part[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) throw new Error(`not a multipart body: ${contentType}`);
  const text = body.toString("latin1"); // byte-preserving
  return text
    .split(`--${marker}`)
    .slice(1, -1)
    .map((chunk) => {
      const [head = "", ...rest] = chunk.replace(/^\r\n/, "").split("\r\n\r\n");
      const value = rest.join("\r\n\r\n").replace(/\r\n$/, "");
      const name = /name="([^"]*)"/.exec(head)?.[1] ?? "";
      const filename = /filename="([^"]*)"/.exec(head)?.[1];
      return { name, value: Buffer.from(value, "latin1").toString("utf8"), ...(filename !== undefined ? { filename } : {}) };
    });
}

/** Builds a multipart/form-data body from raw parts: invalid UTF-8 and file parts included. */
export function encodeMultipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----hostile${randomBytes(12).toString("hex")}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ""}`;
    const type = part.filename !== undefined ? "\r\nContent-Type: application/octet-stream" : "";
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`, "utf8"));
    chunks.push(typeof part.value === "string" ? Buffer.from(part.value, "utf8") : part.value);
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

const KNOWN_BAD = [
  "",
  " ",
  "__proto__",
  "constructor",
  "prototype",
  '{"__proto__":{"role":"ADMIN","isAdmin":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  "$K1",
  "$@0",
  "$F0",
  "$Q0",
  "$$",
  "\u0000",
  "a\u0000b",
  "\r\n\r\n",
  "\u202e\u0000\u0007\u001b[31m",
  "<script>alert(1)</script>",
  "' OR '1'='1' --",
  "%00",
  "../../../../etc/passwd",
  "ADMIN",
  "-1",
  "1e309",
  "NaN",
  "Infinity",
  "true",
  "null",
  "[]",
  "{}",
  "//evil.example",
  "https://evil.example/",
  "\\\\evil.example",
  "/\\evil.example",
];

export type Field = Omit<Part, "name">;
export type Fields = Record<string, Field | null>;

/**
 * The curated hostile field values, each of which reaches every field of every form in every run (see
 * `curatedRounds`): the known-bad strings, values past every length limit, bytes that are not UTF-8 (a
 * lone surrogate as a broken encoder sends it, and plain garbage), a file where text belongs, and the
 * field left out (null).
 */
export const CURATED: readonly (Field | null)[] = [
  ...KNOWN_BAD.map((value) => ({ value })),
  ...[1_025, 10_000, 300_000].map((length) => ({ value: "x".repeat(length) })),
  { value: Buffer.from([0x61, 0xed, 0xa0, 0x80, 0x62]) },
  { value: Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x80]) },
  { value: Buffer.from([0x00, 0x01, 0x02, 0xff]), filename: "x.bin" },
  null,
];

/**
 * As many rounds as there are curated values: in round i, the j-th field gets value (i + j) mod n, so
 * across the rounds every curated value reaches every field once (n posts, not n per field).
 */
export function curatedRounds(names: readonly string[]): Fields[] {
  return CURATED.map((_, round) => Object.fromEntries(names.map((name, j) => [name, CURATED[(round + j) % CURATED.length] ?? null])));
}

/** A value a hostile client could put in a form field. */
export const hostileValue: fc.Arbitrary<Part["value"]> = fc.oneof(
  fc.constantFrom(...KNOWN_BAD),
  fc.string({ unit: "binary", maxLength: 80 }), // any code point, controls and astral included
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.jsonValue({ maxDepth: 6 }).map((value) => JSON.stringify(value) ?? "null"),
  fc.constantFrom(1_025, 10_000, 300_000).map((length) => "x".repeat(length)), // past every limit
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)), // raw bytes: invalid UTF-8
  fc.constant(Buffer.from([0x61, 0xed, 0xa0, 0x80, 0x62])), // a lone surrogate, as a broken encoder sends it
);

/** Either a hostile text value, or a file where text belongs. */
export const hostileField: fc.Arbitrary<Field> = fc.oneof(
  { weight: 5, arbitrary: hostileValue.map((value) => ({ value })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 32 }).map((bytes) => ({ value: Buffer.from(bytes), filename: "x.bin" })) },
);

/** Hostile values for the named fields of a form, some of them left out altogether. */
export function hostileFields(names: readonly string[]): fc.Arbitrary<Fields> {
  return fc.record(Object.fromEntries(names.map((name) => [name, fc.option(hostileField, { freq: 6 })])));
}

/** Random runs after the curated ones: fresh inputs each CI run, reproducible from the seed. */
export const RANDOM_RUNS = 8;

/**
 * This test's fast-check seed: E2E_HOSTILE_SEED to replay a failed run, else a new one. It is put on the
 * test as an annotation (fast-check's own failure message repeats it, with the failing path).
 */
export function hostileSeed(): number {
  const seed = Number(process.env.E2E_HOSTILE_SEED) || randomInt(1, 2 ** 31);
  test.info().annotations.push({ type: "hostile-input seed", description: String(seed) });
  return seed;
}

/** Every curated round for these fields, then `RANDOM_RUNS` seeded random ones. */
export async function eachHostile(names: readonly string[], seed: number, check: (fields: Fields) => Promise<void>) {
  for (const fields of curatedRounds(names)) await check(fields);
  await fc.assert(fc.asyncProperty(hostileFields(names), check), { numRuns: RANDOM_RUNS, seed });
}

/** The captured parts with the user-typed fields (matched by their ending: React prefixes them) replaced. */
export function replaceFields(parts: Part[], fields: Fields): Part[] {
  const out: Part[] = [];
  for (const part of parts) {
    const field = Object.keys(fields).find((name) => part.name === name || part.name.endsWith(`_${name}`));
    if (!field) {
      out.push(part);
      continue;
    }
    const replacement = fields[field];
    if (replacement) out.push({ name: part.name, ...replacement });
  }
  return out;
}

/**
 * JSON a forged client could send as an action's argument (its "previous state"): anything, including
 * prototype-pollution keys. Strings starting with "$" are left out: React's reply format reserves them
 * (its client escapes such strings), so they test React's decoder, not this app.
 */
export const CURATED_JSON: readonly string[] = [
  "null",
  "0",
  '""',
  "[]",
  "{}",
  '{"attempt":"x"}',
  '{"attempt":1e308}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"status":"success","version":-1}',
  '{"status":"error","fieldErrors":{"__proto__":["x"]},"values":{"email":{"toString":1}}}',
  `${"[".repeat(500)}${"]".repeat(500)}`,
];
export const hostileJson: fc.Arbitrary<string> = fc
  .oneof(
    fc.jsonValue({ maxDepth: 5 }).map((value) => JSON.stringify(value) ?? "null"),
    fc.constantFrom(...CURATED_JSON),
  )
  .filter((text) => !text.includes('"$'));

/** Every curated previous state, then `RANDOM_RUNS` seeded random ones. */
export async function eachHostileJson(seed: number, check: (json: string) => Promise<void>) {
  for (const json of CURATED_JSON) await check(json);
  await fc.assert(fc.asyncProperty(hostileJson, check), { numRuns: RANDOM_RUNS, seed });
}

/** The captured parts with argument `index` of the action call (the "0" part) replaced by raw JSON. */
export function replaceArgument(parts: Part[], index: number, json: string): Part[] {
  return parts.map((part) => {
    if (part.name !== "0" || typeof part.value !== "string") return part;
    const args = JSON.parse(part.value) as unknown[];
    const marker = "__hostile_argument__";
    args[index] = marker;
    // A function, not a string: a replacement string would expand "$&", "$1"... inside the JSON.
    return { ...part, value: JSON.stringify(args).replace(`"${marker}"`, () => json) };
  });
}

/** What a captured server action POST needs besides its body. */
export function actionRequestHeaders(request: Request): Record<string, string> {
  const keep = ["next-action", "next-router-state-tree", "accept", "origin"];
  return Object.fromEntries(Object.entries(request.headers()).filter(([name]) => keep.includes(name.toLowerCase())));
}

export type Captured = { url: string; headers: Record<string, string>; parts: Part[] };

export function captured(request: Request): Captured {
  return {
    url: request.url(),
    headers: actionRequestHeaders(request),
    parts: parseMultipart(request.postDataBuffer() ?? Buffer.alloc(0), request.headers()["content-type"] ?? ""),
  };
}

/** Posts the captured action with these fields (and, if given, a replaced argument); never a server error. */
export async function postAction(api: APIRequestContext, action: Captured, fields: Fields, argument?: { index: number; json: string }) {
  const parts = replaceFields(action.parts, fields);
  const { body, contentType } = encodeMultipart(argument ? replaceArgument(parts, argument.index, argument.json) : parts);
  const response = await api.post(action.url, { headers: { ...action.headers, "content-type": contentType }, data: body, maxRedirects: 0 });
  expect(
    response.status(),
    `server error for ${describeFields(fields)}${argument ? ` with argument ${argument.json.slice(0, 80)}` : ""}`,
  ).toBeLessThan(500);
  return response;
}

export function describeFields(fields: Fields): string {
  return JSON.stringify(
    Object.fromEntries(
      Object.entries(fields).map(([name, field]) => [
        name,
        field === null
          ? null
          : typeof field.value === "string"
            ? field.value.slice(0, 60)
            : `<${field.value.length} bytes${field.filename ? ", file" : ""}>`,
      ]),
    ),
  );
}

/** Text of a field value as the server would read it (for database lookups). */
export function asText(field: Field | null | undefined): string {
  if (!field || field.filename !== undefined) return "";
  return typeof field.value === "string" ? field.value : field.value.toString("utf8");
}

/** A client address of its own, so the runs' failed sign-ins throttle nobody else. */
export const isolatedIp = () => `198.19.${randomInt(256)}.${randomInt(1, 255)}`;
