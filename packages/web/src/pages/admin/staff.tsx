import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../../generated";
import type { AdminStaffQuery, StaffRole } from "../../generated/graphql";
import { formatDate, useI18n } from "../../i18n";
import {
  AdminPage,
  enumOptions,
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

const StaffDocument = graphql(`
  query AdminStaff {
    staffUsers(first: 100, includeDisabled: true) {
      totalCount
      nodes {
        id name email phone disabledAt invitedIdentifier invitationLinkedAt
        unit { id name }
        roleGrants { id role grantedAt network { id name } unit { id name } }
      }
    }
    networks(first: 100) { nodes { id name } }
    units(first: 100) { nodes { id name } }
  }
`);

const InviteStaffUserDocument = graphql(`
  mutation AdminInviteStaffUser($input: InviteStaffUserInput!) {
    inviteStaffUser(input: $input) {
      staffUser { id }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const GrantRoleDocument = graphql(`
  mutation AdminGrantRole($input: GrantRoleInput!) {
    grantRole(input: $input) {
      roleGrant { id }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const RevokeRoleDocument = graphql(`
  mutation AdminRevokeRole($input: RevokeRoleInput!) {
    revokeRole(input: $input) {
      roleGrant { id }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

type Staff = NonNullable<AdminStaffQuery["staffUsers"]>["nodes"][number];
const ROLES: StaffRole[] = ["REQUESTER", "COORDINATOR", "ANALYST", "TENANT_ADMIN"];

export function StaffPage() {
  const { t } = useI18n();
  const [{ data, error, fetching }, refetch] = useQuery({ query: StaffDocument, requestPolicy: "network-only" });
  const reload = () => refetch({ requestPolicy: "network-only" });
  const staff = data?.staffUsers?.nodes ?? [];
  return (
    <AdminPage title={t("adminStaff")}>
      <QueryState error={error} loading={fetching && !data} />
      {data ? <GrantForm data={data} onDone={reload} /> : null}
      <section aria-labelledby="staff-list-heading">
        <h2 id="staff-list-heading">{t("adminStaffList")}</h2>
        <ul className="cards">
          {staff.map((person) => (
            <StaffCard key={person.id} person={person} onDone={reload} />
          ))}
        </ul>
        <Truncated shown={staff.length} total={data?.staffUsers?.totalCount} />
      </section>
      {data ? <InviteForm data={data} onDone={reload} /> : null}
    </AdminPage>
  );
}

function StaffCard({ person, onDone }: { person: Staff; onDone: () => void }) {
  const { t, language } = useI18n();
  const labels = useEnumLabels(["StaffRole"]);
  const [, revoke] = useMutation(RevokeRoleDocument);
  const [outcome, setOutcome] = useState<Outcome>(NO_OUTCOME);
  return (
    <li className="card">
      <h3>{person.name}</h3>
      <p>
        {person.email}
        {person.unit ? ` · ${person.unit.name}` : ""}
        {person.disabledAt ? ` · ${t("adminDisabled")}` : ""}
        {person.invitedIdentifier && !person.invitationLinkedAt
          ? ` · ${t("adminInvitedNotSignedIn", { identifier: person.invitedIdentifier })}`
          : ""}
      </p>
      {person.roleGrants.length ? (
        <ul>
          {person.roleGrants.map((grant) => {
            const where = grant.network?.name ?? grant.unit?.name;
            const text = `${labels("StaffRole", grant.role)}${where ? ` (${where})` : ""}`;
            return (
              <li key={grant.id}>
                {text} <span className="hint">{t("adminGrantedAt", { date: formatDate(grant.grantedAt, language) })}</span>{" "}
                <button
                  type="button"
                  className="secondary"
                  onClick={async () => {
                    const result = await revoke({ input: { grantId: grant.id } });
                    setOutcome(outcomeOf(result.error, result.data?.revokeRole.errors));
                    onDone();
                  }}
                >
                  {t("adminRevoke", { role: text, name: person.name })}
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p>{t("adminNoRoles")}</p>
      )}
      <OutcomeMessages outcome={outcome} errors={formErrors(`revoke-${person.id}`, outcome)} savedText={t("adminRevoked")} />
    </li>
  );
}

function GrantForm({ data, onDone }: { data: AdminStaffQuery; onDone: () => void }) {
  const { t } = useI18n();
  const labels = useEnumLabels(["StaffRole"]);
  const [values, setValues] = useState({ staffUserId: "", role: "COORDINATOR" as StaffRole, networkId: "", unitId: "" });
  const [outcome, setOutcome] = useState<Outcome>(NO_OUTCOME);
  const [, grant] = useMutation(GrantRoleDocument);
  const errors = formErrors("grant", outcome);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await grant({
      input: { staffUserId: values.staffUserId, role: values.role, networkId: orNull(values.networkId), unitId: orNull(values.unitId) },
    });
    setOutcome(outcomeOf(result.error, result.data?.grantRole.errors));
    onDone();
  };
  return (
    <section aria-labelledby="grant-heading">
      <h2 id="grant-heading">{t("adminGrantRole")}</h2>
      <p>{t("adminGrantIntro")}</p>
      <OutcomeMessages outcome={outcome} errors={errors} savedText={t("adminGranted")} />
      <form onSubmit={submit} noValidate>
        <SelectField
          errors={errors}
          path="staffUserId"
          label={t("adminStaffUser")}
          required
          empty={t("adminChoose")}
          value={values.staffUserId}
          onChange={(v) => setValues((x) => ({ ...x, staffUserId: v }))}
          options={(data.staffUsers?.nodes ?? []).map((s) => ({ value: s.id, label: `${s.name} (${s.email})` }))}
        />
        <SelectField
          errors={errors}
          path="role"
          label={t("adminRole")}
          required
          value={values.role}
          onChange={(v) => setValues((x) => ({ ...x, role: v as StaffRole }))}
          options={enumOptions(labels, "StaffRole", ROLES)}
        />
        <SelectField
          errors={errors}
          path="networkId"
          label={t("networkLabel")}
          empty={t("adminNoNetwork")}
          value={values.networkId}
          onChange={(v) => setValues((x) => ({ ...x, networkId: v }))}
          options={(data.networks?.nodes ?? []).map((n) => ({ value: n.id, label: n.name }))}
        />
        <SelectField
          errors={errors}
          path="unitId"
          label={t("unit")}
          empty={t("adminNoUnit")}
          value={values.unitId}
          onChange={(v) => setValues((x) => ({ ...x, unitId: v }))}
          options={(data.units?.nodes ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
        <button type="submit">{t("adminGrantRole")}</button>
      </form>
    </section>
  );
}

function InviteForm({ data, onDone }: { data: AdminStaffQuery; onDone: () => void }) {
  const { t } = useI18n();
  const empty = { name: "", email: "", identifier: "", phone: "", unitId: "" };
  const [values, setValues] = useState(empty);
  const [outcome, setOutcome] = useState<Outcome>(NO_OUTCOME);
  const [, invite] = useMutation(InviteStaffUserDocument);
  const errors = formErrors("invite", outcome);
  const set = (key: keyof typeof empty, value: string) => setValues((x) => ({ ...x, [key]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await invite({
      input: {
        name: values.name.trim(),
        email: values.email.trim(),
        identifier: values.identifier.trim(),
        phone: orNull(values.phone),
        unitId: orNull(values.unitId),
      },
    });
    const found = outcomeOf(result.error, result.data?.inviteStaffUser.errors);
    setOutcome(found);
    if (found.ok) setValues(empty);
    onDone();
  };
  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t("adminInviteStaff")}</h2>
      <p>{t("adminInviteIntro")}</p>
      <OutcomeMessages outcome={outcome} errors={errors} savedText={t("adminInvited")} />
      <form onSubmit={submit} noValidate>
        <TextField errors={errors} path="name" label={t("name")} required value={values.name} onChange={(v) => set("name", v)} />
        <TextField
          errors={errors}
          path="email"
          label={t("email")}
          type="email"
          required
          value={values.email}
          onChange={(v) => set("email", v)}
        />
        <TextField
          errors={errors}
          path="identifier"
          label={t("adminIdentifier")}
          hint={t("adminIdentifierHint")}
          required
          value={values.identifier}
          onChange={(v) => set("identifier", v)}
        />
        <TextField errors={errors} path="phone" label={t("phone")} value={values.phone} onChange={(v) => set("phone", v)} />
        <SelectField
          errors={errors}
          path="unitId"
          label={t("unit")}
          empty={t("adminNoUnit")}
          value={values.unitId}
          onChange={(v) => set("unitId", v)}
          options={(data.units?.nodes ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
        <button type="submit">{t("adminInviteStaff")}</button>
      </form>
    </section>
  );
}
