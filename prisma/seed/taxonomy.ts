// Building blocks of the experience taxonomies. Regions describe lived experience in much the same words (care
// area → condition, plus the relative's perspective), so the common branches are written once here and each
// region composes its own tree from them, adding what is particular to it (Kalmar's focus areas, Östergötland's
// multimorbidity). Keys are stable, readable and unique within a tenant; they are what requests and members refer to.
import type { TagNode } from "./types.js";

export const heartAndVessels: TagNode = {
  key: "hjarta-karl",
  sv: "Hjärt- och kärlsjukdomar",
  en: "Cardiovascular diseases",
  children: [
    { key: "hjartsvikt", sv: "Hjärtsvikt", en: "Heart failure" },
    { key: "hjartinfarkt", sv: "Hjärtinfarkt", en: "Myocardial infarction" },
    { key: "formaksflimmer", sv: "Förmaksflimmer", en: "Atrial fibrillation" },
    { key: "hogt-blodtryck", sv: "Högt blodtryck", en: "High blood pressure" },
    { key: "stroke", sv: "Stroke", en: "Stroke" },
  ],
};

export const cancer: TagNode = {
  key: "cancer",
  sv: "Cancer",
  en: "Cancer",
  children: [
    { key: "brostcancer", sv: "Bröstcancer", en: "Breast cancer" },
    { key: "prostatacancer", sv: "Prostatacancer", en: "Prostate cancer" },
    { key: "tjock-andtarmscancer", sv: "Tjock- och ändtarmscancer", en: "Colorectal cancer" },
    { key: "lungcancer", sv: "Lungcancer", en: "Lung cancer" },
    { key: "blodcancer", sv: "Blodcancer", en: "Haematological cancer" },
  ],
};

export const diabetesAndEndocrine: TagNode = {
  key: "diabetes-endokrina",
  sv: "Diabetes och endokrina sjukdomar",
  en: "Diabetes and endocrine diseases",
  children: [
    { key: "diabetes-typ-1", sv: "Diabetes typ 1", en: "Type 1 diabetes" },
    { key: "diabetes-typ-2", sv: "Diabetes typ 2", en: "Type 2 diabetes" },
    { key: "skoldkortel", sv: "Sköldkörtelsjukdom", en: "Thyroid disease" },
  ],
};

export const lungsAndAllergy: TagNode = {
  key: "lung-allergi",
  sv: "Lung- och allergisjukdomar",
  en: "Lung and allergic diseases",
  children: [
    { key: "kol", sv: "KOL", en: "COPD" },
    { key: "astma", sv: "Astma", en: "Asthma" },
  ],
};

export const musculoskeletalAndPain: TagNode = {
  key: "rorelseorgan-smarta",
  sv: "Rörelseorganens sjukdomar och smärta",
  en: "Musculoskeletal diseases and pain",
  children: [
    { key: "reumatoid-artrit", sv: "Reumatoid artrit", en: "Rheumatoid arthritis" },
    { key: "artros", sv: "Artros", en: "Osteoarthritis" },
    { key: "langvarig-smarta", sv: "Långvarig smärta", en: "Chronic pain" },
  ],
};

export const neurology: TagNode = {
  key: "neurologi",
  sv: "Neurologiska sjukdomar",
  en: "Neurological diseases",
  children: [
    { key: "ms", sv: "MS", en: "Multiple sclerosis" },
    { key: "parkinson", sv: "Parkinsons sjukdom", en: "Parkinson's disease" },
    { key: "epilepsi", sv: "Epilepsi", en: "Epilepsy" },
    { key: "demens", sv: "Demenssjukdom", en: "Dementia" },
  ],
};

export const kidneyAndGut: TagNode = {
  key: "njure-mage-tarm",
  sv: "Njur-, mag- och tarmsjukdomar",
  en: "Kidney and gastrointestinal diseases",
  children: [
    { key: "njursvikt-dialys", sv: "Njursvikt och dialys", en: "Kidney failure and dialysis" },
    { key: "ibd", sv: "Inflammatorisk tarmsjukdom (IBD)", en: "Inflammatory bowel disease (IBD)" },
  ],
};

