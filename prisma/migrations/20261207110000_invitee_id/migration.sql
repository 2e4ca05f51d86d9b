-- Issue 16: an invitee has a global id of its own (GraphQL `Invitee.id`), no longer the member's id, so client caches
-- keyed by id never mix an invitee up with the member. It is derived from the invitation's id — a name-based UUID as
-- RFC 9562 (appendix B.2) describes version 8: SHA-256 of a fixed namespace and the invitation id's 16 bytes, the first
-- 128 bits with the version and variant set. (Version 5 would need SHA-1, which PostgreSQL has only in pgcrypto.)
-- A generated column: every insert path (API, seed, the national data generator's COPY) gets it, nobody can write it,
-- and a re-invitation (the same row, reopened) keeps it. Indexed per tenant so `node(id:)` finds it in one statement.

CREATE FUNCTION medverkan_invitee_id(invitation_id uuid) RETURNS uuid LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT encode(set_byte(set_byte(h, 6, (get_byte(h, 6) & 15) | 128), 8, (get_byte(h, 8) & 63) | 128), 'hex')::uuid
  FROM (SELECT substr(sha256('\x2b0f6c1e9d4a4f6e8c3b7a5d1e2f3a4b'::bytea || uuid_send(invitation_id)), 1, 16) AS h) AS digest
$$;

-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN "inviteeId" UUID GENERATED ALWAYS AS (medverkan_invitee_id("id")) STORED;

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tenantId_inviteeId_key" ON "Invitation"("tenantId", "inviteeId");
