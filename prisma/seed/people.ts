// Synthetic people. Names are drawn independently (given name × family name) from lists of common names in Sweden,
// including names of the larger immigrant groups, so no combination is meant to be anyone in particular. Contact
// details can never reach a real person: e-mail addresses are under example.se, and phone numbers come from the
// series that the Swedish Post and Telecom Authority (PTS) reserves for use in fiction, 070-174 06 05 – 070-174 06 99.
import { foldForComparison } from "@medverkan/domain";
import type { SeededRandom } from "./random.js";

const FEMALE_GIVEN_NAMES = [
  "Anna",
  "Eva",
  "Maria",
  "Karin",
  "Kristina",
  "Lena",
  "Sara",
  "Emma",
  "Kerstin",
  "Ingrid",
  "Marie",
  "Malin",
  "Jenny",
  "Annika",
  "Linda",
  "Susanne",
  "Elin",
  "Hanna",
  "Ida",
  "Johanna",
  "Birgitta",
  "Margareta",
  "Ulla",
  "Camilla",
  "Sofia",
  "Helena",
  "Åsa",
  "Maja",
  "Ebba",
  "Agnes",
  "Siv",
  "Gunilla",
  "Yvonne",
  "Inger",
  "Britt",
  "Monica",
  "Therese",
  "Frida",
  "Fatima",
  "Amina",
  "Leila",
  "Mirela",
  "Aino",
  "Tuula",
  "Nadia",
  "Zahra",
  "Maryam",
  "Ewa",
] as const;

const MALE_GIVEN_NAMES = [
  "Lars",
  "Anders",
  "Johan",
  "Per",
  "Karl",
  "Erik",
  "Nils",
  "Mikael",
  "Jan",
  "Hans",
  "Peter",
  "Thomas",
  "Daniel",
  "Fredrik",
  "Magnus",
  "Stefan",
  "Mattias",
  "Jonas",
  "Andreas",
  "Björn",
  "Bengt",
  "Gunnar",
  "Göran",
  "Ove",
  "Rolf",
  "Sven",
  "Kent",
  "Oskar",
  "Viktor",
  "Elias",
  "Hugo",
  "Leif",
  "Åke",
  "Kjell",
  "Tommy",
  "Robert",
  "Emil",
  "Linus",
  "Ali",
  "Mohammed",
  "Omar",
  "Hassan",
  "Ahmed",
  "Dragan",
  "Mehmet",
  "Juha",
  "Pekka",
  "Tomasz",
  "Reza",
] as const;

const FAMILY_NAMES = [
  "Andersson",
  "Johansson",
  "Karlsson",
  "Nilsson",
  "Eriksson",
  "Larsson",
  "Olsson",
  "Persson",
  "Svensson",
  "Gustafsson",
  "Pettersson",
  "Jonsson",
  "Jansson",
  "Hansson",
  "Bengtsson",
  "Jönsson",
  "Lindberg",
  "Jakobsson",
  "Magnusson",
  "Olofsson",
  "Lindström",
  "Lindgren",
  "Axelsson",
  "Bergström",
  "Lundberg",
  "Lundgren",
  "Lundqvist",
  "Mattsson",
  "Berglund",
  "Fredriksson",
  "Sandberg",
  "Henriksson",
  "Forsberg",
  "Wallin",
  "Engström",
  "Danielsson",
  "Håkansson",
  "Eklund",
  "Lundin",
  "Samuelsson",
  "Fransson",
  "Bergman",
  "Holmberg",
  "Arvidsson",
  "Löfgren",
  "Söderberg",
  "Nyberg",
  "Blomqvist",
  "Claesson",
  "Nordström",
  "Mårtensson",
  "Lundström",
  "Björk",
  "Strand",
  "Ek",
  "Hedlund",
  "Sundberg",
  "Ali",
  "Mohammadi",
  "Hassan",
  "Ahmadi",
  "Nguyen",
  "Kovačević",
  "Hodžić",
  "Virtanen",
  "Korhonen",
  "Nowak",
  "Yilmaz",
  "Rahman",
  "Abdi",
  "Haddad",
] as const;

