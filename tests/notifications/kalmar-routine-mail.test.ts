import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { type CaughtMail, type MailCatcher, startMailCatcher } from "@medverkan/api/testing/mail-catcher";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ATTEST, prepareOne, SUBMIT, step } from "../fees/fees.js";
import {
  accept,
  contactSharingVersion,
  holdOccasionYesterday,
  INVITE,
  type InvitationView,
  ME_MEMBER,
  mutate,
  query,
  RECORD_ATTENDANCE,
  RESPOND,
} from "../invitations/invitations.js";
import { MARK_REQUEST_CARRIED_OUT, occasionInDays, startMatching, submitRequest, transitionRequest } from "../support/requests.js";

// Issue 9, "done when": Kalmar's routine (seeds/003, "Förfrågan om medverkan") run end to end through the API produces
// exactly the e-mails the routine describes, to the right people, once each:
//   2a  the development leader asks people personally          → an invitation to each, with answer links
//       each answer                                             → the development leader's mailbox
//   2c–d after acceptance and consent: the request with the participant's contact details to the unit, and the
//       "blind copy" to the participant as the assignment description
//   5   after the activity the participant is asked for feedback
// plus a reminder the day before the occasion. Before acceptance, nothing about anyone reaches the unit.

let api: TestApi;
let catcher: MailCatcher;
const t: Record<string, string> = {};
const people: Record<string, { id: string; givenName: string; familyName: string; email: string | null; phone: string | null }> = {};
const invitationOf: Record<string, string> = {};
let requestId: string;
let assignmentId: string;
const MAILBOX = "invanarmedverkan@regionkalmar.se";
const UNIT_CONTACT = "karin.berg@nybro.test";
const TITLE = "Förbättringsprogram Nära vård i Nybro";

async function deliver(): Promise<CaughtMail[]> {
  // Let the worker's own first pass finish first, so nothing it sends late lands in this window.
  await api.running.notifications.worker?.idle();
  const before = catcher.messages.length;
  await api.running.notifications.worker?.runOnce();
  return catcher.messages.slice(before);
}

const summary = (messages: CaughtMail[]) => messages.map((message) => [message.envelopeTo.join(","), message.subject]).sort();

beforeAll(async () => {
  catcher = await startMailCatcher();
  api = await startTestApi({
    mail: {
      smtpUrl: catcher.url,
      defaultFromAddress: "noreply@medverkan.test",
      defaultFromName: "Medverkan",
      devMailDirectory: null,
      messageIdDomain: "medverkan.test",
      appBaseUrl: "https://medverkan.test",
    },
    outbox: { enabled: true, pollIntervalMs: 3_600_000, reminderScanIntervalMs: 3_600_000 },
  });
  Object.assign(t, {
    coordinator: await api.tokenFor({ tenant: "kalmar", role: "coordinator" }),
    requester: await api.signToken({ subject: "kalmar-requester-7", audience: "medverkan:kalmar" }),
    member1: await api.signToken({ subject: "kalmar-member-1", audience: "medverkan:kalmar" }),
    member2: await api.signToken({ subject: "kalmar-member-2", audience: "medverkan:kalmar" }),
  });
  for (const key of ["member1", "member2"]) {
    people[key] = (await query<{ me: { member: (typeof people)[string] } }>(api, t[key] as string, ME_MEMBER)).me.member;
    expect(people[key]?.email).toBeTruthy();
  }
  await api.running.notifications.worker?.idle();
  await api.running.notifications.worker?.runOnce();
  catcher.messages.length = 0;
});

afterAll(async () => {
  await api?.stop();
  await catcher?.close();
});

