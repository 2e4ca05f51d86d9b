import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { ScrollableTable } from "../../components/scrollable-table";
import { graphql } from "../../generated";
import { useI18n } from "../../i18n";
import {
  AdminPage,
  CheckboxField,
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
} from "./shared";

const UnitsDocument = graphql(`
  query AdminUnits($organisationId: ID) {
    organisations(first: 100) { nodes { id name } }
    units(first: 100, organisationId: $organisationId) { totalCount nodes { id name version organisationId } }
    costCentres(first: 100, organisationId: $organisationId) { totalCount nodes { id code name shared version unitId organisationId } }
  }
`);

const CreateUnitDocument = graphql(`
  mutation AdminCreateUnit($input: CreateUnitInput!) {
    createUnit(input: $input) {
      unit { id }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const UpdateUnitDocument = graphql(`
  mutation AdminUpdateUnit($input: UpdateUnitInput!) {
    updateUnit(input: $input) {
      unit { id version }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const CreateCostCentreDocument = graphql(`
  mutation AdminCreateCostCentre($input: CreateCostCentreInput!) {
    createCostCentre(input: $input) {
      costCentre { id }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

export function UnitsPage() {
  const { t } = useI18n();
  const [organisationId, setOrganisationId] = useState("");
  const [{ data, error, fetching }, refetch] = useQuery({
    query: UnitsDocument,
    variables: { organisationId: organisationId || null },
    requestPolicy: "network-only",
  });
  const [, createUnit] = useMutation(CreateUnitDocument);
  const [, updateUnit] = useMutation(UpdateUnitDocument);
  const [, createCostCentre] = useMutation(CreateCostCentreDocument);
  const reload = () => refetch({ requestPolicy: "network-only" });
  const organisations = data?.organisations?.nodes ?? [];
  const organisationName = new Map(organisations.map((o) => [o.id, o.name]));
  const units = data?.units?.nodes ?? [];
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const [unitOutcome, setUnitOutcome] = useState<Outcome>(NO_OUTCOME);
  const [unitValues, setUnitValues] = useState({ id: "", name: "", organisationId: "" });
  const [centreOutcome, setCentreOutcome] = useState<Outcome>(NO_OUTCOME);
  const [centre, setCentre] = useState({ code: "", name: "", organisationId: "", unitId: "", shared: false });
  const unitErrors = formErrors("unit", unitOutcome);
  const centreErrors = formErrors("cost-centre", centreOutcome);
  const editingUnit = units.find((u) => u.id === unitValues.id);
  const organisationOptions = organisations.map((o) => ({ value: o.id, label: o.name }));

  const saveUnit = async (event: FormEvent) => {
    event.preventDefault();
    if (editingUnit) {
      const result = await updateUnit({
        input: { id: editingUnit.id, expectedVersion: editingUnit.version, name: unitValues.name.trim() },
      });
      setUnitOutcome(outcomeOf(result.error, result.data?.updateUnit.errors));
    } else {
      const result = await createUnit({ input: { name: unitValues.name.trim(), organisationId: unitValues.organisationId } });
      const found = outcomeOf(result.error, result.data?.createUnit.errors);
      setUnitOutcome(found);
      if (found.ok) setUnitValues({ id: "", name: "", organisationId: "" });
    }
    reload();
  };
  const saveCentre = async (event: FormEvent) => {
    event.preventDefault();
    const result = await createCostCentre({
      input: {
        code: centre.code.trim(),
        name: centre.name.trim(),
        organisationId: centre.organisationId,
        unitId: orNull(centre.unitId),
        shared: centre.shared,
      },
    });
    const found = outcomeOf(result.error, result.data?.createCostCentre.errors);
    setCentreOutcome(found);
    if (found.ok) setCentre({ code: "", name: "", organisationId: "", unitId: "", shared: false });
    reload();
  };

  return (
    <AdminPage title={t("adminUnits")}>
      <QueryState error={error} loading={fetching && !data} />
      <div className="field">
        <label htmlFor="units-organisation">{t("adminOrganisation")}</label>
        <select id="units-organisation" value={organisationId} onChange={(e) => setOrganisationId(e.target.value)}>
          <option value="">{t("adminAllOrganisations")}</option>
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
      <section aria-labelledby="units-heading">
        <h2 id="units-heading">{t("adminUnitsList")}</h2>
        <ScrollableTable
          label={t("adminUnitsList")}
          head={
            <>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("adminOrganisation")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("adminActions")}</span>
              </th>
            </>
          }
        >
          {units.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{organisationName.get(u.organisationId) ?? ""}</td>
              <td>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setUnitValues({ id: u.id, name: u.name, organisationId: u.organisationId })}
                >
                  {t("adminEditNamed", { name: u.name })}
                </button>
              </td>
            </tr>
          ))}
        </ScrollableTable>
        <Truncated shown={units.length} total={data?.units?.totalCount} />
        <h3>{editingUnit ? t("adminEditNamed", { name: editingUnit.name }) : t("adminNewUnit")}</h3>
        <OutcomeMessages outcome={unitOutcome} errors={unitErrors} />
        <form onSubmit={saveUnit} noValidate>
          <TextField
            errors={unitErrors}
            path="name"
            label={t("name")}
            required
            value={unitValues.name}
            onChange={(v) => setUnitValues((x) => ({ ...x, name: v }))}
          />
          {editingUnit ? null : (
            <SelectField
              errors={unitErrors}
              path="organisationId"
              label={t("adminOrganisation")}
              required
              empty={t("adminChoose")}
              value={unitValues.organisationId}
              onChange={(v) => setUnitValues((x) => ({ ...x, organisationId: v }))}
              options={organisationOptions}
            />
          )}
          <button type="submit">{editingUnit ? t("save") : t("adminCreate")}</button>{" "}
          {editingUnit ? (
            <button type="button" className="secondary" onClick={() => setUnitValues({ id: "", name: "", organisationId: "" })}>
              {t("cancel")}
            </button>
          ) : null}
        </form>
      </section>
      <section aria-labelledby="cost-centres-heading">
        <h2 id="cost-centres-heading">{t("adminCostCentres")}</h2>
        <ScrollableTable
          label={t("adminCostCentres")}
          head={
            <>
              <th scope="col">{t("adminCode")}</th>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("adminOrganisation")}</th>
              <th scope="col">{t("unit")}</th>
              <th scope="col">{t("adminShared")}</th>
            </>
          }
        >
          {(data?.costCentres?.nodes ?? []).map((c) => (
            <tr key={c.id}>
              <td>{c.code}</td>
              <td>{c.name}</td>
              <td>{organisationName.get(c.organisationId) ?? ""}</td>
              <td>{c.unitId ? (unitName.get(c.unitId) ?? "") : "–"}</td>
              <td>{c.shared ? t("yes") : t("no")}</td>
            </tr>
          ))}
        </ScrollableTable>
        <Truncated shown={data?.costCentres?.nodes.length ?? 0} total={data?.costCentres?.totalCount} />
        <h3>{t("adminNewCostCentre")}</h3>
        <OutcomeMessages outcome={centreOutcome} errors={centreErrors} />
        <form onSubmit={saveCentre} noValidate>
          <TextField
            errors={centreErrors}
            path="code"
            label={t("adminCode")}
            required
            value={centre.code}
            onChange={(v) => setCentre((x) => ({ ...x, code: v }))}
          />
          <TextField
            errors={centreErrors}
            path="name"
            label={t("name")}
            required
            value={centre.name}
            onChange={(v) => setCentre((x) => ({ ...x, name: v }))}
          />
          <SelectField
            errors={centreErrors}
            path="organisationId"
            label={t("adminOrganisation")}
            required
            empty={t("adminChoose")}
            value={centre.organisationId}
            onChange={(v) => setCentre((x) => ({ ...x, organisationId: v }))}
            options={organisationOptions}
          />
          <SelectField
            errors={centreErrors}
            path="unitId"
            label={t("unit")}
            empty={t("adminNoUnit")}
            value={centre.unitId}
            onChange={(v) => setCentre((x) => ({ ...x, unitId: v }))}
            options={units
              .filter((u) => !centre.organisationId || u.organisationId === centre.organisationId)
              .map((u) => ({ value: u.id, label: u.name }))}
          />
          <CheckboxField
            errors={centreErrors}
            path="shared"
            label={t("adminShared")}
            checked={centre.shared}
            onChange={(v) => setCentre((x) => ({ ...x, shared: v }))}
          />
          <button type="submit">{t("adminCreate")}</button>
        </form>
      </section>
    </AdminPage>
  );
}