export const mentalHealth: TagNode = {
  key: "psykisk-halsa",
  sv: "Psykisk ohälsa och psykiatrisk vård",
  en: "Mental ill health and psychiatric care",
  children: [
    { key: "depression", sv: "Depression", en: "Depression" },
    { key: "angest", sv: "Ångestsyndrom", en: "Anxiety disorders" },
    { key: "bipolar", sv: "Bipolär sjukdom", en: "Bipolar disorder" },
    { key: "psykos", sv: "Psykossjukdom och schizofreni", en: "Psychotic disorders and schizophrenia" },
    { key: "atstorning", sv: "Ätstörning", en: "Eating disorder" },
    { key: "sjalvskada", sv: "Självskadebeteende", en: "Self-harm" },
    { key: "ptsd", sv: "Traumarelaterade tillstånd (PTSD)", en: "Trauma-related conditions (PTSD)" },
    { key: "tvangssyndrom", sv: "Tvångssyndrom (OCD)", en: "Obsessive-compulsive disorder (OCD)" },
    { key: "heldygnsvard", sv: "Psykiatrisk heldygnsvård", en: "Psychiatric inpatient care" },
    { key: "tvangsvard", sv: "Psykiatrisk tvångsvård", en: "Compulsory psychiatric care" },
  ],
};

export const neurodevelopmental: TagNode = {
  key: "npf",
  sv: "Neuropsykiatriska funktionsnedsättningar",
  en: "Neurodevelopmental disorders",
  children: [
    { key: "adhd", sv: "adhd", en: "ADHD" },
    { key: "autism", sv: "Autism", en: "Autism" },
  ],
};

export const addiction: TagNode = {
  key: "beroende",
  sv: "Missbruk och beroende",
  en: "Addiction and dependency",
  children: [
    { key: "alkohol", sv: "Alkoholberoende", en: "Alcohol dependence" },
    { key: "narkotika", sv: "Narkotikaberoende", en: "Drug dependence" },
    { key: "lakemedel", sv: "Läkemedelsberoende", en: "Prescription drug dependence" },
    { key: "spel", sv: "Spelberoende", en: "Gambling addiction" },
    { key: "samsjuklighet", sv: "Samsjuklighet (psykisk ohälsa och beroende)", en: "Co-occurring mental illness and addiction" },
  ],
};

export const careJourneys: TagNode = {
  key: "vardkedjor",
  sv: "Vårdens kontaktytor",
  en: "Points of contact with care",
  children: [
    { key: "akutsjukvard", sv: "Akutsjukvård", en: "Emergency care" },
    { key: "primarvard", sv: "Primärvård och vårdcentral", en: "Primary care" },
    { key: "graviditet-forlossning", sv: "Graviditet och förlossning", en: "Pregnancy and childbirth" },
    { key: "palliativ-vard", sv: "Palliativ vård", en: "Palliative care" },
    { key: "rehabilitering", sv: "Rehabilitering", en: "Rehabilitation" },
    { key: "digitala-vardtjanster", sv: "Digitala vårdtjänster", en: "Digital care services" },
  ],
};

export const relativePerspective: TagNode = {
  key: "narstaende",
  sv: "Närståendeperspektiv",
  en: "Relative's perspective",
  children: [
    {
      key: "foralder-barn",
      sv: "Förälder till barn med sjukdom eller funktionsnedsättning",
      en: "Parent of a child with illness or disability",
    },
    { key: "partner", sv: "Partner till person med sjukdom", en: "Partner of a person with illness" },
    { key: "vuxet-barn", sv: "Vuxet barn till förälder med sjukdom", en: "Adult child of a parent with illness" },
    {
      key: "narstaende-psykisk-ohalsa",
      sv: "Närstående till person med psykisk ohälsa",
      en: "Relative of a person with mental ill health",
    },
    { key: "narstaende-beroende", sv: "Närstående till person med beroende", en: "Relative of a person with addiction" },
    { key: "efterlevande", sv: "Efterlevande", en: "Bereaved relative" },
  ],
};

/** Every leaf key under the given nodes (and the nodes themselves when they have no children). */
export function leafKeys(...nodes: readonly TagNode[]): string[] {
  return nodes.flatMap((node) => (node.children && node.children.length > 0 ? leafKeys(...node.children) : [node.key]));
}

/** All nodes of a tree, parents before children, with their parent's key. */
export function flattenTaxonomy(
  nodes: readonly TagNode[],
  parentKey: string | null = null,
): Array<{ node: TagNode; parentKey: string | null }> {
  return nodes.flatMap((node) => [{ node, parentKey }, ...flattenTaxonomy(node.children ?? [], node.key)]);
}
