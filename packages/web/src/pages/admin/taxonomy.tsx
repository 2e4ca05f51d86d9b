import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { ScrollableTable } from "../../components/scrollable-table";
import { graphql } from "../../generated";
import { useI18n } from "../../i18n";
import {
  AdminPage,
  formErrors,
  NO_OUTCOME,
  type Outcome,
  OutcomeMessages,
  orNull,
  outcomeOf,
  QueryState,
  SelectField,
  TextField,
  Truncated,
  useEnumLabels,
} from "./shared";

const TaxonomyDocument = graphql(`
  query AdminTaxonomy {
    experienceTags(first: 100) { totalCount nodes { id key labelSv labelEn version parentId } }
    me { tenant { id assignmentTypes(first: 100) { totalCount nodes { id key labelSv labelEn version } } } }
  }
`);

const CreateExperienceTagDocument = graphql(`
  mutation AdminCreateExperienceTag($input: CreateExperienceTagInput!) {
    createExperienceTag(input: $input) {
      experienceTag { id }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const UpdateExperienceTagDocument = graphql(`
  mutation AdminUpdateExperienceTag($input: UpdateExperienceTagInput!) {
    updateExperienceTag(input: $input) {
      experienceTag { id version }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const CreateAssignmentTypeDocument = graphql(`
  mutation AdminCreateAssignmentType($input: CreateAssignmentTypeInput!) {
    createAssignmentType(input: $input) {
      assignmentType { id }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const UpdateAssignmentTypeDocument = graphql(`
  mutation AdminUpdateAssignmentType($input: UpdateAssignmentTypeInput!) {
    updateAssignmentType(input: $input) {
      assignmentType { id version }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

interface Labelled {
  id: string;
  key: string;
  labelSv: string;
  labelEn: string;
  version: number;
  parentId?: string | null;
}

export function TaxonomyPage() {
  const { t, language } = useI18n();
  const perspectiveLabels = useEnumLabels(["Perspective"]);
  const [{ data, error, fetching }, refetch] = useQuery({ query: TaxonomyDocument, requestPolicy: "network-only" });
  const [, createTag] = useMutation(CreateExperienceTagDocument);
  const [, updateTag] = useMutation(UpdateExperienceTagDocument);
  const [, createType] = useMutation(CreateAssignmentTypeDocument);
  const [, updateType] = useMutation(UpdateAssignmentTypeDocument);
  const reload = () => refetch({ requestPolicy: "network-only" });
  const tags = data?.experienceTags?.nodes ?? [];
  const types = data?.me?.tenant?.assignmentTypes.nodes ?? [];
  const label = (x: Labelled) => (language === "sv" ? x.labelSv : x.labelEn);
  const tagName = new Map(tags.map((tag) => [tag.id, label(tag)]));
  return (
    <AdminPage title={t("adminTaxonomy")}>
      <QueryState error={error} loading={fetching && !data} />
      <section aria-labelledby="experiences-heading">
        <h2 id="experiences-heading">{t("adminExperiences")}</h2>
        <LabelledList
          form="tag"
          items={tags}
          describe={(tag) => (tag.parentId ? `${tagName.get(tag.parentId) ?? ""} › ${label(tag)}` : label(tag))}
          parents={tags.filter((tag) => !tag.parentId).map((tag) => ({ value: tag.id, label: label(tag) }))}
          create={async (values) => {
            const result = await createTag({ input: { ...values, parentId: orNull(values.parentId ?? "") } });
            reload();
            return outcomeOf(result.error, result.data?.createExperienceTag.errors);
          }}
          update={async (item, values) => {
            const result = await updateTag({
              input: { id: item.id, expectedVersion: item.version, labelSv: values.labelSv, labelEn: values.labelEn },
            });
            reload();
            return outcomeOf(result.error, result.data?.updateExperienceTag.errors);
          }}
          newLabel={t("adminNewExperience")}
        />
        <Truncated shown={tags.length} total={data?.experienceTags?.totalCount} />
      </section>
      <section aria-labelledby="types-heading">
        <h2 id="types-heading">{t("adminAssignmentTypes")}</h2>
        <LabelledList
          form="type"
          items={types}
          describe={label}
          create={async (values) => {
            const result = await createType({ input: { key: values.key, labelSv: values.labelSv, labelEn: values.labelEn } });
            reload();
            return outcomeOf(result.error, result.data?.createAssignmentType.errors);
          }}
          update={async (item, values) => {
            const result = await updateType({
              input: { id: item.id, expectedVersion: item.version, labelSv: values.labelSv, labelEn: values.labelEn },
            });
            reload();
            return outcomeOf(result.error, result.data?.updateAssignmentType.errors);
          }}
          newLabel={t("adminNewAssignmentType")}
        />
        <Truncated shown={types.length} total={data?.me?.tenant?.assignmentTypes.totalCount} />
      </section>
      <section aria-labelledby="perspectives-heading">
        <h2 id="perspectives-heading">{t("adminPerspectives")}</h2>
        <p>{t("adminPerspectivesFixed")}</p>
        <ul>
          {["PATIENT", "RELATIVE", "SERVICE_USER"].map((p) => (
            <li key={p}>{perspectiveLabels("Perspective", p)}</li>
          ))}
        </ul>
      </section>
    </AdminPage>
  );
}

type Values = { key: string; labelSv: string; labelEn: string; parentId?: string };

function LabelledList<T extends Labelled>(props: {
  form: string;
  items: readonly T[];
  describe: (item: T) => string;
  parents?: Array<{ value: string; label: string }>;
  create: (values: Values) => Promise<Outcome>;
  update: (item: T, values: Values) => Promise<Outcome>;
  newLabel: string;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<string | null>(null);
  const item = props.items.find((x) => x.id === editing);
  return (
    <>
      <ScrollableTable
        label={props.newLabel}
        head={
          <>
            <th scope="col">{t("adminKey")}</th>
            <th scope="col">{t("name")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("adminActions")}</span>
            </th>
          </>
        }
      >
        {props.items.map((x) => (
          <tr key={x.id}>
            <td>{x.key}</td>
            <td>{props.describe(x)}</td>
            <td>
              <button type="button" className="secondary" onClick={() => setEditing(x.id)}>
                {t("adminEditNamed", { name: props.describe(x) })}
              </button>
            </td>
          </tr>
        ))}
      </ScrollableTable>
      <LabelledForm
        key={item?.id ?? "new"}
        form={props.form}
        item={item}
        parents={props.parents}
        title={item ? t("adminEditNamed", { name: props.describe(item) }) : props.newLabel}
        save={(values) => (item ? props.update(item, values) : props.create(values))}
        onCancel={() => setEditing(null)}
      />
    </>
  );
}

function LabelledForm(props: {
  form: string;
  item: Labelled | undefined;
  parents?: Array<{ value: string; label: string }>;
  title: string;
  save: (values: Values) => Promise<Outcome>;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<Values>({
    key: props.item?.key ?? "",
    labelSv: props.item?.labelSv ?? "",
    labelEn: props.item?.labelEn ?? "",
    parentId: props.item?.parentId ?? "",
  });
  const [outcome, setOutcome] = useState<Outcome>(NO_OUTCOME);
  const errors = formErrors(`${props.form}-${props.item ? "edit" : "new"}`, outcome);
  const set = (key: keyof Values, value: string) => setValues((old) => ({ ...old, [key]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = await props.save({ ...values, key: values.key.trim(), labelSv: values.labelSv.trim(), labelEn: values.labelEn.trim() });
    setOutcome(found);
    if (found.ok && !props.item) setValues({ key: "", labelSv: "", labelEn: "", parentId: "" });
  };
  const headingId = `${props.form}-form-heading`;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{props.title}</h3>
      <OutcomeMessages outcome={outcome} errors={errors} />
      <form onSubmit={submit} noValidate>
        {props.item ? null : (
          <TextField
            errors={errors}
            path="key"
            label={t("adminKey")}
            hint={t("adminKeyHint")}
            required
            value={values.key}
            onChange={(v) => set("key", v)}
          />
        )}
        <TextField
          errors={errors}
          path="labelSv"
          label={t("adminLabelSv")}
          required
          value={values.labelSv}
          onChange={(v) => set("labelSv", v)}
        />
        <TextField
          errors={errors}
          path="labelEn"
          label={t("adminLabelEn")}
          required
          value={values.labelEn}
          onChange={(v) => set("labelEn", v)}
        />
        {props.parents && !props.item ? (
          <SelectField
            errors={errors}
            path="parentId"
            label={t("adminParent")}
            empty={t("adminNoParent")}
            value={values.parentId ?? ""}
            onChange={(v) => set("parentId", v)}
            options={props.parents}
          />
        ) : null}
        <button type="submit">{props.item ? t("save") : t("adminCreate")}</button>{" "}
        {props.item ? (
          <button type="button" className="secondary" onClick={props.onCancel}>
            {t("cancel")}
          </button>
        ) : null}
      </form>
    </section>
  );
}