describe("Kalmar's routine by e-mail (seeds/003)", () => {
  it("1: the unit's request itself sends nothing to anyone", async () => {
    requestId = await submitRequest(api, t.requester as string, {
      networkSlug: "intressebanken",
      title: TITLE,
      numberOfPersons: 1,
      occasions: [occasionInDays(1, 3), occasionInDays(30, 3)],
      contactPerson: { name: "Karin Berg", email: UNIT_CONTACT, phone: "0481-450 00" },
    });
    await startMatching(api, t.coordinator as string, requestId);
    expect(await deliver()).toEqual([]);
  });

  it("2a: the development leader asks two people personally; each gets the invitation with links to answer", async () => {
    const payload = await mutate<{ invitations: InvitationView[] }>(api, t.coordinator as string, INVITE, {
      requestId,
      memberIds: [people.member1?.id, people.member2?.id],
      message: "Hej! Jag tror att din erfarenhet passar det här uppdraget.",
    });
    expect(payload.errors).toEqual([]);
    for (const invitation of payload.invitations) {
      invitationOf[invitation.invitee.memberId === people.member1?.id ? "member1" : "member2"] = invitation.id;
    }
    const sent = await deliver();
    expect(summary(sent)).toEqual(
      [
        [people.member1?.email, `Förfrågan om medverkan: ${TITLE}`],
        [people.member2?.email, `Förfrågan om medverkan: ${TITLE}`],
      ].sort(),
    );
    const toMember1 = sent.find((message) => message.envelopeTo.includes(people.member1?.email as string));
    expect(toMember1?.text).toContain(`Hej ${people.member1?.givenName}!`);
    expect(toMember1?.text).toContain("Hej! Jag tror att din erfarenhet passar det här uppdraget.");
    expect(toMember1?.text).toContain(`Tacka ja: https://medverkan.test/invitations/${invitationOf.member1}?answer=accept`);
    expect(toMember1?.text).toContain(`Tacka nej: https://medverkan.test/invitations/${invitationOf.member1}?answer=decline`);
    expect(toMember1?.text).toContain("Konferensrum Tallen");
    // The unit's contact person is not in the invitation: they are introduced only after a yes.
    expect(toMember1?.text).not.toContain(UNIT_CONTACT);
  });

  it("a no goes to the development leader's mailbox, and nothing to the unit", async () => {
    const declined = await mutate(api, t.member2 as string, RESPOND, {
      invitationId: invitationOf.member2,
      accept: false,
      declineReason: "Jag har inte tid i vår.",
    });
    expect(declined.errors).toEqual([]);
    const sent = await deliver();
    expect(summary(sent)).toEqual([[MAILBOX, `${people.member2?.givenName} ${people.member2?.familyName} har tackat nej: ${TITLE}`]]);
    expect(sent[0]?.text).toContain("Skäl: Jag har inte tid i vår.");
  });

  it("2c–d: after a yes with consent, the unit gets the participant's contact details and the participant the assignment description", async () => {
    expect(catcher.messages.filter((message) => message.envelopeTo.includes(UNIT_CONTACT))).toEqual([]);
    const accepted = await accept(api, t.member1 as string, invitationOf.member1 as string, await contactSharingVersion(api, "kalmar"));
    expect(accepted.errors).toEqual([]);
    assignmentId = accepted.invitation?.assignmentId as string;
    const member1 = people.member1 as (typeof people)[string];
    const sent = await deliver();
    expect(summary(sent)).toEqual(
      [
        [MAILBOX, `${member1.givenName} ${member1.familyName} har tackat ja: ${TITLE}`],
        [UNIT_CONTACT, `Medverkande till ${TITLE}`],
        [member1.email, `Uppdragsbeskrivning: ${TITLE}`],
      ].sort(),
    );
    const toUnit = sent.find((message) => message.envelopeTo.includes(UNIT_CONTACT));
    expect(toUnit?.text).toContain("Hej Karin Berg!");
    expect(toUnit?.text).toContain(`Namn: ${member1.givenName} ${member1.familyName}`);
    expect(toUnit?.text).toContain(`E-post: ${member1.email}`);
    if (member1.phone) expect(toUnit?.text).toContain(`Telefon: ${member1.phone}`);
    expect(toUnit?.replyTo).toBe(MAILBOX);
    const description = sent.find((message) => message.envelopeTo.includes(member1.email as string));
    expect(description?.text).toContain(`Kontaktperson: Karin Berg, ${UNIT_CONTACT}, +4648145000`);
    expect(description?.text).toContain("Dina kontaktuppgifter har nu lämnats till Vård och omsorg, Nybro kommun, som kontaktar dig.");
    expect(description?.text).toContain("Syfte: Vi vill förstå hur patienter upplever övergången");
    // Nobody who declined or was not chosen is named to the unit.
    expect(toUnit?.text).not.toContain(people.member2?.familyName as string);
  });

  it("reminds the participant the day before the occasion, once", async () => {
    await api.running.notifications.worker?.scanReminders();
    await api.running.notifications.worker?.scanReminders();
    expect(summary(await deliver())).toEqual([[people.member1?.email, `Påminnelse: ${TITLE}`]]);
  });

  it("5: after the activity the participant is asked how it went", async () => {
    const occasions = await api.running.database.prisma.occasion.findMany({ where: { requestId }, select: { id: true } });
    for (const occasion of occasions) await holdOccasionYesterday(api, occasion.id);
    const { errors } = await transitionRequest(api, t.coordinator as string, MARK_REQUEST_CARRIED_OUT, { requestId });
    expect(errors).toEqual([]);
    const sent = await deliver();
    expect(summary(sent)).toEqual([[people.member1?.email, `Hur gick det med ${TITLE}?`]]);
  });

  it("4: the fee form — the participant confirms it, and hears when it is attested", async () => {
    const [occasion] = await api.running.database.prisma.occasion.findMany({ where: { requestId }, orderBy: { startsAt: "asc" } });
    const attendance = await mutate(api, t.requester as string, RECORD_ATTENDANCE, {
      assignmentId,
      occasionId: occasion?.id,
      attended: true,
      durationMinutes: 180,
      travelMinutes: 40,
    });
    expect(attendance.errors).toEqual([]);
    const claim = await prepareOne(api, t.coordinator as string, occasion?.id as string);
    const submitted = await step(api, t.member1 as string, SUBMIT, { id: claim.id, expectedVersion: claim.version });
    expect(await deliver()).toEqual([]);
    await step(api, t.coordinator as string, ATTEST, { id: claim.id, expectedVersion: submitted.version });
    const [notice] = await deliver();
    expect(notice?.envelopeTo).toEqual([people.member1?.email]);
    expect(notice?.subject).toMatch(/^Ditt arvode för \d{1,2} \p{L}+ \d{4} är attesterat$/u);
    expect(notice?.text).toMatch(/Belopp att betala ut: [\d ]+(,\d{2})? kr/u);
  });

  it("sent each e-mail once, and the unit exactly one: the release", async () => {
    const seen = new Set<string>();
    for (const message of catcher.messages) {
      expect(seen.has(message.messageId), `${message.subject} twice`).toBe(false);
      seen.add(message.messageId);
    }
    expect(catcher.messages.filter((message) => message.envelopeTo.includes(UNIT_CONTACT))).toHaveLength(1);
    expect(await deliver()).toEqual([]);
  });
});
