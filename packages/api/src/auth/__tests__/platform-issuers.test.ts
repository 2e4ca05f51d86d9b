import { describe, expect, it } from "vitest";
import { loadConfig } from "../../config.js";
import { PlatformIssuers } from "../platform-issuers.js";

const configured = {
  issuer: "https://login.medverkan.example.se",
  audience: "medverkan:platform",
  jwksUrl: "https://login.medverkan.example.se/jwks",
  publicKeys: null,
  clientId: "medverkan-operators",
};
const development = {
  issuer: "http://127.0.0.1:4000/idp",
  audience: "medverkan:platform",
  jwksUrl: null,
  publicKeys: null,
  clientId: "medverkan-web",
};

describe("PlatformIssuers", () => {
  it("trusts an issuer only for its own platform audience", () => {
    const issuers = new PlatformIssuers([configured]);
    expect(issuers.find(configured.issuer, ["medverkan:platform"])).toEqual(configured);
    expect(issuers.find(configured.issuer, ["medverkan:kalmar"])).toBeNull();
    expect(issuers.find("https://evil.example", ["medverkan:platform"])).toBeNull();
  });

  it("adds the development provider once it listens, and offers the configured browser sign-in before it", () => {
    const issuers = new PlatformIssuers([configured]);
    issuers.trust(development);
    expect(issuers.find(development.issuer, ["medverkan:platform"])).toEqual(development);
    expect(issuers.browserSignIn()).toEqual({ issuer: configured.issuer, audience: "medverkan:platform", clientId: "medverkan-operators" });
  });

  it("offers no browser sign-in for an issuer without a browser client", () => {
    const issuers = new PlatformIssuers([{ ...configured, clientId: null }]);
    expect(issuers.browserSignIn()).toBeNull();
    issuers.trust(development);
    expect(issuers.browserSignIn()?.issuer).toBe(development.issuer);
  });

  it("reads the platform's browser client from MEDVERKAN_PLATFORM_CLIENT_ID", () => {
    const config = loadConfig({ MEDVERKAN_PLATFORM_ISSUER: configured.issuer, MEDVERKAN_PLATFORM_CLIENT_ID: "medverkan-operators" }, []);
    expect(config.platformIssuer).toMatchObject({
      issuer: configured.issuer,
      audience: "medverkan:platform",
      clientId: "medverkan-operators",
    });
    expect(loadConfig({ MEDVERKAN_PLATFORM_ISSUER: configured.issuer }, []).platformIssuer?.clientId).toBeNull();
  });
});
