-- CreateTable
CREATE TABLE "DownloadLink" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subjectId" UUID NOT NULL,
    "staffUserId" UUID,
    "memberId" UUID,
    "locale" TEXT NOT NULL DEFAULT 'sv',
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastDownloadedAt" TIMESTAMPTZ(3),
    "downloadCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DownloadLink_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE INDEX "DownloadLink_tenantId_expiresAt_idx" ON "DownloadLink"("tenantId", "expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "DownloadLink_tenantId_tokenHash_key" ON "DownloadLink"("tenantId", "tokenHash");

-- AddForeignKey
ALTER TABLE "DownloadLink" ADD CONSTRAINT "DownloadLink_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Row-level security: a link is read inside its own tenant only.
ALTER TABLE "DownloadLink" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "DownloadLink" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "DownloadLink"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
