import { type FormEvent, useEffect, useState } from "react";
import { useClient, useMutation, useQuery } from "urql";
import { ScrollableTable } from "../../components/scrollable-table";
import { graphql } from "../../generated";
import type { AdminFeePreviewQuery, AdminFeeSchedulesQuery, FeePreviewInput, FeeScheduleVersionInput } from "../../generated/graphql";
import { formatMoney, useI18n } from "../../i18n";
import {
  AdminPage,
  CheckboxField,
  enumOptions,
  formErrors,
  intOrNull,
  NO_OUTCOME,
  type Outcome,
  OutcomeMessages,
  orNull,
  outcomeOf,
  QueryState,
  SelectField,
  TextField,
  useEnumLabels,
} from "./shared";

const FeeSchedulesDocument = graphql(`
  query AdminFeeSchedules {
    feeSchedules(first: 100, includeRetired: true) {
      nodes {
        id name version isTenantDefault retiredAt
        versions {
          id validFrom validTo status basis payoutMethod rounding hourlyRateRounding preparationPaid travelTimeCounts
          withholdingBasisPoints employerSocialFeeBasisPoints sourceDocument
          mileagePerKm { amountOre currency }
          hourlyRate { value } preparationHourlyRate { value }
          categories { category upToMinutes rate { value } }
        }
      }
    }
  }
`);

