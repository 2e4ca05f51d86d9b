import { type FormEvent, useState } from "react";
import { ScrollableTable } from "../../components/scrollable-table";
import type { FormQuestionType, RequestFormQuestionInput } from "../../generated/graphql";
import { useI18n } from "../../i18n";
import {
  CheckboxField,
  enumOptions,
  formErrors,
  intOrNull,
  NO_OUTCOME,
  type Outcome,
  OutcomeMessages,
  orNull,
  SelectField,
  TextField,
  useEnumLabels,
} from "./shared";

// The region's own questions of a form (a request form's or the registration form's): listed, one added or removed.
// The API takes the whole list, so the questions already there are sent back as they are.

export interface Question {
  key: string;
  labelSv: string;
  labelEn: string;
  helpSv?: string | null;
  helpEn?: string | null;
  type: FormQuestionType;
  required: boolean;
  maxLength?: number | null;
  minLength?: number | null;
  maxSelections?: number | null;
  minValue?: number | null;
  maxValue?: number | null;
  placeAfter?: RequestFormQuestionInput["placeAfter"];
  options: ReadonlyArray<{ key: string; labelSv: string; labelEn: string }>;
  showWhen?: { question: string; anyOf: readonly string[] } | null;
  requiredWhen?: { question: string; anyOf: readonly string[] } | null;
}

export function questionInput(q: Question): RequestFormQuestionInput {
  return {
    key: q.key,
    labelSv: q.labelSv,
    labelEn: q.labelEn,
    helpSv: q.helpSv ?? null,
    helpEn: q.helpEn ?? null,
    type: q.type,
    required: q.required,
    maxLength: q.maxLength ?? null,
    minLength: q.minLength ?? null,
    maxSelections: q.maxSelections ?? null,
    minValue: q.minValue ?? null,
    maxValue: q.maxValue ?? null,
    placeAfter: q.placeAfter ?? null,
    options: q.options.map((o) => ({ key: o.key, labelSv: o.labelSv, labelEn: o.labelEn })),
    showWhen: q.showWhen ? { question: q.showWhen.question, anyOf: [...q.showWhen.anyOf] } : null,
    requiredWhen: q.requiredWhen ? { question: q.requiredWhen.question, anyOf: [...q.requiredWhen.anyOf] } : null,
  };
}

const TYPES: FormQuestionType[] = ["SHORT_TEXT", "LONG_TEXT", "NUMBER", "DATE", "YES_NO", "SINGLE_CHOICE", "MULTIPLE_CHOICE"];
const EMPTY = {
  key: "",
  labelSv: "",
  labelEn: "",
  helpSv: "",
  helpEn: "",
  type: "SHORT_TEXT" as FormQuestionType,
  required: false,
  maxLength: "",
  options: "",
};

