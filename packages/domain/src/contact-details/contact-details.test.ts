import { describe, expect, it } from "vitest";
import { normaliseEmail } from "./email-address.js";
import { normalisePhoneNumber } from "./phone-number.js";

describe("normalisePhoneNumber", () => {
  it.each([
    ["070-123 45 67", "+46701234567"],
    ["0701234567", "+46701234567"],
    ["+46 70 123 45 67", "+46701234567"],
    ["+46 (0)70-123 45 67", "+46701234567"],
    ["+46 070 123 45 67", "+46701234567"],
    ["0046 70 123 45 67", "+46701234567"],
    ["0046701234567", "+46701234567"],
    ["(070) 123 45 67", "+46701234567"],
    ["08-123 456 78", "+46812345678"],
    ["08-123 45 67", "+4681234567"],
    ["0480-45 00 00", "+46480450000"],
    ["036-32 40 00", "+4636324000"],
    ["+47 22 12 34 56", "+4722123456"],
    ["0047 22 12 34 56", "+4722123456"],
    ["+44 20 7946 0958", "+442079460958"],
  ])("%s → %s", (input, expected) => {
    expect(normalisePhoneNumber(input)).toBe(expected);
  });

  it.each([
    "",
    "070",
    "070-123 45 6", // a mobile number has 9 digits after the 0
    "070-123 45 678",
    "701234567", // no trunk 0, no country code: ambiguous
    "+46 0",
    "+0 123 456 789",
    "+1234567890123456", // more than 15 digits
    "070-ABC 45 67",
    "070+1234567",
    "ring mig",
  ])("refuses %j", (input) => {
    expect(normalisePhoneNumber(input)).toBeNull();
  });
});

describe("normaliseEmail", () => {
  it.each([
    ["  Anna.Svensson@Example.SE ", "anna.svensson@example.se"],
    ["levande.bibliotek@vgregion.se", "levande.bibliotek@vgregion.se"],
    ["peer+uppdrag@rjl.se", "peer+uppdrag@rjl.se"],
    ["åsa@exempel.se", "åsa@exempel.se"],
    ["a@b.co", "a@b.co"],
  ])("%j → %s", (input, expected) => {
    expect(normaliseEmail(input)).toBe(expected);
  });

  it.each([
    "",
    "anna",
    "anna@",
    "@example.se",
    "anna@example",
    "anna@example.s",
    "anna@@example.se",
    "anna svensson@example.se",
    ".anna@example.se",
    "anna..svensson@example.se",
    "anna@-example.se",
    "anna@example..se",
    "anna@example.123",
    `${"a".repeat(65)}@example.se`,
  ])("refuses %j", (input) => {
    expect(normaliseEmail(input)).toBeNull();
  });
});
