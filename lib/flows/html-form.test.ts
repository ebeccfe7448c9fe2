import { describe, expect, it } from "vitest";
import { findForm, formBody } from "./html-form";

const PAGE = `<header><form action="" method="POST"><input type="hidden" name="$ACTION_ID_abc"/><button>Sign out</button></form></header>
<form action="" encType="multipart/form-data" method="POST"><input type="hidden" name="$ACTION_REF_1"/><input type="hidden" name="$ACTION_1:0" value="{&quot;id&quot;:&quot;7f&quot;,&quot;bound&quot;:&quot;$@1&quot;}"/><input type="hidden" name="$ACTION_KEY" value="k0"/>
<input type="email" name="email" value=""/><input type="hidden" name="callbackUrl" value="/a?b=1&amp;c=2"/></form>`;

describe("findForm", () => {
  it("finds the form by a marker and submits its hidden inputs as a browser without JavaScript would", () => {
    const body = formBody(findForm(PAGE, 'name="email"'), { email: "someone@example.com" });
    expect([...body.entries()]).toEqual([
      ["$ACTION_REF_1", ""],
      ["$ACTION_1:0", '{"id":"7f","bound":"$@1"}'],
      ["$ACTION_KEY", "k0"],
      ["callbackUrl", "/a?b=1&c=2"],
      ["email", "someone@example.com"],
    ]);
    expect([...formBody(findForm(PAGE, "Sign out")).keys()]).toEqual(["$ACTION_ID_abc"]);
  });

  it("says which form it could not find", () => {
    expect(() => findForm(PAGE, 'name="fullName"')).toThrow('no form with "name=\\"fullName\\"" on the page');
  });
});