export function QuestionsEditor({
  form,
  questions,
  save,
}: {
  form: string;
  questions: readonly Question[];
  save: (questions: RequestFormQuestionInput[]) => Promise<Outcome>;
}) {
  const { t, language } = useI18n();
  const labels = useEnumLabels(["FormQuestionType"]);
  const [draft, setDraft] = useState(EMPTY);
  const [outcome, setOutcome] = useState<Outcome>(NO_OUTCOME);
  const [removeOutcome, setRemoveOutcome] = useState<Outcome>(NO_OUTCOME);
  const errors = formErrors(`${form}-question`, outcome);
  const index = questions.length;
  const p = (field: string) => `questions[${index}].${field}`;
  const set = <K extends keyof typeof draft>(key: K, value: (typeof draft)[K]) => setDraft((old) => ({ ...old, [key]: value }));
  const choice = draft.type === "SINGLE_CHOICE" || draft.type === "MULTIPLE_CHOICE";

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const options = choice
      ? draft.options
          .split("\n")
          .map((line) => line.trim())
          .filter(Boolean)
          .map((line) => {
            const [key = "", labelSv = "", labelEn = ""] = line.split(";").map((part) => part.trim());
            return { key, labelSv, labelEn: labelEn || labelSv };
          })
      : null;
    const added: RequestFormQuestionInput = {
      key: draft.key.trim(),
      labelSv: draft.labelSv.trim(),
      labelEn: draft.labelEn.trim(),
      helpSv: orNull(draft.helpSv),
      helpEn: orNull(draft.helpEn),
      type: draft.type,
      required: draft.required,
      maxLength: intOrNull(draft.maxLength),
      options,
    };
    const found = await save([...questions.map(questionInput), added]);
    setOutcome(found);
    if (found.ok) setDraft(EMPTY);
  };

  return (
    <>
      {questions.length ? (
        <ScrollableTable
          label={t("adminQuestions")}
          head={
            <>
              <th scope="col">{t("adminQuestionKey")}</th>
              <th scope="col">{t("adminQuestionLabel")}</th>
              <th scope="col">{t("adminQuestionType")}</th>
              <th scope="col">{t("adminRequiredColumn")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("adminActions")}</span>
              </th>
            </>
          }
        >
          {questions.map((q) => (
            <tr key={q.key}>
              <td>{q.key}</td>
              <td>{language === "sv" ? q.labelSv : q.labelEn}</td>
              <td>{labels("FormQuestionType", q.type)}</td>
              <td>{q.required ? t("yes") : t("no")}</td>
              <td>
                <button
                  type="button"
                  className="secondary"
                  onClick={async () => setRemoveOutcome(await save(questions.filter((x) => x.key !== q.key).map(questionInput)))}
                >
                  {t("adminRemoveQuestion", { label: language === "sv" ? q.labelSv : q.labelEn })}
                </button>
              </td>
            </tr>
          ))}
        </ScrollableTable>
      ) : (
        <p>{t("adminNoQuestions")}</p>
      )}
      <OutcomeMessages outcome={removeOutcome} errors={formErrors(`${form}-remove`, removeOutcome)} />
      <h3>{t("adminAddQuestion")}</h3>
      <OutcomeMessages outcome={outcome} errors={errors} savedText={t("adminQuestionAdded")} />
      <form onSubmit={add} noValidate>
        <TextField
          errors={errors}
          path={p("key")}
          label={t("adminQuestionKey")}
          hint={t("adminQuestionKeyHint")}
          required
          value={draft.key}
          onChange={(v) => set("key", v)}
        />
        <TextField
          errors={errors}
          path={p("labelSv")}
          label={t("adminLabelSv")}
          required
          value={draft.labelSv}
          onChange={(v) => set("labelSv", v)}
        />
        <TextField
          errors={errors}
          path={p("labelEn")}
          label={t("adminLabelEn")}
          required
          value={draft.labelEn}
          onChange={(v) => set("labelEn", v)}
        />
        <TextField errors={errors} path={p("helpSv")} label={t("adminHelpSv")} value={draft.helpSv} onChange={(v) => set("helpSv", v)} />
        <TextField errors={errors} path={p("helpEn")} label={t("adminHelpEn")} value={draft.helpEn} onChange={(v) => set("helpEn", v)} />
        <SelectField
          errors={errors}
          path={p("type")}
          label={t("adminQuestionType")}
          value={draft.type}
          onChange={(v) => set("type", v as FormQuestionType)}
          options={enumOptions(labels, "FormQuestionType", TYPES)}
        />
        {choice ? (
          <TextField
            errors={errors}
            path={p("options")}
            nested
            label={t("adminOptions")}
            hint={t("adminOptionsHint")}
            multiline
            value={draft.options}
            onChange={(v) => set("options", v)}
          />
        ) : null}
        {draft.type === "SHORT_TEXT" || draft.type === "LONG_TEXT" ? (
          <TextField
            errors={errors}
            path={p("maxLength")}
            label={t("adminMaxLength")}
            type="number"
            value={draft.maxLength}
            onChange={(v) => set("maxLength", v)}
          />
        ) : null}
        <CheckboxField
          errors={errors}
          path={p("required")}
          label={t("adminQuestionRequired")}
          checked={draft.required}
          onChange={(v) => set("required", v)}
        />
        <button type="submit">{t("adminAddQuestion")}</button>
      </form>
    </>
  );
}
