import type { GraphQLDocument, GraphQLResponse, TestApi } from "@medverkan/api/testing";
import { expect } from "vitest";
import { confirmDirectBooking } from "../support/requests.js";

// Documents and helpers shared by the fee specs: an occasion is booked and held through the API (a unit's direct
// booking of a pool member, attendance reported), then its claims go through the workflow.

const MONEY = "amountOre currency";
export const CLAIM_FIELDS = `id status version occasionId assignmentId requestId requestTitle participantName occasionDate
  feeScheduleVersionId durationMinutes travelMinutes countedMinutes preparationMinutes hourly category mileageKm
  fee { ${MONEY} } preparation { ${MONEY} } mileage { ${MONEY} } expensesTotal { ${MONEY} } expenses { description amount { ${MONEY} } }
  gross { ${MONEY} } withholding { ${MONEY} } net { ${MONEY} } employerSocialFees { ${MONEY} } payoutMethod costCentreCode
  payerOrganisationId payerName rejectionReason submittedAt attestedAt payrollExportId sentToPayrollAt paidAt supersedesId supersededById`;
const BASE = "__typename ... on ErrorResult { code message messageSv messageEn }";
const STATUS = "... on FeeClaimStatusDoesNotAllow { status }";
const NOT_COMPUTABLE = "... on FeeClaimNotComputable { reason field assignmentId }";
export const EXPORT_FIELDS = `id periodFrom periodTo payerOrganisationId payerName status paidAt claimCount claimIds
  gross { ${MONEY} } withholding { ${MONEY} } net { ${MONEY} }`;

export const PREPARE = `mutation($input: PrepareFeeClaimsInput!) { prepareFeeClaims(input: $input) { createdCount claims { ${CLAIM_FIELDS} } errors { ${BASE} ${NOT_COMPUTABLE} } } }`;
export const UPDATE = `mutation($input: UpdateFeeClaimInput!) { updateFeeClaim(input: $input) { claim { ${CLAIM_FIELDS} } errors { ${BASE} ${STATUS} ${NOT_COMPUTABLE} } } }`;
export const SUBMIT = `mutation($input: FeeClaimActionInput!) { submitFeeClaim(input: $input) { claim { ${CLAIM_FIELDS} } errors { ${BASE} ${STATUS} } } }`;
export const ATTEST = `mutation($input: FeeClaimActionInput!) { attestFeeClaim(input: $input) { claim { ${CLAIM_FIELDS} } errors { ${BASE} ${STATUS} } } }`;
export const REJECT = `mutation($input: RejectFeeClaimInput!) { rejectFeeClaim(input: $input) { claim { ${CLAIM_FIELDS} } errors { ${BASE} ${STATUS} } } }`;
export const CORRECT = `mutation($input: CorrectFeeClaimInput!) { correctFeeClaim(input: $input) {
  claim { ${CLAIM_FIELDS} history { id status version net { ${MONEY} } } } superseded { ${CLAIM_FIELDS} } errors { ${BASE} ${STATUS} ${NOT_COMPUTABLE} } } }`;
export const MY_CLAIMS = `query($first: Int, $after: String) { myFeeClaims(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } nodes { ${CLAIM_FIELDS} } } }`;
export const CLAIMS = `query($filter: FeeClaimFilter, $first: Int) { feeClaims(filter: $filter, first: $first) { totalCount nodes { ${CLAIM_FIELDS} } } }`;
export const CLAIM = `query($id: ID!) { feeClaim(id: $id) { ${CLAIM_FIELDS} history { id status } } }`;
export const CREATE_EXPORT = `mutation($input: CreatePayrollExportInput!) { createPayrollExport(input: $input) {
  payrollExport { ${EXPORT_FIELDS} csv summaries { personReference personName claimCount net { ${MONEY} } text } }
  errors { __typename ... on ErrorResult { code message } } } }`;
