import { describe, expect, it } from "vitest";
import type { FieldError } from "../messages/field-error.js";
import {
  offeredTaxonomy,
  type TaxonomyNode,
  type TaxonomyTag,
  tagDescendantIds,
  validateExperienceTagFields,
  wouldCreateTagCycle,
} from "./experience-taxonomy.js";

const tag = (id: string, parentId: string | null, labelSv: string, labelEn = labelSv, retired = false): TaxonomyTag => ({
  id,
  parentId,
  labelSv,
  labelEn,
  retired,
});

// hjärta-kärl → (hjärtsvikt → (svår hjärtsvikt), stroke); cancer
const tree = [
  tag("heart", null, "Hjärt- och kärlsjukdomar", "Cardiovascular diseases"),
  tag("failure", "heart", "Hjärtsvikt", "Heart failure"),
  tag("severe", "failure", "Svår hjärtsvikt", "Severe heart failure"),
  tag("stroke", "heart", "Stroke", "Stroke"),
  tag("cancer", null, "Cancer", "Cancer"),
];

const fields = (result: { ok: boolean; errors?: readonly FieldError[] }) =>
  result.ok ? [] : (result.errors ?? []).map((e) => [e.field, e.code]);

describe("experience tags", () => {
  it("need a key and labels in both languages", () => {
    expect(validateExperienceTagFields({ key: "hjartsvikt", labelSv: " Hjärtsvikt ", labelEn: "Heart failure" }, "create")).toEqual({
      ok: true,
      value: { key: "hjartsvikt", labelSv: "Hjärtsvikt", labelEn: "Heart failure" },
    });
    expect(fields(validateExperienceTagFields({ key: "Hjärtsvikt", labelSv: "", labelEn: "x".repeat(101) }, "create"))).toEqual([
      ["input.key", "INVALID_FORMAT"],
      ["input.labelSv", "REQUIRED"],
      ["input.labelEn", "TOO_LONG"],
    ]);
    expect(validateExperienceTagFields({ labelEn: "Chronic heart failure" }, "update")).toEqual({
      ok: true,
      value: { labelEn: "Chronic heart failure" },
    });
    expect(fields(validateExperienceTagFields({ labelSv: null }, "update"))).toEqual([["input.labelSv", "REQUIRED"]]);
  });
});

describe("moving a tag", () => {
  it("refuses to put a tag under itself or under one of its descendants", () => {
    expect(wouldCreateTagCycle(tree, "heart", "heart")).toBe(true);
    expect(wouldCreateTagCycle(tree, "heart", "failure")).toBe(true);
    expect(wouldCreateTagCycle(tree, "heart", "severe")).toBe(true);
    expect(wouldCreateTagCycle(tree, "failure", "severe")).toBe(true);
  });

  it("allows moves elsewhere, and to the top level", () => {
    expect(wouldCreateTagCycle(tree, "failure", "cancer")).toBe(false);
    expect(wouldCreateTagCycle(tree, "severe", "stroke")).toBe(false);
    expect(wouldCreateTagCycle(tree, "severe", null)).toBe(false);
    expect(wouldCreateTagCycle(tree, "cancer", "severe")).toBe(false);
  });

  it("stops on a tree that is already damaged instead of looping", () => {
    const damaged = [tag("a", "b", "A"), tag("b", "a", "B"), tag("c", null, "C")];
    expect(wouldCreateTagCycle(damaged, "c", "a")).toBe(false);
  });

  it("finds every tag below a tag", () => {
    expect(tagDescendantIds(tree, "heart").sort()).toEqual(["failure", "severe", "stroke"]);
    expect(tagDescendantIds(tree, "severe")).toEqual([]);
  });
});

describe("the offered taxonomy", () => {
  const shape = <T extends TaxonomyTag>(nodes: readonly TaxonomyNode<T>[]): unknown[] =>
    nodes.map((node) => (node.children.length > 0 ? [node.label, shape(node.children)] : node.label));

  it("is a tree in the reader's language and alphabetical order", () => {
    expect(shape(offeredTaxonomy(tree, "sv"))).toEqual([
      "Cancer",
      ["Hjärt- och kärlsjukdomar", [["Hjärtsvikt", ["Svår hjärtsvikt"]], "Stroke"]],
    ]);
    expect(shape(offeredTaxonomy(tree, "en"))).toEqual([
      "Cancer",
      ["Cardiovascular diseases", [["Heart failure", ["Severe heart failure"]], "Stroke"]],
    ]);
  });

  it("sorts Swedish letters as Swedish does", () => {
    const tags = [tag("o", null, "Ögon"), tag("a", null, "Ångest"), tag("z", null, "Zebra")];
    expect(shape(offeredTaxonomy(tags, "sv"))).toEqual(["Zebra", "Ångest", "Ögon"]);
  });

  it("leaves out retired tags and everything under them", () => {
    const retired = tree.map((t) => (t.id === "failure" ? { ...t, retired: true } : t));
    expect(shape(offeredTaxonomy(retired, "sv"))).toEqual(["Cancer", ["Hjärt- och kärlsjukdomar", ["Stroke"]]]);
  });
});
