import { describe, expect, it } from "vitest";
import { calendarAttachment } from "../calendar-attachment.js";

const tenant = { name: "Västra Götalandsregionen", timeZone: "Europe/Stockholm", networkName: "Levande bibliotek" };

describe("the calendar file sent with a booking e-mail", () => {
  it("carries an introduction session in Stockholm time, with a stable UID", () => {
    const [file] = calendarAttachment(
      "INTRODUCTION_BOOKED",
      {
        sessionId: "0193e4b2-aaaa-7bbb-8ccc-123456789abc",
        sessionTitle: "Digital introduktion",
        startsAt: "2026-02-17T15:30:00.000Z",
        endsAt: "2026-02-17T17:00:00.000Z",
        place: null,
        digitalLink: "https://meet.example/intro",
      },
      tenant,
      "sv",
    );
    expect(file?.filename).toBe("digital-introduktion.ics");
    expect(file?.content).toContain("UID:training-session-0193e4b2-aaaa-7bbb-8ccc-123456789abc@medverkan");
    expect(file?.content).toContain("DTSTART;TZID=Europe/Stockholm:20260217T163000");
    expect(file?.content).toContain("DTEND;TZID=Europe/Stockholm:20260217T180000");
    expect(file?.content).toContain("BEGIN:VTIMEZONE");
  });

  it("is left out of messages without times, and of kinds that book nothing", () => {
    expect(calendarAttachment("INTRODUCTION_BOOKED", { sessionTitle: "x", startsAt: "2026-02-17T15:30:00Z" }, tenant, "sv")).toEqual([]);
    expect(calendarAttachment("INVITATION", { requestTitle: "x", occasions: [] }, tenant, "sv")).toEqual([]);
    expect(
      calendarAttachment("FEEDBACK_REQUESTED", { startsAt: "2026-02-17T15:30:00Z", endsAt: "2026-02-17T16:30:00Z" }, tenant, "sv"),
    ).toEqual([]);
  });
});
