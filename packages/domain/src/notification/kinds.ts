import type { LocalizedText } from "../messages/locale.js";

// The catalogue of notifications Medverkan sends by e-mail: who each kind goes to, whether it is a legal notice
// (which a member cannot turn off), and the variables its templates may use. The routine they replace is Kalmar's
// (seeds/003): registration to a functional mailbox, the request with contact details to the unit and a blind copy
// to the participant as the assignment description, feedback after the activity.

export const NOTIFICATION_KINDS = [
  "REGISTRATION_RECEIVED",
  "REGISTRATION_QUEUED",
  "GUARDIAN_CONSENT_NEEDED",
  "INTRODUCTION_BOOKED",
  "INTRODUCTION_REMINDER",
  "INTAKE_APPOINTMENT_BOOKED",
  "INTAKE_APPOINTMENT_RESCHEDULED",
  "INTAKE_APPOINTMENT_REMINDER",
  "INVITATION",
  "INVITATION_ANSWERED",
  "CONTACT_DETAILS_RELEASED",
  "ASSIGNMENT_DESCRIPTION",
  "OCCASION_REMINDER",
  "FEEDBACK_REQUESTED",
  "FEE_CLAIM_STATUS_CHANGED",
  "ACCOUNT_CLAIM_CODE",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function isNotificationKind(value: unknown): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly unknown[]).includes(value);
}

/**
 * Who reads a kind. MEMBER kinds follow the member's preferences; GUARDIAN, COORDINATOR (the network's functional
 * mailbox) and UNIT (the requesting unit's contact person) are not members and have none.
 */
export type NotificationAudience = "MEMBER" | "GUARDIAN" | "COORDINATOR" | "UNIT";

/**
 * How a variable's stored value becomes text. Values are stored raw (ISO instants, öre, codes) and formatted when the
 * message is rendered, in the recipient's language and the tenant's time zone.
 */
export type TemplateVariableType = "TEXT" | "URL" | "DATE_TIME" | "DATE" | "MONEY_ORE" | "LABEL" | "OCCASIONS";

export interface TemplateVariable {
  readonly name: string;
  readonly type: TemplateVariableType;
  readonly description: LocalizedText;
  /** Absent values render as empty, so templates wrap them in a section: `{{#place}}Plats: {{place}}{{/place}}`. */
  readonly optional?: boolean;
  /** LABEL: the code → text table. */
  readonly labels?: Readonly<Record<string, LocalizedText>>;
  /** What the preview shows. */
  readonly sample: string | number | readonly SampleOccasion[];
}

export interface SampleOccasion {
  readonly startsAt: string;
  readonly endsAt: string;
  readonly place?: string;
  readonly digitalLink?: string;
}

export interface NotificationKindDefinition {
  readonly kind: NotificationKind;
  readonly audience: NotificationAudience;
  /**
   * A legal notice is information the region must give the person whatever they prefer (information at collection
   * under GDPR art. 13, a request for a guardian's consent, notice that contact details were disclosed).
   */
  readonly legalNotice: boolean;
  /**
   * Carries a member's personal data to a unit: only the contact-release path may enqueue it, with the member's
   * contact-sharing consent for that request.
   */
  readonly requiresContactConsent: boolean;
  readonly title: LocalizedText;
  readonly variables: readonly TemplateVariable[];
}

const text = (sv: string, en: string): LocalizedText => ({ sv, en });

/** Available to every kind; the service fills them from the tenant and the network. */
export const COMMON_VARIABLES: readonly TemplateVariable[] = [
  { name: "tenantName", type: "TEXT", description: text("Regionens namn", "The region's name"), sample: "Region Kalmar län" },
  {
    name: "networkName",
    type: "TEXT",
    description: text("Nätverkets namn", "The network's name"),
    optional: true,
    sample: "Intressebanken",
  },
  {
    name: "networkContactEmail",
    type: "TEXT",
    description: text("Nätverkets kontaktadress", "The network's contact address"),
    optional: true,
    sample: "invanarmedverkan@regionkalmar.se",
  },
];