export const EXPORT = `query($id: ID!) { payrollExport(id: $id) { ${EXPORT_FIELDS} csv summaries { personReference personName text } } }`;
export const MARK_PAID = `mutation($input: MarkPayrollExportPaidInput!) { markPayrollExportPaid(input: $input) {
  payrollExport { ${EXPORT_FIELDS} } errors { __typename ... on ErrorResult { code message } } } }`;

const DIRECT_BOOKING = `mutation($input: RecordDirectBookingInput!) { recordDirectBooking(input: $input) {
  request { id } errors { __typename ... on ErrorResult { code message } } } }`;
const RECORD_ATTENDANCE = `mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) {
  attendance { id } errors { __typename ... on ErrorResult { code message } } } }`;

export interface Money {
  amountOre: number;
  currency: string;
}

export interface Claim {
  id: string;
  status: string;
  version: number;
  occasionId: string;
  assignmentId: string;
  requestTitle: string;
  participantName: string;
  occasionDate: string;
  category: string;
  countedMinutes: number;
  hourly: boolean;
  mileageKm: number;
  fee: Money;
  preparation: Money;
  mileage: Money;
  expensesTotal: Money;
  expenses: Array<{ description: string; amount: Money }>;
  gross: Money;
  withholding: Money;
  net: Money;
  employerSocialFees: Money | null;
  payoutMethod: string;
  costCentreCode: string | null;
  payerOrganisationId: string | null;
  payerName: string | null;
  rejectionReason: string | null;
  payrollExportId: string | null;
  paidAt: string | null;
  supersedesId: string | null;
  supersededById: string | null;
  history?: Array<{ id: string; status: string }>;
}

export interface PayrollExport {
  id: string;
  status: string;
  claimCount: number;
  claimIds: string[];
  payerOrganisationId: string | null;
  payerName: string | null;
  net: Money;
  csv: string;
  summaries: Array<{ personReference: string; personName: string; text: string }>;
}

export interface PayloadError {
  __typename: string;
  code: string;
  message: string;
  messageSv?: string;
  messageEn?: string;
  status?: string;
  reason?: string;
}

export const kr = (kronor: number) => kronor * 100;

/** Runs a mutation and returns its payload, failing the test on a GraphQL error. */
export async function mutate<T extends object>(
  api: TestApi,
  token: string,
  document: GraphQLDocument,
  input: Record<string, unknown>,
): Promise<T> {
  const response = await api.graphql<Record<string, T>>(document, { token, variables: { input } });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return Object.values(response.data ?? {})[0] as T;
}

export function raw(api: TestApi, token: string, document: string, variables: Record<string, unknown>): Promise<GraphQLResponse> {
  return api.graphql(document, { token, variables });
}

export const tokenForSubject = (api: TestApi, tenant: string, subject: string) =>
  api.signToken({ subject, audience: `medverkan:${tenant}` });

/** Ids and seeded facts a test needs to book an occasion through the API (read, never written, here). */
export async function bookingFacts(api: TestApi, tenant: string, memberSubject: string) {
  const prisma = api.running.database.prisma;
  const member = await prisma.member.findFirstOrThrow({
    where: { tenant: { slug: tenant }, subject: memberSubject },
    select: { id: true, familyName: true, email: true, memberships: { where: { status: "ACTIVE" }, select: { networkId: true } } },
  });
  const networkId = member.memberships[0]?.networkId;
  if (!networkId) throw new Error(`${memberSubject} is active in no network`);
  const network = await prisma.network.findFirstOrThrow({ where: { id: networkId }, select: { requestFormId: true } });
  const form = await prisma.requestForm.findFirstOrThrow({
    where: network.requestFormId ? { id: network.requestFormId } : { tenant: { slug: tenant }, isTenantDefault: true, retiredAt: null },
    select: { assignmentTypeKeys: true },
  });
  return { memberId: member.id, familyName: member.familyName, email: member.email, networkId, assignmentType: form.assignmentTypeKeys[0] };
}

