// Reads a form out of a server-rendered page the way a browser without JavaScript submits it: every
// hidden input (a server action's id and state included) plus the fields the caller fills in.

const ENTITIES: Record<string, string> = { amp: "&", quot: '"', lt: "<", gt: ">", apos: "'", "#x27": "'", "#39": "'" };

function decode(value: string): string {
  return value.replace(/&(amp|quot|lt|gt|apos|#x27|#39);/g, (_, entity: string) => ENTITIES[entity] ?? "");
}

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(/\s([^\s=/>]+)(?:="([^"]*)")?/g)) {
    if (match[1]) found[match[1]] = decode(match[2] ?? "");
  }
  return found;
}

export type HtmlForm = { hidden: [string, string][] };

/** The first form in `html` whose markup contains `marker` (a field's name, a button's text). */
export function findForm(html: string, marker: string): HtmlForm {
  const form = html.match(/<form\b[\s\S]*?<\/form>/g)?.find((markup) => markup.includes(marker));
  if (!form) throw new Error(`no form with ${JSON.stringify(marker)} on the page`);
  const hidden: [string, string][] = [];
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const { type, name, value } = attributes(tag);
    if (type === "hidden" && name) hidden.push([name, value ?? ""]);
  }
  return { hidden };
}

/** The submission: the form's hidden inputs, then the given fields. */
export function formBody(form: HtmlForm, fields: Record<string, string> = {}): FormData {
  const body = new FormData();
  for (const [name, value] of form.hidden) body.append(name, value);
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return body;
}