const recipientName: TemplateVariable = {
  name: "recipientName",
  type: "TEXT",
  description: text("Mottagarens namn", "The recipient's name"),
  sample: "Anna Andersson",
};
const requestTitle: TemplateVariable = {
  name: "requestTitle",
  type: "TEXT",
  description: text("Uppdragets rubrik", "The request's title"),
  sample: "Förbättringsarbete inom äldreomsorgen",
};
const occasions: TemplateVariable = {
  name: "occasions",
  type: "OCCASIONS",
  description: text(
    "Tillfällena, en lista med startsAt, endsAt, place och digitalLink",
    "The occasions, a list with startsAt, endsAt, place and digitalLink",
  ),
  optional: true,
  sample: [{ startsAt: "2026-03-12T08:30:00Z", endsAt: "2026-03-12T11:30:00Z", place: "Länssjukhuset Kalmar, sal 3" }],
};
const startsAt: TemplateVariable = {
  name: "startsAt",
  type: "DATE_TIME",
  description: text("När det börjar", "When it starts"),
  sample: "2026-02-17T15:30:00Z",
};
const place: TemplateVariable = {
  name: "place",
  type: "TEXT",
  description: text("Plats", "Place"),
  optional: true,
  sample: "Regionhuset, Kalmar",
};
const digitalLink: TemplateVariable = {
  name: "digitalLink",
  type: "URL",
  description: text("Länk till digitalt möte", "Link to the digital meeting"),
  optional: true,
  sample: "https://meet.example.se/introduktion",
};

const endsAt: TemplateVariable = {
  name: "endsAt",
  type: "DATE_TIME",
  description: text("När det slutar", "When it ends"),
  optional: true,
  sample: "2026-02-17T16:30:00Z",
};
const appointmentId: TemplateVariable = {
  name: "appointmentId",
  type: "TEXT",
  description: text(
    "Mötets id (för kalenderfilen; behöver inte stå i texten)",
    "The appointment's id (for the calendar file; need not appear in the text)",
  ),
  optional: true,
  sample: "01930f4e-8c55-7000-8000-000000000001",
};
const intakeAppointmentVariables: readonly TemplateVariable[] = [recipientName, startsAt, endsAt, place, digitalLink, appointmentId];

export const FEE_CLAIM_STATUS_MESSAGE_LABELS: Readonly<Record<string, LocalizedText>> = {
  SUBMITTED: text("inskickat", "submitted"),
  ATTESTED: text("attesterat", "attested"),
  SENT_TO_PAYROLL: text("skickat till lön", "sent to payroll"),
  PAID: text("utbetalt", "paid"),
  REJECTED: text("avslaget", "rejected"),
};

export const INVITATION_ANSWER_MESSAGE_LABELS: Readonly<Record<string, LocalizedText>> = {
  ACCEPTED: text("tackat ja", "accepted"),
  DECLINED: text("tackat nej", "declined"),
};

