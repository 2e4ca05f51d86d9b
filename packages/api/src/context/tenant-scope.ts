import type { Prisma, PrismaClient } from "@medverkan/database";

export type Tx = Prisma.TransactionClient;

export interface TransactionOptions {
  /** Upper bound for the whole transaction; a slow one is rolled back rather than holding a connection. */
  timeoutMs?: number;
  isolationLevel?: Prisma.TransactionIsolationLevel;
}

/** The database role tenant transactions run as: it owns no table and cannot bypass row-level security. */
export const APPLICATION_ROLE = "medverkan_app";

/**
 * The only way request code reaches tenant data: a transaction with the tenant and the application role set
 * transaction-locally (`set_config(..., true)`), so a pooled connection never carries either into the next request.
 * Row-level security policies read `app.tenant_id`; repositories also filter by tenant themselves, so either guard
 * alone keeps tenants apart.
 */
export class TenantScope {
  constructor(
    private readonly prisma: PrismaClient,
    readonly tenantId: string,
    private readonly defaultTimeoutMs = 10_000,
  ) {}

  transaction<T>(work: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    return this.prisma.$transaction(
      async (tx) => {
        await enterTenant(tx, this.tenantId);
        return work(tx);
      },
      { timeout: options.timeoutMs ?? this.defaultTimeoutMs, maxWait: 5_000, isolationLevel: options.isolationLevel },
    );
  }
}

/**
 * Switches an open transaction to the application role and a tenant, both transaction-locally. Used by TenantScope,
 * and by the platform operation that creates a tenant and then writes its first rows in the same transaction.
 */
export async function enterTenant(tx: Tx, tenantId: string): Promise<void> {
  await tx.$executeRaw`SELECT set_config('role', ${APPLICATION_ROLE}, true), set_config('app.tenant_id', ${tenantId}, true)`;
}

/**
 * Platform-level access outside any tenant (tenant lookup by slug or issuer, the price base amount table).
 * Named so every bypass of tenant scoping is explicit and greppable.
 */
export function asSystem(prisma: PrismaClient): PrismaClient {
  return prisma;
}
