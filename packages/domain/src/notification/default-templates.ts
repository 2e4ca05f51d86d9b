import type { Locale } from "../messages/locale.js";
import type { NotificationKind } from "./kinds.js";

// Built-in wording of every kind in Swedish and English. A tenant admin overrides it for the whole region or for one
// network; these apply where no override exists. Mustache syntax, logic-less: `{{name}}` inserts a variable,
// `{{#name}}…{{/name}}` shows a block only when the variable has a value (or repeats it for each occasion).
// The tenant's signature is added under every body by the renderer, so no template repeats it.

export interface MessageTemplateText {
  readonly subject: string;
  readonly body: string;
}

const OCCASIONS_SV =
  "{{#occasions}}- {{startsAt}}–{{endsAt}}{{#place}}, {{place}}{{/place}}{{#digitalLink}}, {{digitalLink}}{{/digitalLink}}\n{{/occasions}}";
const OCCASIONS_EN = OCCASIONS_SV;

export const DEFAULT_TEMPLATES: Readonly<Record<NotificationKind, Readonly<Record<Locale, MessageTemplateText>>>> = {
  REGISTRATION_RECEIVED: {
    sv: {
      subject: "Vi har tagit emot din intresseanmälan till {{networkName}}",
      body: `Hej {{recipientName}}!

Tack för att du vill medverka och dela dina erfarenheter. Vi har tagit emot din intresseanmälan till {{networkName}} hos {{tenantName}}.
En samordnare ringer upp dig för ett samtal och bokar in en introduktion.

Dina uppgifter behandlas för att vi ska kunna erbjuda dig uppdrag. Du har rätt att få veta vilka uppgifter vi har om dig, att få dem rättade, begränsade eller raderade och att invända mot behandlingen. Du kan när som helst ta tillbaka din anmälan.{{#networkContactEmail}} Frågor besvaras på {{networkContactEmail}}.{{/networkContactEmail}}`,
    },
    en: {
      subject: "We have received your registration for {{networkName}}",
      body: `Hello {{recipientName}},

Thank you for wanting to take part and share your experience. We have received your registration for {{networkName}} at {{tenantName}}.
A coordinator will call you for a conversation and book an introduction.

Your details are processed so that we can offer you assignments. You have the right to know what we hold about you, to have it corrected, restricted or erased, and to object to the processing. You can withdraw your registration at any time.{{#networkContactEmail}} Questions are answered at {{networkContactEmail}}.{{/networkContactEmail}}`,
    },
  },
  ACCOUNT_CLAIM_CODE: {
    sv: {
      subject: "Din kod för att logga in i Medverkan hos {{tenantName}}",
      body: `Hej {{recipientName}}!

Du är anmäld hos {{tenantName}}. Logga in med e-legitimation och ange koden {{claimCode}} för att koppla inloggningen till dina uppgifter. Koden kan användas en gång och gäller till {{expiresAt}}.

Har du inte bett om koden kan du bortse från meddelandet.`,
    },
    en: {
      subject: "Your code to sign in to Medverkan at {{tenantName}}",
      body: `Hello {{recipientName}},

You are registered at {{tenantName}}. Sign in with your e-ID and enter the code {{claimCode}} to link the sign-in to your details. The code works once and is valid until {{expiresAt}}.

If you did not ask for the code, you can ignore this message.`,
    },
  },
  REGISTRATION_QUEUED: {
    sv: {
      subject: "Ny intresseanmälan till {{networkName}}",
      body: `En ny intresseanmälan till {{networkName}} kom in {{receivedAt}}.

Logga in i Medverkan och se kön med nya anmälningar. Av hänsyn till den som anmält sig står inga personuppgifter i det här meddelandet.`,
    },
    en: {
      subject: "New registration for {{networkName}}",
      body: `A new registration for {{networkName}} arrived on {{receivedAt}}.

Sign in to Medverkan to see the queue of new registrations. Out of respect for the person who registered, this message contains no personal data.`,
    },
  },
  GUARDIAN_CONSENT_NEEDED: {
    sv: {
      subject: "Ditt samtycke behövs för {{memberGivenName}}s anmälan",
      body: `Hej {{recipientName}}!

{{memberGivenName}} har anmält intresse att medverka i {{networkName}} hos {{tenantName}}. Eftersom {{memberGivenName}} är under 18 år behöver vi ditt skriftliga samtycke som vårdnadshavare innan anmälan kan hanteras.
{{#networkContactEmail}}
Kontakta oss på {{networkContactEmail}} så berättar vi hur du lämnar ditt samtycke.{{/networkContactEmail}}
Utan samtycke sparas anmälan inte längre än nödvändigt.`,
    },
    en: {
      subject: "Your consent is needed for {{memberGivenName}}'s registration",
      body: `Hello {{recipientName}},

{{memberGivenName}} has registered an interest in taking part in {{networkName}} at {{tenantName}}. As {{memberGivenName}} is under 18, we need your written consent as guardian before the registration can be handled.
{{#networkContactEmail}}
Contact us at {{networkContactEmail}} and we will tell you how to give your consent.{{/networkContactEmail}}
Without consent, the registration is kept no longer than necessary.`,
    },
  },
  INTRODUCTION_BOOKED: {
    sv: {
      subject: "Du är anmäld till {{sessionTitle}}",
      body: `Hej {{recipientName}}!

Du är anmäld till {{sessionTitle}} {{startsAt}}.
{{#place}}Plats: {{place}}
{{/place}}{{#digitalLink}}Länk: {{digitalLink}}
{{/digitalLink}}
Kan du inte komma? Avboka i Medverkan så att någon annan kan få platsen.`,
    },
    en: {
      subject: "You are booked for {{sessionTitle}}",
      body: `Hello {{recipientName}},

You are booked for {{sessionTitle}} on {{startsAt}}.
{{#place}}Place: {{place}}
{{/place}}{{#digitalLink}}Link: {{digitalLink}}
{{/digitalLink}}
Cannot come? Cancel in Medverkan so that someone else can have the place.`,
    },
  },
  INTRODUCTION_REMINDER: {
    sv: {
      subject: "Påminnelse: {{sessionTitle}} i morgon",
      body: `Hej {{recipientName}}!

Välkommen till {{sessionTitle}} {{startsAt}}.
{{#place}}Plats: {{place}}
{{/place}}{{#digitalLink}}Länk: {{digitalLink}}
{{/digitalLink}}`,
    },
    en: {
      subject: "Reminder: {{sessionTitle}} tomorrow",
      body: `Hello {{recipientName}},

Welcome to {{sessionTitle}} on {{startsAt}}.
{{#place}}Place: {{place}}
{{/place}}{{#digitalLink}}Link: {{digitalLink}}
{{/digitalLink}}`,
    },
  },
  INTAKE_APPOINTMENT_BOOKED: {
    sv: {
      subject: "Ditt introduktionsmöte {{startsAt}}",
      body: `Hej {{recipientName}}!

Välkommen till ett introduktionsmöte om att medverka i {{networkName}}, {{startsAt}}.
{{#place}}Plats: {{place}}
{{/place}}{{#digitalLink}}Länk till videomötet: {{digitalLink}}
{{/digitalLink}}
Mötet finns i den bifogade kalenderfilen och under Mina sidor.{{#networkContactEmail}} Kan du inte komma? Hör av dig till {{networkContactEmail}}.{{/networkContactEmail}}`,
    },
    en: {
      subject: "Your introduction meeting on {{startsAt}}",
      body: `Hello {{recipientName}},

Welcome to an introduction meeting about taking part in {{networkName}}, on {{startsAt}}.
{{#place}}Place: {{place}}
{{/place}}{{#digitalLink}}Video meeting link: {{digitalLink}}
{{/digitalLink}}
The meeting is in the attached calendar file and under My pages.{{#networkContactEmail}} Cannot come? Contact {{networkContactEmail}}.{{/networkContactEmail}}`,
    },
  },
  INTAKE_APPOINTMENT_RESCHEDULED: {
    sv: {
      subject: "Ny tid för ditt introduktionsmöte: {{startsAt}}",
      body: `Hej {{recipientName}}!

Ditt introduktionsmöte är flyttat från {{previousStartsAt}} till {{startsAt}}.
{{#place}}Plats: {{place}}
{{/place}}{{#digitalLink}}Länk till videomötet: {{digitalLink}}
{{/digitalLink}}
Den bifogade kalenderfilen ersätter den tidigare.{{#networkContactEmail}} Frågor? Hör av dig till {{networkContactEmail}}.{{/networkContactEmail}}`,
    },
    en: {
      subject: "New time for your introduction meeting: {{startsAt}}",
      body: `Hello {{recipientName}},

Your introduction meeting has been moved from {{previousStartsAt}} to {{startsAt}}.
{{#place}}Place: {{place}}
{{/place}}{{#digitalLink}}Video meeting link: {{digitalLink}}
{{/digitalLink}}
The attached calendar file replaces the earlier one.{{#networkContactEmail}} Questions? Contact {{networkContactEmail}}.{{/networkContactEmail}}`,
    },
  },
  INTAKE_APPOINTMENT_REMINDER: {
    sv: {
      subject: "Påminnelse: introduktionsmöte {{startsAt}}",
      body: `Hej {{recipientName}}!

En påminnelse om ditt introduktionsmöte {{startsAt}}.
{{#place}}Plats: {{place}}
{{/place}}{{#digitalLink}}Länk till videomötet: {{digitalLink}}
{{/digitalLink}}{{#networkContactEmail}}
Kan du inte komma? Hör av dig till {{networkContactEmail}}.{{/networkContactEmail}}`,
    },
    en: {
      subject: "Reminder: introduction meeting on {{startsAt}}",
      body: `Hello {{recipientName}},

A reminder of your introduction meeting on {{startsAt}}.
{{#place}}Place: {{place}}
{{/place}}{{#digitalLink}}Video meeting link: {{digitalLink}}
{{/digitalLink}}{{#networkContactEmail}}
Cannot come? Contact {{networkContactEmail}}.{{/networkContactEmail}}`,
    },
  },
  INVITATION: {
    sv: {
      subject: "Förfrågan om medverkan: {{requestTitle}}",
      body: `Hej {{recipientName}}!

Vi undrar om du vill medverka i uppdraget "{{requestTitle}}".
{{#coordinatorMessage}}
{{coordinatorMessage}}
{{/coordinatorMessage}}
Syfte: {{purpose}}
{{#occasions.length}}
Tillfällen:
{{/occasions.length}}${OCCASIONS_SV}
Du får personligt stöd om du vill, och ersättning enligt regionens regler.
{{#bankAccountUrl}}
Arvodet betalas till ett bankkonto som du anmäler. Du har inget konto anmält ännu: anmäl det på Mina sidor innan uppdraget, {{bankAccountUrl}}
{{/bankAccountUrl}}

Om du tackar ja lämnar vi dina kontaktuppgifter till verksamheten, som sedan kontaktar dig. Dina uppgifter lämnas bara ut om du tackar ja.

Tacka ja: {{acceptUrl}}
Tacka nej: {{declineUrl}}

Svara gärna senast {{expiresAt}}.`,
    },
    en: {
      subject: "Invitation to take part: {{requestTitle}}",
      body: `Hello {{recipientName}},

Would you like to take part in the assignment "{{requestTitle}}"?
{{#coordinatorMessage}}
{{coordinatorMessage}}
{{/coordinatorMessage}}
Purpose: {{purpose}}
{{#occasions.length}}
Occasions:
{{/occasions.length}}${OCCASIONS_EN}
You can have personal support if you wish, and compensation under the region's rules.
{{#bankAccountUrl}}
The fee is paid to a bank account you register. You have not registered one yet: please do so under My pages before the assignment, {{bankAccountUrl}}
{{/bankAccountUrl}}

If you accept, we give your contact details to the unit, which will then contact you. Your details are only shared if you accept.

Accept: {{acceptUrl}}
Decline: {{declineUrl}}

Please answer by {{expiresAt}}.`,
    },
  },
  INVITATION_ANSWERED: {
    sv: {
      subject: "{{memberName}} har {{answer}}: {{requestTitle}}",
      body: `{{memberName}} har {{answer}} till uppdraget "{{requestTitle}}".
{{#declineReason}}
Skäl: {{declineReason}}
{{/declineReason}}
Se uppdraget i Medverkan.`,
    },
    en: {
      subject: "{{memberName}} has {{answer}}: {{requestTitle}}",
      body: `{{memberName}} has {{answer}} the invitation to "{{requestTitle}}".
{{#declineReason}}
Reason: {{declineReason}}
{{/declineReason}}
See the request in Medverkan.`,
    },
  },
  CONTACT_DETAILS_RELEASED: {
    sv: {
      subject: "Medverkande till {{requestTitle}}",
      body: `Hej {{recipientName}}!

{{participantName}} har tackat ja till att medverka i "{{requestTitle}}" och samtyckt till att ni får hens kontaktuppgifter.

Namn: {{participantName}}
{{#participantEmail}}E-post: {{participantEmail}}
{{/participantEmail}}{{#participantPhone}}Telefon: {{participantPhone}}
{{/participantPhone}}{{#occasions.length}}
Tillfällen:
{{/occasions.length}}${OCCASIONS_SV}
Kontakta den medverkande för att tillsammans tydliggöra uppdrag, syfte, förutsättningar och förväntningar. Skapa en personlig kontakt, bestäm hur och när ni återkopplar, och skriv en överenskommelse om uppdraget löper över en längre tid.

Kontaktuppgifterna får bara användas för det här uppdraget.`,
    },
    en: {
      subject: "Participant for {{requestTitle}}",
      body: `Hello {{recipientName}},

{{participantName}} has accepted to take part in "{{requestTitle}}" and consented to you receiving their contact details.

Name: {{participantName}}
{{#participantEmail}}E-mail: {{participantEmail}}
{{/participantEmail}}{{#participantPhone}}Phone: {{participantPhone}}
{{/participantPhone}}{{#occasions.length}}
Occasions:
{{/occasions.length}}${OCCASIONS_EN}
Contact the participant to clarify the assignment, its purpose, conditions and expectations together. Build a personal contact, agree how and when you will follow up, and write an agreement if the assignment runs over a longer period.

The contact details may only be used for this assignment.`,
    },
  },
  ASSIGNMENT_DESCRIPTION: {
    sv: {
      subject: "Uppdragsbeskrivning: {{requestTitle}}",
      body: `Hej {{recipientName}}!

Tack för att du tackat ja till "{{requestTitle}}". Dina kontaktuppgifter har nu lämnats till {{unitName}}, som kontaktar dig.

Syfte: {{purpose}}
{{#expectations}}Förväntningar: {{expectations}}
{{/expectations}}{{#occasions.length}}
Tillfällen:
{{/occasions.length}}${OCCASIONS_SV}{{#preparation}}
Förberedelser: {{preparation}}
{{/preparation}}{{#compensationOffered}}Ersättning: {{compensationOffered}}
{{/compensationOffered}}
Kontaktperson: {{unitContactName}}, {{unitContactEmail}}{{#unitContactPhone}}, {{unitContactPhone}}{{/unitContactPhone}}`,
    },
    en: {
      subject: "Assignment description: {{requestTitle}}",
      body: `Hello {{recipientName}},

Thank you for accepting "{{requestTitle}}". Your contact details have now been given to {{unitName}}, who will contact you.

Purpose: {{purpose}}
{{#expectations}}Expectations: {{expectations}}
{{/expectations}}{{#occasions.length}}
Occasions:
{{/occasions.length}}${OCCASIONS_EN}{{#preparation}}
Preparation: {{preparation}}
{{/preparation}}{{#compensationOffered}}Compensation: {{compensationOffered}}
{{/compensationOffered}}
Contact person: {{unitContactName}}, {{unitContactEmail}}{{#unitContactPhone}}, {{unitContactPhone}}{{/unitContactPhone}}`,
    },
  },
  OCCASION_REMINDER: {
    sv: {
      subject: "Påminnelse: {{requestTitle}}",
      body: `Hej {{recipientName}}!

En påminnelse om att du medverkar i "{{requestTitle}}" {{startsAt}}.
{{#place}}Plats: {{place}}
{{/place}}{{#digitalLink}}Länk: {{digitalLink}}
{{/digitalLink}}`,
    },
    en: {
      subject: "Reminder: {{requestTitle}}",
      body: `Hello {{recipientName}},

A reminder that you are taking part in "{{requestTitle}}" on {{startsAt}}.
{{#place}}Place: {{place}}
{{/place}}{{#digitalLink}}Link: {{digitalLink}}
{{/digitalLink}}`,
    },
  },
  FEEDBACK_REQUESTED: {
    sv: {
      subject: "Hur gick det med {{requestTitle}}?",
      body: `Hej {{recipientName}}!

Tack för att du medverkade i "{{requestTitle}}". Vi vill gärna höra hur det gick, så att nästa uppdrag blir ännu bättre.
{{#feedbackUrl}}
Lämna återkoppling: {{feedbackUrl}}
{{/feedbackUrl}}`,
    },
    en: {
      subject: "How did {{requestTitle}} go?",
      body: `Hello {{recipientName}},

Thank you for taking part in "{{requestTitle}}". We would like to hear how it went, so that the next assignment is even better.
{{#feedbackUrl}}
Give feedback: {{feedbackUrl}}
{{/feedbackUrl}}`,
    },
  },
  FEE_CLAIM_STATUS_CHANGED: {
    sv: {
      subject: "Ditt arvode för {{occasionDate}} är {{status}}",
      body: `Hej {{recipientName}}!

Arvodesunderlaget för "{{requestTitle}}" den {{occasionDate}} är nu {{status}}.
Belopp att betala ut: {{netAmount}}
{{#rejectionReason}}
Skäl: {{rejectionReason}}
{{/rejectionReason}}`,
    },
    en: {
      subject: "Your fee claim for {{occasionDate}} is {{status}}",
      body: `Hello {{recipientName}},

The fee claim for "{{requestTitle}}" on {{occasionDate}} is now {{status}}.
Amount to be paid: {{netAmount}}
{{#rejectionReason}}
Reason: {{rejectionReason}}
{{/rejectionReason}}`,
    },
  },
};

export type TemplateSource = "NETWORK" | "TENANT" | "DEFAULT";

/** The wording that applies: the network's override, else the tenant's, else the built-in default. */
export function effectiveTemplate(
  kind: NotificationKind,
  locale: Locale,
  overrides: { network?: MessageTemplateText | null; tenant?: MessageTemplateText | null },
): MessageTemplateText & { source: TemplateSource } {
  if (overrides.network) return { subject: overrides.network.subject, body: overrides.network.body, source: "NETWORK" };
  if (overrides.tenant) return { subject: overrides.tenant.subject, body: overrides.tenant.body, source: "TENANT" };
  return { ...DEFAULT_TEMPLATES[kind][locale], source: "DEFAULT" };
}
