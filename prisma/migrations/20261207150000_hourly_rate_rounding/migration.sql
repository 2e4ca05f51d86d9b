-- CreateEnum
CREATE TYPE "HourlyRateRounding" AS ENUM ('ROUND_TOTAL', 'ROUND_RATE');

-- AlterTable
ALTER TABLE "FeeScheduleVersion" ADD COLUMN     "hourlyRateRounding" "HourlyRateRounding" NOT NULL DEFAULT 'ROUND_TOTAL';

