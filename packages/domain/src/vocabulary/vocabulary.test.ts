import { describe, expect, it } from "vitest";
import { CARE_DOMAIN_LABELS, CARE_DOMAINS, isCareDomain, isPerspective, PERSPECTIVE_LABELS, PERSPECTIVES } from "./vocabulary.js";

describe("shared vocabulary", () => {
  it("uses the database's enum values", () => {
    expect(PERSPECTIVES).toEqual(["PATIENT", "RELATIVE", "SERVICE_USER"]);
    expect(CARE_DOMAINS).toEqual(["SOMATIC", "PSYCHIATRIC", "SOCIAL_SERVICES", "MIXED"]);
  });

  it("recognises its values only", () => {
    expect(isPerspective("RELATIVE")).toBe(true);
    expect(isPerspective("relative")).toBe(false);
    expect(isCareDomain("MIXED")).toBe(true);
    expect(isCareDomain(undefined)).toBe(false);
  });

  it("labels every value in Swedish and English", () => {
    expect(PERSPECTIVE_LABELS.RELATIVE).toEqual({ sv: "Närstående", en: "Relative" });
    expect(CARE_DOMAIN_LABELS.SOCIAL_SERVICES.sv).toBe("Socialtjänst");
  });
});
