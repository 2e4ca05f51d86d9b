import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldErrors } from "../support/errors.js";

// Issue 16, point 2: `orderBy` on the lists people sort, keyset pagination on (sort key, id), cursors that name
// their ordering.

let api: TestApi;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  api = await startTestApi();
  tokens.admin = await api.tokenFor({ tenant: "jonkoping", role: "tenant-admin" });
  tokens.coordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator" });
  // The coordinator's request with the most invitations.
  const requests = await api.graphql<{ requests: { nodes: Array<{ id: string; invitations: { totalCount: number } }> } }>(
    "{ requests(first: 100) { nodes { id invitations(first: 1) { totalCount } } } }",
    { token: tokens.coordinator },
  );
  const nodes = requests.data?.requests.nodes ?? [];
  invitedRequestId = [...nodes].sort((a, b) => b.invitations.totalCount - a.invitations.totalCount)[0]?.id ?? "";
  // Staff reads of fee claims are audited: a few reads give the audit log events to sort.
  for (const first of [5, 10, 20]) {
    await api.graphql("query Read($first: Int) { feeClaims(first: $first) { totalCount } }", {
      token: tokens.coordinator,
      variables: { first },
    });
  }
});

afterAll(async () => {
  await api?.stop();
});

interface Item {
  id: string;
  key: string;
}
interface ListPage {
  totalCount: number;
  nodes: Item[];
  edges: Array<{ cursor: string; node: { id: string } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

interface SortedList {
  name: string;
  token: string;
  field: string;
  /** The root field and the item's sort key, as a query taking $orderBy, $first and $after. */
  query: (orderType: string) => string;
  orderType: string;
  /** Turns the item's key into a comparable value. */
  compare: (key: string) => string | number;
  /** For a list inside an object: extra variables, and where the list is in the data. */
  variables?: Record<string, unknown>;
  pick?: (data: Record<string, unknown>) => ListPage;
}

let invitedRequestId = "";

const list = (root: string, keyField: string) => (orderType: string) =>
  /* GraphQL */ `
  query Sorted($orderBy: ${orderType}, $first: Int, $after: String) {
    list: ${root}(orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      nodes { id key: ${keyField} }
      edges { cursor node { id } }
      pageInfo { hasNextPage endCursor }
    }
  }`;

const byTime = (key: string) => new Date(key).getTime();
const lists = (): SortedList[] => [
  {
    name: "requests by submission",
    token: tokens.admin as string,
    field: "SUBMITTED_AT",
    orderType: "RequestOrderBy",
    query: list("requests", "submittedAt"),
    compare: byTime,
  },
  {
    name: "requests by last change",
    token: tokens.admin as string,
    field: "UPDATED_AT",
    orderType: "RequestOrderBy",
    query: list("requests", "updatedAt"),
    compare: byTime,
  },
  {
    name: "requests by creation",
    token: tokens.admin as string,
    field: "CREATED_AT",
    orderType: "RequestOrderBy",
    query: list("requests", "id"),
    compare: (key) => key,
  },
  {
    name: "audit events by time",
    token: tokens.admin as string,
    field: "AT",
    orderType: "AuditEventOrderBy",
    query: list("auditEvents", "at"),
    compare: byTime,
  },
  {
    name: "fee claims by occasion date",
    token: tokens.coordinator as string,
    field: "OCCASION_DATE",
    orderType: "FeeClaimOrderBy",
    query: list("feeClaims", "occasionDate"),
    compare: (key) => key,
  },
  {
    name: "a request's invitations by deadline",
    token: tokens.coordinator as string,
    field: "EXPIRES_AT",
    orderType: "InvitationOrderBy",
    query: (orderType) => /* GraphQL */ `
      query Sorted($id: ID!, $orderBy: ${orderType}, $first: Int, $after: String) {
        request(id: $id) {
          list: invitations(orderBy: $orderBy, first: $first, after: $after) {
            totalCount
            nodes { id key: expiresAt }
            edges { cursor node { id } }
            pageInfo { hasNextPage endCursor }
          }
        }
      }`,
    compare: byTime,
    variables: { id: invitedRequestId },
    pick: (data) => (data.request as { list: ListPage }).list,
  },
  {
    name: "members by family name",
    token: tokens.coordinator as string,
    field: "FAMILY_NAME",
    orderType: "MemberOrderBy",
    query: list("members", "familyName"),
    compare: (key) => key,
  },
];

async function page(sorted: SortedList, variables: Record<string, unknown>): Promise<ListPage> {
  const response = await api.graphql<{ list: ListPage }>(sorted.query(sorted.orderType), {
    token: sorted.token,
    variables: { ...sorted.variables, ...variables },
  });
  expect(response.errors).toBeUndefined();
  const data = response.data as Record<string, unknown>;
  return sorted.pick ? sorted.pick(data) : (data.list as ListPage);
}

/** Every item, paging `size` at a time with the edges' and the page's cursors. */
async function walk(sorted: SortedList, direction: "ASC" | "DESC", size: number): Promise<Item[]> {
  const orderBy = { field: sorted.field, direction };
  const items: Item[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 200; guard += 1) {
    const current: ListPage = await page(sorted, { orderBy, first: size, after });
    items.push(...current.nodes);
    expect(current.edges.at(-1)?.cursor ?? null).toBe(current.pageInfo.endCursor);
    if (!current.pageInfo.hasNextPage) return items;
    after = current.pageInfo.endCursor;
  }
  throw new Error("paging did not end");
}

function expectSorted(items: Item[], sorted: SortedList, direction: "ASC" | "DESC") {
  // Text sorts in the database's collation: its order is checked by paging, not by comparing here.
  if (sorted.field === "FAMILY_NAME") return;
  const sign = direction === "ASC" ? 1 : -1;
  for (let i = 1; i < items.length; i += 1) {
    const a = items[i - 1] as Item;
    const b = items[i] as Item;
    const [ka, kb] = [sorted.compare(a.key), sorted.compare(b.key)];
    const order = ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    expect(order * sign, `${a.key}/${a.id} before ${b.key}/${b.id}`).toBe(-1);
  }
}

describe("orderBy and keyset pagination", () => {
  it("sorts each list both ways and pages across pages without gaps or repeats", async () => {
    for (const sorted of lists()) {
      for (const direction of ["ASC", "DESC"] as const) {
        const whole = await page(sorted, { orderBy: { field: sorted.field, direction }, first: 100 });
        expect(whole.totalCount, sorted.name).toBeGreaterThan(3);
        const all = whole.totalCount <= 100 ? whole.nodes : await walk(sorted, direction, 100);
        expect(all.length, sorted.name).toBe(whole.totalCount);
        expectSorted(all, sorted, direction);
        // Small pages: the same items, in the same order, none twice.
        const paged = await walk(sorted, direction, Math.max(3, Math.ceil(whole.totalCount / 10)));
        expect(
          paged.map((item) => item.id),
          `${sorted.name} ${direction}`,
        ).toEqual(all.map((item) => item.id));
        expect(new Set(paged.map((item) => item.id)).size).toBe(paged.length);
      }
      const ascending = (await page(sorted, { orderBy: { field: sorted.field, direction: "ASC" }, first: 1 })).nodes[0];
      const descending = (await page(sorted, { orderBy: { field: sorted.field, direction: "DESC" }, first: 1 })).nodes[0];
      expect(ascending?.id).not.toBe(descending?.id);
    }
  });

  it("keeps today's order by default: requests newest first, the audit log and fee claims oldest first", async () => {
    const requests = await page(lists()[2] as SortedList, { first: 50 });
    expect(requests.nodes.map((item) => item.id)).toEqual([...requests.nodes.map((item) => item.id)].sort().reverse());
    const claims = await api.graphql<{ feeClaims: { nodes: Array<{ id: string }> } }>("{ feeClaims(first: 50) { nodes { id } } }", {
      token: tokens.coordinator,
    });
    const claimIds = claims.data?.feeClaims.nodes.map((node) => node.id) ?? [];
    expect(claimIds.length).toBeGreaterThan(1);
    expect(claimIds).toEqual([...claimIds].sort());
  });

  it("refuses a cursor from another ordering with a field error in Swedish and English", async () => {
    const [bySubmission, byChange] = lists() as [SortedList, SortedList];
    const first = await page(bySubmission, { orderBy: { field: "SUBMITTED_AT", direction: "ASC" }, first: 2 });
    const cursor = first.pageInfo.endCursor;
    expect(cursor).toBeTruthy();
    for (const orderBy of [{ field: "SUBMITTED_AT", direction: "DESC" }, { field: "UPDATED_AT", direction: "ASC" }, null]) {
      const response = await api.graphql(byChange.query("RequestOrderBy"), {
        token: tokens.admin,
        variables: { orderBy, first: 2, after: cursor },
      });
      const errors = fieldErrors(response);
      expect(errors).toHaveLength(1);
      expect(errors[0]?.field).toBe("after");
      expect(errors[0]?.code).toBe("INCONSISTENT");
      expect(errors[0]?.messages.sv).toMatch(/sortering/);
      expect(errors[0]?.messages.en).toMatch(/ordering/);
    }
    // The same cursor continues its own ordering.
    const next = await page(bySubmission, { orderBy: { field: "SUBMITTED_AT", direction: "ASC" }, first: 2, after: cursor });
    expect(next.nodes.map((item) => item.id)).not.toContain(first.nodes[1]?.id);
    // Another list's cursor is refused too, and a forged one is invalid.
    const audit = await page(lists()[3] as SortedList, { orderBy: { field: "AT", direction: "ASC" }, first: 1 });
    const foreign = await api.graphql(bySubmission.query("RequestOrderBy"), {
      token: tokens.admin,
      variables: { orderBy: { field: "SUBMITTED_AT", direction: "ASC" }, after: audit.pageInfo.endCursor },
    });
    expect(fieldErrors(foreign)[0]?.code).toBe("INCONSISTENT");
    const forged = await api.graphql(bySubmission.query("RequestOrderBy"), {
      token: tokens.admin,
      variables: {
        orderBy: { field: "SUBMITTED_AT", direction: "ASC" },
        after: Buffer.from('{"v":2,"o":"SUBMITTED_AT:ASC","k":1,"i":"x"}').toString("base64url"),
      },
    });
    expect(fieldErrors(forged)[0]?.code).toBe("INVALID_FORMAT");
  });
});