/** Languages beside Swedish (ISO 639-1), roughly as common as in the population the pools draw from. */
const OTHER_LANGUAGES: ReadonlyArray<readonly [string, number]> = [
  ["en", 10],
  ["ar", 2],
  ["fi", 2],
  ["fa", 1],
  ["so", 1],
  ["bs", 1],
  ["pl", 1],
  ["de", 1],
  ["tr", 1],
];

/** Names whose speakers are likely to speak the corresponding language too (a little realism in the profiles). */
const LANGUAGE_BY_NAME: Readonly<Record<string, string>> = {
  Fatima: "ar",
  Amina: "so",
  Leila: "fa",
  Mirela: "bs",
  Aino: "fi",
  Tuula: "fi",
  Nadia: "ar",
  Zahra: "fa",
  Maryam: "ar",
  Ewa: "pl",
  Ali: "ar",
  Mohammed: "ar",
  Omar: "ar",
  Hassan: "so",
  Ahmed: "ar",
  Dragan: "bs",
  Mehmet: "tr",
  Juha: "fi",
  Pekka: "fi",
  Tomasz: "pl",
  Reza: "fa",
  Virtanen: "fi",
  Korhonen: "fi",
  Nowak: "pl",
  Yilmaz: "tr",
  Kovačević: "bs",
  Hodžić: "bs",
  Mohammadi: "fa",
  Ahmadi: "fa",
  Abdi: "so",
  Haddad: "ar",
  Nguyen: "vi",
  Rahman: "ar",
};

const COMPETENCES = [
  "Van att tala inför grupp",
  "Föreläsare",
  "Erfarenhet av förbättringsarbete",
  "Styrelseuppdrag i patientförening",
  "Projektledning",
  "Pedagog",
  "Skrivande och granskning av texter",
  "Utbildad peer-supporter",
  "Erfarenhet av fokusgrupper",
  "Undersköterska (tidigare yrke)",
  "Ekonomi",
  "IT och digitala tjänster",
  "Tolkning och översättning",
  "Ideellt arbete med anhörigstöd",
] as const;

const ACCESSIBILITY_NEEDS = [
  "Rullstolsburen – behöver tillgänglig lokal och parkering nära entrén.",
  "Hörselnedsättning – behöver hörslinga eller textning vid digitala möten.",
  "Synnedsättning – vill få material digitalt i förväg.",
  "Behöver pauser vid möten längre än en timme.",
  "Kan inte resa längre sträckor; digitalt fungerar bra.",
  "Behöver tydlig skriftlig information före mötet.",
] as const;

const AVAILABILITY_NOTES = [
  "Dagtid vardagar.",
  "Helst eftermiddagar.",
  "Kvällar och digitala möten.",
  "Vardagar utom måndagar.",
  "Flexibel, men behöver besked en vecka i förväg.",
  "Fungerar bäst digitalt.",
  "Dagtid, gärna inte tidiga morgnar.",
] as const;

const EXTRA_SENTENCES = [
  "Vill särskilt bidra till ett bättre bemötande.",
  "Har varit med i flera förbättringsarbeten.",
  "Intresserad av hur information och kallelser kan bli tydligare.",
  "Vill att vården ska bli bättre på att samordna insatserna.",
  "Har erfarenhet av vård i flera regioner.",
  "Brinner för att närstående ska bli sedda.",
  "Vill bidra till att digitala tjänster fungerar för alla.",
  "Har erfarenhet av långa väntetider och vill bidra till förändring.",
] as const;

export interface PersonIdentity {
  readonly givenName: string;
  readonly familyName: string;
  readonly female: boolean;
}