/**
 * A unit books a pool member directly for an occasion that has taken place, and reports that the member attended
 * with the given minutes. Returns the ids of the occasion and the assignment.
 */
export async function holdOccasion(
  api: TestApi,
  options: {
    tenant: string;
    requesterToken: string;
    memberSubject: string;
    startsAt: string;
    endsAt: string;
    durationMinutes: number;
    travelMinutes: number;
    title: string;
  },
): Promise<{ occasionId: string; assignmentId: string; memberId: string; networkId: string }> {
  const facts = await bookingFacts(api, options.tenant, options.memberSubject);
  const booked = await mutate<{ request: { id: string } | null; errors: PayloadError[] }>(api, options.requesterToken, DIRECT_BOOKING, {
    networkId: facts.networkId,
    assignmentType: facts.assignmentType,
    title: options.title,
    purpose: "Patientperspektiv i förbättringsarbetet.",
    oneOffOrLong: "ONE_OFF",
    perspectivesSought: ["PATIENT"],
    occasions: [{ startsAt: options.startsAt, endsAt: options.endsAt, place: "Konferensrum 1" }],
    participants: [{ familyName: facts.familyName, email: facts.email }],
  });
  expect(booked.errors).toEqual([]);
  const requestId = booked.request?.id as string;
  // A direct booking counts once the network's coordinator has confirmed who the participant is.
  await confirmDirectBooking(api, requestId);
  const prisma = api.running.database.prisma;
  const occasion = await prisma.occasion.findFirstOrThrow({ where: { requestId }, select: { id: true } });
  const assignment = await prisma.assignment.findFirstOrThrow({ where: { requestId }, select: { id: true } });
  const attended = await mutate<{ errors: PayloadError[] }>(api, options.requesterToken, RECORD_ATTENDANCE, {
    assignmentId: assignment.id,
    occasionId: occasion.id,
    attended: true,
    durationMinutes: options.durationMinutes,
    travelMinutes: options.travelMinutes,
  });
  expect(attended.errors).toEqual([]);
  return { occasionId: occasion.id, assignmentId: assignment.id, memberId: facts.memberId, networkId: facts.networkId };
}

export async function prepareOne(api: TestApi, token: string, occasionId: string): Promise<Claim> {
  const prepared = await mutate<{ createdCount: number; claims: Claim[]; errors: PayloadError[] }>(api, token, PREPARE, { occasionId });
  expect(prepared.errors).toEqual([]);
  expect(prepared.claims).toHaveLength(1);
  return prepared.claims[0] as Claim;
}

type ClaimPayload = { claim: Claim | null; errors: PayloadError[] };

export async function step(api: TestApi, token: string, document: string, input: Record<string, unknown>): Promise<Claim> {
  const payload = await mutate<ClaimPayload>(api, token, document, input);
  expect(payload.errors).toEqual([]);
  return payload.claim as Claim;
}

export const stepErrors = async (api: TestApi, token: string, document: string, input: Record<string, unknown>) =>
  (await mutate<ClaimPayload>(api, token, document, input)).errors;

/** Parses the semicolon CSV of a payroll export (quoted fields allowed) into rows of cells. */
export function csvRows(csv: string): string[][] {
  const rows: string[][] = [];
  expect(csv.startsWith("\uFEFF"), "the CSV starts with a UTF-8 byte-order mark").toBe(true);
  for (const line of csv
    .slice(1)
    .split("\r\n")
    .filter((candidate) => candidate.length > 0)) {
    const cells: string[] = [];
    let cell = "";
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const char = line[i];
      if (quoted && char === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = !quoted;
      else if (char === ";" && !quoted) {
        cells.push(cell);
        cell = "";
      } else cell += char;
    }
    cells.push(cell);
    rows.push(cells);
  }
  return rows;
}