export const NOTIFICATION_CATALOGUE: Readonly<Record<NotificationKind, NotificationKindDefinition>> = {
  ACCOUNT_CLAIM_CODE: {
    kind: "ACCOUNT_CLAIM_CODE",
    audience: "MEMBER",
    // The person asked (through the coordinator) for a way to sign in: sent whatever their preference.
    legalNotice: true,
    requiresContactConsent: false,
    title: text("Kod för att koppla din inloggning", "Code to link your sign-in"),
    variables: [
      recipientName,
      { name: "claimCode", type: "TEXT", description: text("Engångskoden", "The single-use code"), sample: "K7QM-2XHP-9R" },
      {
        name: "expiresAt",
        type: "DATE_TIME",
        description: text("När koden slutar gälla", "When the code expires"),
        sample: "2026-02-17T23:00:00Z",
      },
    ],
  },
  REGISTRATION_RECEIVED: {
    kind: "REGISTRATION_RECEIVED",
    audience: "MEMBER",
    legalNotice: true,
    requiresContactConsent: false,
    title: text("Intresseanmälan mottagen", "Registration received"),
    variables: [recipientName],
  },
  REGISTRATION_QUEUED: {
    kind: "REGISTRATION_QUEUED",
    audience: "COORDINATOR",
    legalNotice: false,
    requiresContactConsent: false,
    title: text("Ny intresseanmälan att hantera", "New registration to handle"),
    // Deliberately nothing about the person: Kalmar deletes registration e-mails as soon as they are entered, so the
    // mailbox only learns that there is something to do in Medverkan.
    variables: [
      {
        name: "receivedAt",
        type: "DATE_TIME",
        description: text("När anmälan kom in", "When the registration arrived"),
        sample: "2026-02-03T09:12:00Z",
      },
    ],
  },
  GUARDIAN_CONSENT_NEEDED: {
    kind: "GUARDIAN_CONSENT_NEEDED",
    audience: "GUARDIAN",
    legalNotice: true,
    requiresContactConsent: false,
    title: text("Vårdnadshavares samtycke behövs", "Guardian consent needed"),
    variables: [
      recipientName,
      { name: "memberGivenName", type: "TEXT", description: text("Barnets förnamn", "The child's first name"), sample: "Elsa" },
    ],
  },
  INTRODUCTION_BOOKED: {
    kind: "INTRODUCTION_BOOKED",
    audience: "MEMBER",
    legalNotice: false,
    requiresContactConsent: false,
    title: text("Introduktion bokad", "Introduction booked"),
    variables: [
      recipientName,
      {
        name: "sessionTitle",
        type: "TEXT",
        description: text("Introduktionens namn", "The session's title"),
        sample: "Digital introduktion",
      },
      startsAt,
      place,
      digitalLink,
    ],
  },
  INTRODUCTION_REMINDER: {
    kind: "INTRODUCTION_REMINDER",
    audience: "MEMBER",
    legalNotice: false,
    requiresContactConsent: false,
    title: text("Påminnelse om introduktion", "Introduction reminder"),
    variables: [
      recipientName,
      {
        name: "sessionTitle",
        type: "TEXT",
        description: text("Introduktionens namn", "The session's title"),
        sample: "Digital introduktion",
      },
      startsAt,
      place,
      digitalLink,
    ],
  },
  INTAKE_APPOINTMENT_BOOKED: {
    kind: "INTAKE_APPOINTMENT_BOOKED",
    audience: "MEMBER",
    legalNotice: false,
    requiresContactConsent: false,
    title: text("Introduktionsmöte bokat", "Introduction meeting booked"),
    variables: intakeAppointmentVariables,
  },
  INTAKE_APPOINTMENT_RESCHEDULED: {
    kind: "INTAKE_APPOINTMENT_RESCHEDULED",
    audience: "MEMBER",
    legalNotice: false,
    requiresContactConsent: false,
    title: text("Ny tid för introduktionsmötet", "New time for the introduction meeting"),
    variables: [
      ...intakeAppointmentVariables,
      {
        name: "previousStartsAt",
        type: "DATE_TIME",
        description: text("Den tidigare tiden", "The previous time"),
        sample: "2026-02-16T09:00:00Z",
      },
    ],
  },
  INTAKE_APPOINTMENT_REMINDER: {
    kind: "INTAKE_APPOINTMENT_REMINDER",
    audience: "MEMBER",
    legalNotice: false,
    requiresContactConsent: false,
    title: text("Påminnelse om introduktionsmöte", "Introduction meeting reminder"),
    variables: intakeAppointmentVariables,
  },
  INVITATION: {
    kind: "INVITATION",
    audience: "MEMBER",
    legalNotice: false,
    requiresContactConsent: false,
    title: text("Förfrågan om medverkan", "Invitation to take part"),
    variables: [
      recipientName,
      requestTitle,
      {
        name: "purpose",
        type: "TEXT",
        description: text("Syfte", "Purpose"),
        sample: "Vi vill höra hur det är att flytta till särskilt boende.",
      },
      occasions,
      {
        name: "coordinatorMessage",
        type: "TEXT",
        description: text("Samordnarens hälsning", "The coordinator's note"),
        optional: true,
        sample: "Hej! Jag tänkte på dig för det här uppdraget.",
      },
      { name: "expiresAt", type: "DATE_TIME", description: text("Svara senast", "Answer by"), sample: "2026-02-28T22:59:00Z" },
      {
        name: "acceptUrl",
        type: "URL",
        description: text("Länk för att tacka ja", "Link to accept"),
        sample: "https://medverkan.example.se/inbjudan/abc?svar=ja",
      },
      {
        name: "declineUrl",
        type: "URL",
        description: text("Länk för att tacka nej", "Link to decline"),
        sample: "https://medverkan.example.se/inbjudan/abc?svar=nej",
      },
      {
        name: "bankAccountUrl",
        type: "URL",
        description: text(
          "Länk för att anmäla bankkonto för utbetalning (bara när regionen betalar till anmält konto och inget finns)",
          "Link to register a bank account for payment (only where the region pays to a registered account and none is)",
        ),
        optional: true,
        sample: "https://medverkan.example.se/my#bank-account",
      },
    ],
  },
  INVITATION_ANSWERED: {
    kind: "INVITATION_ANSWERED",
    audience: "COORDINATOR",
    legalNotice: false,
    requiresContactConsent: false,
    title: text("Svar på förfrågan", "Answer to an invitation"),
    variables: [
      {
        name: "memberName",
        type: "TEXT",
        description: text("Den tillfrågades namn", "The invited person's name"),
        sample: "Anna Andersson",
      },
      requestTitle,
      {
        name: "answer",
        type: "LABEL",
        labels: INVITATION_ANSWER_MESSAGE_LABELS,
        description: text("Svaret", "The answer"),
        sample: "ACCEPTED",
      },
      {
        name: "declineReason",
        type: "TEXT",
        description: text("Skäl till nej", "Reason for declining"),
        optional: true,
        sample: "",
      },
    ],
  },
  CONTACT_DETAILS_RELEASED: {
    kind: "CONTACT_DETAILS_RELEASED",
    audience: "UNIT",
    legalNotice: false,
    requiresContactConsent: true,
    title: text("Kontaktuppgifter till medverkande", "Contact details of a participant"),
    variables: [
      recipientName,
      requestTitle,
      {
        name: "participantName",
        type: "TEXT",
        description: text("Den medverkandes namn", "The participant's name"),
        sample: "Anna Andersson",
      },
      {
        name: "participantEmail",
        type: "TEXT",
        description: text("Den medverkandes e-post", "The participant's e-mail"),
        optional: true,
        sample: "anna.andersson@example.se",
      },
      {
        name: "participantPhone",
        type: "TEXT",
        description: text("Den medverkandes telefon", "The participant's phone"),
        optional: true,
        sample: "+46701234567",
      },
      occasions,
    ],
  },
  ASSIGNMENT_DESCRIPTION: {
    kind: "ASSIGNMENT_DESCRIPTION",
    audience: "MEMBER",
    legalNotice: true,
    requiresContactConsent: false,
    title: text("Uppdragsbeskrivning", "Assignment description"),
    variables: [
      recipientName,
      requestTitle,
      {
        name: "purpose",
        type: "TEXT",
        description: text("Syfte", "Purpose"),
        sample: "Vi vill höra hur det är att flytta till särskilt boende.",
      },
      {
        name: "expectations",
        type: "TEXT",
        description: text("Förväntningar", "Expectations"),
        optional: true,
        sample: "Berätta om dina erfarenheter.",
      },
      { name: "unitName", type: "TEXT", description: text("Verksamheten", "The unit"), sample: "Äldreomsorgen, Kalmar kommun" },
      {
        name: "unitContactName",
        type: "TEXT",
        description: text("Verksamhetens kontaktperson", "The unit's contact person"),
        sample: "Karin Berg",
      },
      {
        name: "unitContactEmail",
        type: "TEXT",
        description: text("Kontaktpersonens e-post", "The contact person's e-mail"),
        sample: "karin.berg@kalmar.se",
      },
      {
        name: "unitContactPhone",
        type: "TEXT",
        description: text("Kontaktpersonens telefon", "The contact person's phone"),
        optional: true,
        sample: "0480-45 00 00",
      },
      occasions,
      {
        name: "preparation",
        type: "TEXT",
        description: text("Förberedelser", "Preparation"),
        optional: true,
        sample: "Läs bifogat underlag.",
      },
      {
        name: "compensationOffered",
        type: "TEXT",
        description: text("Ersättning", "Compensation"),
        optional: true,
        sample: "Arvode enligt den nationella modellen samt reseersättning.",
      },
    ],
  },
  OCCASION_REMINDER: {
    kind: "OCCASION_REMINDER",
    audience: "MEMBER",
    legalNotice: false,
    requiresContactConsent: false,
    title: text("Påminnelse om uppdrag", "Assignment reminder"),
    variables: [recipientName, requestTitle, startsAt, place, digitalLink],
  },
  FEEDBACK_REQUESTED: {
    kind: "FEEDBACK_REQUESTED",
    audience: "MEMBER",
    legalNotice: false,
    requiresContactConsent: false,
    title: text("Hur gick det?", "How did it go?"),
    variables: [
      recipientName,
      requestTitle,
      {
        name: "feedbackUrl",
        type: "URL",
        description: text("Länk för återkoppling", "Link to give feedback"),
        optional: true,
        sample: "https://medverkan.example.se/aterkoppling/abc",
      },
    ],
  },
  FEE_CLAIM_STATUS_CHANGED: {
    kind: "FEE_CLAIM_STATUS_CHANGED",
    audience: "MEMBER",
    legalNotice: false,
    requiresContactConsent: false,
    title: text("Ändrad status för arvode", "Fee claim status changed"),
    variables: [
      recipientName,
      requestTitle,
      { name: "occasionDate", type: "DATE", description: text("Tillfällets datum", "The occasion's date"), sample: "2026-03-12" },
      {
        name: "status",
        type: "LABEL",
        labels: FEE_CLAIM_STATUS_MESSAGE_LABELS,
        description: text("Ny status", "New status"),
        sample: "ATTESTED",
      },
      { name: "netAmount", type: "MONEY_ORE", description: text("Belopp att betala ut", "Amount to be paid"), sample: 206_300 },
      {
        name: "rejectionReason",
        type: "TEXT",
        description: text("Skäl till avslag", "Reason for rejection"),
        optional: true,
        sample: "",
      },
    ],
  },
};

/** Every variable a kind's templates may name, the common ones included. */
export function variablesOf(kind: NotificationKind): readonly TemplateVariable[] {
  return [...COMMON_VARIABLES, ...NOTIFICATION_CATALOGUE[kind].variables];
}
