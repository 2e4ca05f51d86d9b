import type { LocalizedText } from "../messages/locale.js";

// Version 1 of the three consent texts every tenant needs: the processing of the member's data, sharing contact
// details with a unit, and a guardian's consent. The wording follows the regions' own routines: who the data
// controller is, which pool the person joins, and — the one real difference — the legal basis. Jönköping, VGR and
// Östergötland process on the person's consent; Kalmar states that the processing is "en uppgift av allmänt
// intresse" (task carried out in the public interest) and that the register may be shared only with the development
// leader at Kommunförbundet Kalmar län (seed 003), so its text informs rather than asks. A region created through
// the API starts from `defaultConsentTexts` (its own to change), so public registration works from day one.

export interface ConsentWording {
  /** The data controller, e.g. "Region Jönköpings län". */
  readonly controller: string;
  /** The pool(s) in running text, e.g. "Levande bibliotek eller Peer". */
  readonly pools: string;
  readonly poolsEn: string;
  readonly legalBasis: "CONSENT" | "PUBLIC_INTEREST";
  /** Who besides the coordinators may see the data (Kalmar), in Swedish and English. */
  readonly sharedWith?: { readonly sv: string; readonly en: string };
}

export interface ConsentTextSet {
  readonly processing: LocalizedText;
  readonly contactSharing: LocalizedText;
  readonly guardian: LocalizedText;
}

export function consentTexts(wording: ConsentWording): ConsentTextSet {
  const { controller, pools, poolsEn } = wording;
  const shared = wording.sharedWith
    ? { sv: ` Uppgifterna får bara delas med ${wording.sharedWith.sv}.`, en: ` The data may only be shared with ${wording.sharedWith.en}.` }
    : { sv: "", en: "" };
  const processing =
    wording.legalBasis === "PUBLIC_INTEREST"
      ? {
          sv:
            `${controller} är personuppgiftsansvarig för ${pools}. Uppgifterna du lämnar – kontaktuppgifter, födelsedatum eller ` +
            "födelseår, kommun, dina erfarenheter och när du kan medverka – används för att kunna fråga dig om medverkan i " +
            "utvecklingsaktiviteter och ledningssammanhang. Den lagliga grunden för behandlingen är att uppgiften är av allmänt " +
            `intresse. Endast namngivna utvecklingsledare har tillgång till uppgifterna.${shared.sv} Du har rätt att få information ` +
            "om behandlingen, att få uppgifter rättade, begränsade eller raderade och att göra invändningar, genom att kontakta " +
            "ansvarig utvecklingsledare.",
          en:
            `${controller} is the data controller of ${poolsEn}. The information you give – contact details, date or year of ` +
            "birth, municipality, your experiences and when you are available – is used to ask you to take part in development " +
            "activities and leadership contexts. The legal basis for the processing is that it is a task carried out in the " +
            `public interest. Only named development leaders have access to the data.${shared.en} You have the right to ` +
            "information about the processing, to have data corrected, restricted or erased, and to object, by contacting the " +
            "development leader in charge.",
        }
      : {
          sv:
            `Jag samtycker till att ${controller} behandlar mina personuppgifter – kontaktuppgifter, födelsedatum eller födelseår, ` +
            `kommun, de erfarenheter jag själv beskriver och när jag kan medverka – för att kunna tillfråga mig om uppdrag i ${pools}. ` +
            "Uppgifterna ses bara av nätverkets samordnare och lämnas till en verksamhet först när jag har tackat ja till ett " +
            "uppdrag. Jag kan när som helst ta tillbaka mitt samtycke och begära utdrag, rättelse, begränsning eller radering.",
          en:
            `I consent to ${controller} processing my personal data – contact details, date or year of birth, municipality, the ` +
            `experiences I describe myself and when I am available – in order to ask me to take part in assignments in ${poolsEn}. ` +
            "The data is seen only by the network's coordinators and is given to a unit only after I have accepted an " +
            "assignment. I can withdraw my consent at any time and ask for a copy, correction, restriction or erasure.",
        };
  return {
    processing,
    contactSharing: {
      sv:
        "Jag godkänner att samordnaren lämnar mitt namn, min e-postadress och mitt telefonnummer till den verksamhet som " +
        "skickat förfrågan, så att de kan kontakta mig om just det här uppdraget. Uppgifterna får inte användas till något annat.",
      en:
        "I agree that the coordinator gives my name, e-mail address and phone number to the unit that sent the request, so " +
        "that they can contact me about this assignment only. The details may not be used for anything else.",
    },
    guardian: {
      sv:
        `Jag är vårdnadshavare och ger mitt skriftliga samtycke till att mitt barn anmäler sig till ${pools}, att ${controller} ` +
        "behandlar barnets personuppgifter för det ändamålet och att barnet får tillfrågas om att medverka. Jag kan när som " +
        "helst återkalla samtycket.",
      en:
        `I am the guardian and give my written consent to my child registering with ${poolsEn}, to ${controller} processing ` +
        "the child's personal data for that purpose and to the child being asked to take part. I can withdraw the consent at " +
        "any time.",
    },
  };
}

/** The platform's texts for a region created through the API: processing on consent, in the region's own name. */
export function defaultConsentTexts(tenantName: string): ConsentTextSet {
  return consentTexts({
    controller: tenantName,
    pools: "regionens nätverk för medverkan",
    poolsEn: "the region's participation networks",
    legalBasis: "CONSENT",
  });
}