const AddFeeScheduleVersionDocument = graphql(`
  mutation AdminAddFeeScheduleVersion($input: AddFeeScheduleVersionInput!) {
    addFeeScheduleVersion(input: $input) {
      feeScheduleVersion { id validFrom }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const WithdrawFeeScheduleVersionDocument = graphql(`
  mutation AdminWithdrawFeeScheduleVersion($input: WithdrawFeeScheduleVersionInput!) {
    withdrawFeeScheduleVersion(input: $input) {
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const FeePreviewDocument = graphql(`
  query AdminFeePreview($input: FeePreviewInput!) {
    feePreview(input: $input) {
      preview {
        category countedMinutes explanationSv explanationEn occasionDate
        fee { amountOre currency } mileage { amountOre currency } preparation { amountOre currency }
        taxable { amountOre currency } withholding { amountOre currency } net { amountOre currency }
        feeScheduleVersion { id validFrom validTo }
      }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

type Schedule = NonNullable<AdminFeeSchedulesQuery["feeSchedules"]>["nodes"][number];
type Version = Schedule["versions"][number];
type Preview = NonNullable<NonNullable<AdminFeePreviewQuery["feePreview"]>["preview"]>;

const ENUMS = ["FeeBasis", "PayoutMethod", "FeeRounding", "HourlyRateRounding", "DurationCategory", "FeeScheduleVersionStatus"];

export function FeeSchedulesPage() {
  const { t } = useI18n();
  const [{ data, error, fetching }, refetch] = useQuery({ query: FeeSchedulesDocument, requestPolicy: "network-only" });
  const [selected, setSelected] = useState<string | null>(null);
  const schedules = data?.feeSchedules?.nodes ?? [];
  const schedule = schedules.find((s) => s.id === selected) ?? schedules.find((s) => s.isTenantDefault) ?? schedules[0];
  return (
    <AdminPage title={t("adminFeeSchedules")}>
      <QueryState error={error} loading={fetching && !data} />
      {schedules.length > 1 ? (
        <div className="field">
          <label htmlFor="fee-schedule-choice">{t("adminFeeSchedule")}</label>
          <select id="fee-schedule-choice" value={schedule?.id ?? ""} onChange={(e) => setSelected(e.target.value)}>
            {schedules.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
                {s.isTenantDefault ? ` (${t("adminDefault")})` : ""}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {schedule ? <ScheduleView key={schedule.id} schedule={schedule} refetch={() => refetch({ requestPolicy: "network-only" })} /> : null}
    </AdminPage>
  );
}

function ScheduleView({ schedule, refetch }: { schedule: Schedule; refetch: () => void }) {
  const { t } = useI18n();
  const labels = useEnumLabels(ENUMS);
  const [, withdraw] = useMutation(WithdrawFeeScheduleVersionDocument);
  const [withdrawOutcome, setWithdrawOutcome] = useState<Outcome>(NO_OUTCOME);
  const [previewRun, setPreviewRun] = useState(0);
  const latest = schedule.versions.reduce<Version | undefined>((a, b) => (!a || b.validFrom > a.validFrom ? b : a), undefined);
  const currency = latest?.mileagePerKm.currency ?? "SEK";
  return (
    <section aria-labelledby="schedule-heading">
      <h2 id="schedule-heading">{schedule.name}</h2>
      <ScrollableTable
        label={t("adminVersions")}
        head={
          <>
            <th scope="col">{t("adminValidFrom")}</th>
            <th scope="col">{t("adminValidTo")}</th>
            <th scope="col">{t("status")}</th>
            <th scope="col">{t("adminBasis")}</th>
            <th scope="col">{t("adminCategories")}</th>
            <th scope="col">{t("adminPayoutMethod")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("adminActions")}</span>
            </th>
          </>
        }
      >
        {schedule.versions.map((v) => (
          <tr key={v.id}>
            <td>{v.validFrom}</td>
            <td>{v.validTo ?? "–"}</td>
            <td>{labels("FeeScheduleVersionStatus", v.status)}</td>
            <td>{labels("FeeBasis", v.basis)}</td>
            <td>
              {v.categories
                .map(
                  (c) =>
                    `${labels("DurationCategory", c.category)}: ${
                      v.basis === "FIXED_AMOUNTS" ? formatMoney(c.rate.value, currency, "sv") : `${c.rate.value / 100} %`
                    }`,
                )
                .join("; ")}
            </td>
            <td>{labels("PayoutMethod", v.payoutMethod)}</td>
            <td>
              {v.status === "UPCOMING" ? (
                <button
                  type="button"
                  className="secondary"
                  onClick={async () => {
                    const result = await withdraw({
                      input: { feeScheduleId: schedule.id, feeScheduleVersionId: v.id, expectedVersion: schedule.version },
                    });
                    setWithdrawOutcome(outcomeOf(result.error, result.data?.withdrawFeeScheduleVersion.errors));
                    refetch();
                    setPreviewRun((n) => n + 1);
                  }}
                >
                  {t("adminWithdrawVersion", { date: v.validFrom })}
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </ScrollableTable>
      <OutcomeMessages outcome={withdrawOutcome} errors={formErrors("withdraw", withdrawOutcome)} savedText={t("adminWithdrawn")} />
      <FeePreviewForm scheduleId={schedule.id} rerun={previewRun} />
      <NewVersionForm
        schedule={schedule}
        from={latest}
        onSaved={() => {
          refetch();
          setPreviewRun((n) => n + 1);
        }}
      />
    </section>
  );
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));

function draftFrom(v: Version | undefined) {
  const byCategory = new Map(v?.categories.map((c) => [c.category, c]));
  return {
    validFrom: "",
    validTo: "",
    basis: v?.basis ?? "FIXED_AMOUNTS",
    categories: (["SHORT", "HALF_DAY", "FULL_DAY"] as const).map((category) => ({
      category,
      upToMinutes: text(byCategory.get(category)?.upToMinutes),
      value: text(byCategory.get(category)?.rate.value),
    })),
    hourlyValue: text(v?.hourlyRate?.value),
    mileageOrePerKm: text(v?.mileagePerKm.amountOre ?? 250),
    payoutMethod: v?.payoutMethod ?? "FEE",
    preparationPaid: v?.preparationPaid ?? false,
    preparationHourlyValue: text(v?.preparationHourlyRate?.value),
    travelTimeCounts: v?.travelTimeCounts ?? false,
    withholdingBasisPoints: text(v?.withholdingBasisPoints ?? 0),
    employerSocialFeeBasisPoints: text(v?.employerSocialFeeBasisPoints),
    rounding: v?.rounding ?? "NEAREST_KRONA_HALF_UP",
    hourlyRateRounding: v?.hourlyRateRounding ?? "ROUND_TOTAL",
    sourceDocument: v?.sourceDocument ?? "",
  };
}

function NewVersionForm({ schedule, from, onSaved }: { schedule: Schedule; from: Version | undefined; onSaved: () => void }) {
  const { t } = useI18n();
  const labels = useEnumLabels(ENUMS);
  const [draft, setDraft] = useState(() => draftFrom(from));
  const [outcome, setOutcome] = useState<Outcome>(NO_OUTCOME);
  const [{ fetching }, add] = useMutation(AddFeeScheduleVersionDocument);
  const errors = formErrors("version", outcome);
  const set = <K extends keyof typeof draft>(key: K, value: (typeof draft)[K]) => setDraft((old) => ({ ...old, [key]: value }));
  const p = (field: string) => `feeScheduleVersion.${field}`;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const version: FeeScheduleVersionInput = {
      validFrom: draft.validFrom,
      validTo: orNull(draft.validTo),
      basis: draft.basis,
      categories: draft.categories
        .filter((c) => c.value.trim() !== "")
        .map((c) => ({ category: c.category, upToMinutes: intOrNull(c.upToMinutes), value: Number(c.value) })),
      hourlyValue: intOrNull(draft.hourlyValue),
      mileageOrePerKm: Number(draft.mileageOrePerKm),
      payoutMethod: draft.payoutMethod,
      preparationPaid: draft.preparationPaid,
      preparationHourlyValue: intOrNull(draft.preparationHourlyValue),
      travelTimeCounts: draft.travelTimeCounts,
      withholdingBasisPoints: Number(draft.withholdingBasisPoints),
      employerSocialFeeBasisPoints: intOrNull(draft.employerSocialFeeBasisPoints),
      rounding: draft.rounding,
      hourlyRateRounding: draft.hourlyRateRounding,
      sourceDocument: orNull(draft.sourceDocument),
    };
    const result = await add({ input: { feeScheduleId: schedule.id, expectedVersion: schedule.version, feeScheduleVersion: version } });
    const found = outcomeOf(result.error, result.data?.addFeeScheduleVersion.errors);
    setOutcome(found);
    if (found.ok || found.conflict) onSaved();
  };

  return (
    <section aria-labelledby="new-version-heading">
      <h2 id="new-version-heading">{t("adminNewVersion")}</h2>
      <p>{t("adminNewVersionIntro")}</p>
      <OutcomeMessages outcome={outcome} errors={errors} savedText={t("adminVersionSaved")} />
      <form onSubmit={save} noValidate>
        <TextField
          errors={errors}
          path={p("validFrom")}
          label={t("adminValidFrom")}
          type="date"
          required
          value={draft.validFrom}
          onChange={(v) => set("validFrom", v)}
        />
        <TextField
          errors={errors}
          path={p("validTo")}
          label={t("adminValidTo")}
          hint={t("adminValidToHint")}
          type="date"
          value={draft.validTo}
          onChange={(v) => set("validTo", v)}
        />
        <SelectField
          errors={errors}
          path={p("basis")}
          label={t("adminBasis")}
          value={draft.basis}
          onChange={(v) => set("basis", v as typeof draft.basis)}
          options={enumOptions(labels, "FeeBasis", ["FIXED_AMOUNTS", "SHARE_OF_PRICE_BASE_AMOUNT"])}
        />
        <fieldset>
          <legend>{t("adminCategories")}</legend>
          <p className="hint">{t("adminCategoriesHint")}</p>
          {draft.categories.map((c, index) => (
            <div key={c.category}>
              <TextField
                errors={errors}
                path={p(`categories[${index}].value`)}
                label={t("adminCategoryValue", { category: labels("DurationCategory", c.category) })}
                type="number"
                value={c.value}
                onChange={(v) =>
                  set(
                    "categories",
                    draft.categories.map((x, i) => (i === index ? { ...x, value: v } : x)),
                  )
                }
              />
              <TextField
                errors={errors}
                path={p(`categories[${index}].upToMinutes`)}
                label={t("adminCategoryUpTo", { category: labels("DurationCategory", c.category) })}
                type="number"
                value={c.upToMinutes}
                onChange={(v) =>
                  set(
                    "categories",
                    draft.categories.map((x, i) => (i === index ? { ...x, upToMinutes: v } : x)),
                  )
                }
              />
            </div>
          ))}
        </fieldset>
        <TextField
          errors={errors}
          path={p("hourlyValue")}
          label={t("adminHourlyValue")}
          hint={t("adminValueHint")}
          type="number"
          value={draft.hourlyValue}
          onChange={(v) => set("hourlyValue", v)}
        />
        <TextField
          errors={errors}
          path={p("mileageOrePerKm")}
          label={t("adminMileage")}
          type="number"
          required
          value={draft.mileageOrePerKm}
          onChange={(v) => set("mileageOrePerKm", v)}
        />
        <SelectField
          errors={errors}
          path={p("payoutMethod")}
          label={t("adminPayoutMethod")}
          value={draft.payoutMethod}
          onChange={(v) => set("payoutMethod", v as typeof draft.payoutMethod)}
          options={enumOptions(labels, "PayoutMethod", ["FEE", "SALARY"])}
        />
        <TextField
          errors={errors}
          path={p("withholdingBasisPoints")}
          label={t("adminWithholding")}
          type="number"
          required
          value={draft.withholdingBasisPoints}
          onChange={(v) => set("withholdingBasisPoints", v)}
        />
        <TextField
          errors={errors}
          path={p("employerSocialFeeBasisPoints")}
          label={t("adminEmployerFees")}
          type="number"
          value={draft.employerSocialFeeBasisPoints}
          onChange={(v) => set("employerSocialFeeBasisPoints", v)}
        />
        <CheckboxField
          errors={errors}
          path={p("preparationPaid")}
          label={t("adminPreparationPaid")}
          checked={draft.preparationPaid}
          onChange={(v) => set("preparationPaid", v)}
        />
        <TextField
          errors={errors}
          path={p("preparationHourlyValue")}
          label={t("adminPreparationHourly")}
          hint={t("adminValueHint")}
          type="number"
          value={draft.preparationHourlyValue}
          onChange={(v) => set("preparationHourlyValue", v)}
        />
        <CheckboxField
          errors={errors}
          path={p("travelTimeCounts")}
          label={t("adminTravelTimeCounts")}
          checked={draft.travelTimeCounts}
          onChange={(v) => set("travelTimeCounts", v)}
        />
        <SelectField
          errors={errors}
          path={p("rounding")}
          label={t("adminRounding")}
          value={draft.rounding}
          onChange={(v) => set("rounding", v as typeof draft.rounding)}
          options={enumOptions(labels, "FeeRounding", ["NEAREST_KRONA_HALF_UP", "NEAREST_KRONA_HALF_EVEN", "DOWN_TO_KRONA", "EXACT_ORE"])}
        />
        <SelectField
          errors={errors}
          path={p("hourlyRateRounding")}
          label={t("adminHourlyRounding")}
          value={draft.hourlyRateRounding}
          onChange={(v) => set("hourlyRateRounding", v as typeof draft.hourlyRateRounding)}
          options={enumOptions(labels, "HourlyRateRounding", ["ROUND_TOTAL", "ROUND_RATE"])}
        />
        <TextField
          errors={errors}
          path={p("sourceDocument")}
          label={t("adminSourceDocument")}
          value={draft.sourceDocument}
          onChange={(v) => set("sourceDocument", v)}
        />
        <button type="submit" disabled={fetching}>
          {t("adminSaveVersion")}
        </button>
      </form>
    </section>
  );
}

function FeePreviewForm({ scheduleId, rerun }: { scheduleId: string; rerun: number }) {
  const { t, language } = useI18n();
  const client = useClient();
  const [values, setValues] = useState({ occasionDate: "", durationMinutes: "120", travelMinutes: "0", mileageKm: "0" });
  const [outcome, setOutcome] = useState<Outcome>(NO_OUTCOME);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [shownRun, setShownRun] = useState<number | null>(null);
  const errors = formErrors("preview", outcome);

  const run = async () => {
    const input: FeePreviewInput = {
      feeScheduleId: scheduleId,
      occasionDate: values.occasionDate,
      durationMinutes: Number(values.durationMinutes),
      travelMinutes: Number(values.travelMinutes || 0),
      mileageKm: Number(values.mileageKm || 0),
    };
    const result = await client.query(FeePreviewDocument, { input }, { requestPolicy: "network-only" }).toPromise();
    const found = outcomeOf(result.error, result.data?.feePreview?.errors);
    setOutcome({ ...found, ok: false });
    setPreview(result.data?.feePreview?.preview ?? null);
    setShownRun(rerun);
  };
  // After a version is saved or withdrawn, a preview on show is computed again under the schedule as it now is.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new save or withdrawal is a reason to compute again
  useEffect(() => {
    if (shownRun !== null && shownRun !== rerun) void run();
  }, [rerun]);
  const money = (m: { amountOre: number; currency: string }) => formatMoney(m.amountOre, m.currency, language);

  return (
    <section aria-labelledby="preview-heading">
      <h2 id="preview-heading">{t("adminFeePreview")}</h2>
      <p>{t("adminFeePreviewIntro")}</p>
      <OutcomeMessages outcome={outcome} errors={errors} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
        noValidate
      >
        <TextField
          errors={errors}
          path="occasionDate"
          label={t("occasionDate")}
          type="date"
          required
          value={values.occasionDate}
          onChange={(v) => setValues((o) => ({ ...o, occasionDate: v }))}
        />
        <TextField
          errors={errors}
          path="durationMinutes"
          label={t("durationMinutes")}
          type="number"
          required
          value={values.durationMinutes}
          onChange={(v) => setValues((o) => ({ ...o, durationMinutes: v }))}
        />
        <TextField
          errors={errors}
          path="travelMinutes"
          label={t("travelMinutes")}
          type="number"
          value={values.travelMinutes}
          onChange={(v) => setValues((o) => ({ ...o, travelMinutes: v }))}
        />
        <TextField
          errors={errors}
          path="mileageKm"
          label={t("mileageKm")}
          type="number"
          value={values.mileageKm}
          onChange={(v) => setValues((o) => ({ ...o, mileageKm: v }))}
        />
        <button type="submit" className="secondary">
          {t("adminShowPreview")}
        </button>
      </form>
      {preview ? (
        <div aria-live="polite">
          <h3>{t("adminPreviewResult", { from: preview.feeScheduleVersion.validFrom })}</h3>
          <dl className="facts">
            <dt>{t("adminPreviewFee")}</dt>
            <dd>{money(preview.fee)}</dd>
            <dt>{t("adminPreviewPreparation")}</dt>
            <dd>{money(preview.preparation)}</dd>
            <dt>{t("adminPreviewMileage")}</dt>
            <dd>{money(preview.mileage)}</dd>
            <dt>{t("adminPreviewWithholding")}</dt>
            <dd>{money(preview.withholding)}</dd>
            <dt>{t("net")}</dt>
            <dd>{money(preview.net)}</dd>
          </dl>
          <ul>
            {(language === "sv" ? preview.explanationSv : preview.explanationEn).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
