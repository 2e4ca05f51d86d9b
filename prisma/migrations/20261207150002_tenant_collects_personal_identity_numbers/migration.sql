-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "collectsPersonalIdentityNumbers" BOOLEAN NOT NULL DEFAULT true;

