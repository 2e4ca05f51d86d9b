-- AlterTable
ALTER TABLE "Request" ADD COLUMN     "competencesSought" TEXT[] DEFAULT ARRAY[]::TEXT[];

