// The demo seed's pure planning pieces the generator shares: the seeded random streams, the synthetic people (names,
// languages, competences, experience texts) and Stockholm wall-clock time. The database package exports only the
// seed's entry point, so these are reached by path; the lead may promote them to `@medverkan/database/seed` exports.
export { drawCompetences, drawIdentity, drawLanguages, emailLocalPart } from "../../../../prisma/seed/people.js";
export { type SeededRandom, seededRandom } from "../../../../prisma/seed/random.js";
export { addDays, dateOnly, stockholm, stockholmDate } from "../../../../prisma/seed/time.js";
