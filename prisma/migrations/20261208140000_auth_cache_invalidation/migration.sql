-- Authentication cache invalidation (issue 19): each API instance keeps the identity provider found by issuer and
-- audience, and who a login signs in as (the staff user with their grants, or the member), in process memory. Every
-- change to what those lookups read is announced on the channel `medverkan_auth` by a trigger, so no write path can
-- forget it; NOTIFY is transactional, so only committed changes are announced, once each per transaction and tenant.
-- The payload is the table and the tenant (`RoleGrant:<tenant id>`), never personal data; an instance receiving it
-- drops the tenant's entries (and, for identity providers and tenants, every provider entry).
CREATE FUNCTION medverkan_auth_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tenant uuid;
BEGIN
  IF TG_TABLE_NAME = 'Tenant' THEN
    tenant := COALESCE(NEW."id", OLD."id");
  ELSIF TG_OP = 'DELETE' THEN
    tenant := OLD."tenantId";
  ELSE
    tenant := NEW."tenantId";
  END IF;
  PERFORM pg_notify('medverkan_auth', TG_TABLE_NAME || ':' || tenant::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER auth_cache AFTER INSERT OR DELETE ON "IdentityProvider" FOR EACH ROW EXECUTE FUNCTION medverkan_auth_notify();
CREATE TRIGGER auth_cache_update AFTER UPDATE ON "IdentityProvider" FOR EACH ROW
  WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION medverkan_auth_notify();
CREATE TRIGGER auth_cache AFTER INSERT OR DELETE ON "RoleGrant" FOR EACH ROW EXECUTE FUNCTION medverkan_auth_notify();
CREATE TRIGGER auth_cache_update AFTER UPDATE ON "RoleGrant" FOR EACH ROW
  WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION medverkan_auth_notify();
CREATE TRIGGER auth_cache AFTER INSERT OR DELETE ON "Login" FOR EACH ROW EXECUTE FUNCTION medverkan_auth_notify();
CREATE TRIGGER auth_cache_update AFTER UPDATE ON "Login" FOR EACH ROW
  WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION medverkan_auth_notify();
-- Staff users and members change often in ways authentication does not read; only what it reads is announced.
CREATE TRIGGER auth_cache AFTER DELETE ON "StaffUser" FOR EACH ROW EXECUTE FUNCTION medverkan_auth_notify();
CREATE TRIGGER auth_cache_update AFTER UPDATE ON "StaffUser" FOR EACH ROW
  WHEN (OLD."disabledAt" IS DISTINCT FROM NEW."disabledAt" OR OLD."name" IS DISTINCT FROM NEW."name"
        OR OLD."unitId" IS DISTINCT FROM NEW."unitId" OR OLD."id" IS DISTINCT FROM NEW."id")
  EXECUTE FUNCTION medverkan_auth_notify();
CREATE TRIGGER auth_cache AFTER DELETE ON "Member" FOR EACH ROW EXECUTE FUNCTION medverkan_auth_notify();
CREATE TRIGGER auth_cache_update AFTER UPDATE ON "Member" FOR EACH ROW
  WHEN (OLD."erasedAt" IS DISTINCT FROM NEW."erasedAt" OR OLD."id" IS DISTINCT FROM NEW."id")
  EXECUTE FUNCTION medverkan_auth_notify();
CREATE TRIGGER auth_cache AFTER DELETE ON "Tenant" FOR EACH ROW EXECUTE FUNCTION medverkan_auth_notify();
CREATE TRIGGER auth_cache_update AFTER UPDATE ON "Tenant" FOR EACH ROW
  WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION medverkan_auth_notify();
