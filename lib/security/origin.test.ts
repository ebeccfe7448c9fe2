import { describe, expect, it } from "vitest";
import { crossSiteRefusal } from "./origin";

const post = (headers: Record<string, string>) => crossSiteRefusal("POST", new Headers({ host: "app.example.com", ...headers }));

describe("crossSiteRefusal", () => {
  it("lets same-origin browser requests through", () => {
    expect(post({ origin: "https://app.example.com", "sec-fetch-site": "same-origin" })).toBeNull();
    expect(post({ origin: "https://APP.example.com" })).toBeNull();
    // Behind a proxy, the forwarded host is the one the browser used.
    expect(post({ host: "127.0.0.1:3000", "x-forwarded-host": "app.example.com", origin: "https://app.example.com" })).toBeNull();
  });

  it("refuses another origin, Origin: null, and a malformed Origin", () => {
    expect(post({ origin: "https://evil.example" })).toMatch(/another site/);
    expect(post({ origin: "https://app.example.com.evil.example" })).toMatch(/another site/);
    expect(post({ origin: "null" })).toMatch(/null/);
    expect(post({ origin: "not a url" })).toMatch(/not a URL/);
  });

  it("refuses cross-site and same-site fetches even with a matching Origin", () => {
    expect(post({ "sec-fetch-site": "cross-site" })).toMatch(/cross-site/);
    expect(post({ "sec-fetch-site": "same-site", origin: "https://app.example.com" })).toMatch(/same-site/);
  });

  it("lets non-browser clients (no Origin, no Sec-Fetch-Site) and safe methods through", () => {
    expect(post({})).toBeNull();
    expect(post({ "sec-fetch-site": "none" })).toBeNull();
    expect(
      crossSiteRefusal("GET", new Headers({ host: "app.example.com", origin: "https://evil.example", "sec-fetch-site": "cross-site" })),
    ).toBeNull();
  });

  it("checks every unsafe method", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "post"]) {
      expect(crossSiteRefusal(method, new Headers({ host: "a.test", origin: "https://b.test" }))).not.toBeNull();
    }
  });
});