export function drawIdentity(random: SeededRandom): PersonIdentity {
  const female = random.chance(0.58); // pools lean towards women, as participation surveys report
  return {
    givenName: random.pick(female ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES),
    familyName: random.pick(FAMILY_NAMES),
    female,
  };
}

/** A given name for a guardian or partner, of either gender. */
export function drawGivenName(random: SeededRandom, female: boolean): string {
  return random.pick(female ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES);
}

/** "Åsa Öberg-Lind" → "asa.oberg-lind": the local part of an example.se address. */
export function emailLocalPart(...names: string[]): string {
  return names.map((name) => foldForComparison(name).replaceAll(" ", "-")).join(".");
}

/** Hands out e-mail addresses that are unique within one tenant (a number is added on a clash). */
export class EmailBook {
  private readonly used = new Set<string>();

  take(local: string, domain = "example.se"): string {
    let candidate = `${local}@${domain}`;
    for (let n = 2; this.used.has(candidate); n += 1) candidate = `${local}${n}@${domain}`;
    this.used.add(candidate);
    return candidate;
  }
}

/** Hands out the fiction-reserved mobile numbers (E.164), one per person within a tenant. */
export class PhoneBook {
  private next = 605;

  take(): string {
    if (this.next > 699) throw new Error("The fiction-reserved number series (070-174 06 05–99) is used up for this tenant");
    const number = `+4670174${String(this.next).padStart(4, "0")}`;
    this.next += 1;
    return number;
  }
}

/** Staff and guardian numbers: the fiction-reserved Gothenburg series 031-390 06 00 – 031-390 06 99. */
export class LandlineBook {
  private next = 600;

  take(): string {
    if (this.next > 699) throw new Error("The fiction-reserved number series (031-390 06 00–99) is used up for this tenant");
    const number = `+463139006${String(this.next).slice(1)}`;
    this.next += 1;
    return number;
  }
}

export function drawLanguages(random: SeededRandom, identity: PersonIdentity): string[] {
  const languages = ["sv"];
  const likely = LANGUAGE_BY_NAME[identity.givenName] ?? LANGUAGE_BY_NAME[identity.familyName];
  if (likely) languages.push(likely);
  if (random.chance(0.45)) {
    const extra = random.weighted(OTHER_LANGUAGES);
    if (!languages.includes(extra)) languages.push(extra);
  }
  return languages;
}

export function drawCompetences(random: SeededRandom): string[] {
  return random.sample(
    COMPETENCES,
    random.weighted([
      [0, 3],
      [1, 4],
      [2, 2],
    ]),
  );
}

export function drawAccessibilityNeeds(random: SeededRandom): string | null {
  return random.chance(0.18) ? random.pick(ACCESSIBILITY_NEEDS) : null;
}

export function drawAvailability(random: SeededRandom): string | null {
  return random.chance(0.8) ? random.pick(AVAILABILITY_NOTES) : null;
}

/** A short free-text description of the person's experience, written as members write them. */
export function describeExperience(
  random: SeededRandom,
  experiences: ReadonlyArray<{ readonly labelSv: string; readonly relative: boolean }>,
  serviceUser = false,
): string {
  const sentences = experiences.map(({ labelSv, relative }) => {
    // "Hjärtsvikt" → "hjärtsvikt" inside a sentence, but abbreviations such as "KOL" and "MS" stay as they are.
    const second = labelSv.charAt(1);
    const label = second !== "" && second === second.toLowerCase() ? labelSv.charAt(0).toLowerCase() + labelSv.slice(1) : labelSv;
    if (relative) return `Erfarenhet som närstående: ${label}.`;
    return random.pick([`Egen erfarenhet av ${label}.`, `Har erfarenhet av ${label} som ${serviceUser ? "brukare" : "patient"}.`]);
  });
  if (random.chance(0.6)) sentences.push(random.pick(EXTRA_SENTENCES));
  return sentences.join(" ");
}
