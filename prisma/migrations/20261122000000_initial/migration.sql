-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "CareDomain" AS ENUM ('SOMATIC', 'PSYCHIATRIC', 'SOCIAL_SERVICES', 'MIXED');

-- CreateEnum
CREATE TYPE "FeeBasis" AS ENUM ('FIXED_AMOUNTS', 'SHARE_OF_PRICE_BASE_AMOUNT');

-- CreateEnum
CREATE TYPE "FeeCategory" AS ENUM ('SHORT', 'HALF_DAY', 'FULL_DAY', 'HOURLY');

-- CreateEnum
CREATE TYPE "FeeRounding" AS ENUM ('NEAREST_KRONA_HALF_EVEN', 'NEAREST_KRONA_HALF_UP', 'DOWN_TO_KRONA', 'EXACT_ORE');

-- CreateEnum
CREATE TYPE "PayoutMethod" AS ENUM ('SALARY', 'FEE');

-- CreateEnum
CREATE TYPE "ConsentKind" AS ENUM ('PROCESSING', 'CONTACT_SHARING', 'GUARDIAN');

-- CreateEnum
CREATE TYPE "OrganisationKind" AS ENUM ('REGION_UNIT', 'MUNICIPALITY', 'FEDERATION', 'ASSOCIATION');

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('TENANT_ADMIN', 'COORDINATOR', 'REQUESTER', 'ANALYST');

-- CreateEnum
CREATE TYPE "Perspective" AS ENUM ('PATIENT', 'RELATIVE', 'SERVICE_USER');

-- CreateEnum
CREATE TYPE "MembershipStatus" AS ENUM ('PENDING_GUARDIAN_CONSENT', 'REGISTERED', 'CONTACTED', 'INTRODUCTION_BOOKED', 'TRAINED', 'ACTIVE', 'PAUSED', 'WITHDRAWN', 'ERASED');

-- CreateEnum
CREATE TYPE "RegistrationChannel" AS ENUM ('WEB', 'POSTAL', 'PHONE', 'DIRECT_RECRUITMENT');

-- CreateEnum
CREATE TYPE "DuplicateResolution" AS ENUM ('SAME_PERSON_MERGED', 'DIFFERENT_PEOPLE');

-- CreateEnum
CREATE TYPE "ConsentGivenBy" AS ENUM ('MEMBER', 'GUARDIAN', 'STAFF_ON_BEHALF');

-- CreateEnum
CREATE TYPE "TrainingFormat" AS ENUM ('DIGITAL', 'IN_PERSON');

-- CreateEnum
CREATE TYPE "EnrolmentStatus" AS ENUM ('ENROLLED', 'WAITLISTED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('SUBMITTED', 'MATCHING', 'PARTLY_FILLED', 'FILLED', 'CARRIED_OUT', 'FOLLOWED_UP', 'DECLINED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "AssignmentLength" AS ENUM ('ONE_OFF', 'LONG_TERM');

-- CreateEnum
CREATE TYPE "InvitationStatus" AS ENUM ('PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "AssignmentStatus" AS ENUM ('CONFIRMED', 'CARRIED_OUT', 'CANCELLED');

-- CreateEnum
CREATE TYPE "FeeClaimStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'ATTESTED', 'SENT_TO_PAYROLL', 'PAID', 'REJECTED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "FeedbackAuthor" AS ENUM ('UNIT', 'PARTICIPANT', 'COORDINATOR');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('STAFF', 'MEMBER', 'PLATFORM_OPERATOR', 'SYSTEM', 'ANONYMOUS');

-- CreateEnum
CREATE TYPE "AuditAction" AS ENUM ('READ', 'WRITE', 'DISCLOSE', 'EXPORT', 'ERASE');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "DataSubjectRequestKind" AS ENUM ('ACCESS', 'RECTIFICATION', 'RESTRICTION', 'ERASURE', 'OBJECTION', 'PORTABILITY');

-- CreateTable
CREATE TABLE "Tenant" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'sv-SE',
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/Stockholm',
    "currency" TEXT NOT NULL DEFAULT 'SEK',
    "tokenIssuer" TEXT NOT NULL,
    "tokenAudience" TEXT NOT NULL,
    "jwksUrl" TEXT,
    "publicKeys" JSONB,
    "smallCellThreshold" INTEGER NOT NULL DEFAULT 5,
    "memberRetentionMonths" INTEGER,
    "invitationExpiryDays" INTEGER NOT NULL DEFAULT 14,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "retiredAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PriceBaseAmount" (
    "year" INTEGER NOT NULL,
    "amountKronor" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PriceBaseAmount_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "PlatformOperator" (
    "id" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMPTZ(3),

    CONSTRAINT "PlatformOperator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Network" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "careDomain" "CareDomain" NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "intakeRuleSetId" UUID,
    "requestFormId" UUID,
    "feeScheduleId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "retiredAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Network_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "IntakeRuleSet" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "isTenantDefault" BOOLEAN NOT NULL DEFAULT false,
    "minimumAge" INTEGER,
    "guardianConsentBelowAge" INTEGER,
    "requireContactCall" BOOLEAN NOT NULL DEFAULT true,
    "requireIntroductionMeeting" BOOLEAN NOT NULL DEFAULT false,
    "requireTrainingAttended" BOOLEAN NOT NULL DEFAULT false,
    "allowedMunicipalities" TEXT[],
    "restrictMunicipalities" BOOLEAN NOT NULL DEFAULT false,
    "recordOrganisationMandate" BOOLEAN NOT NULL DEFAULT false,
    "followUpWithinDays" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "retiredAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "IntakeRuleSet_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "RequestForm" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "isTenantDefault" BOOLEAN NOT NULL DEFAULT false,
    "fields" JSONB NOT NULL,
    "assignmentTypeKeys" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "retiredAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "RequestForm_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "AssignmentType" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "labelSv" TEXT NOT NULL,
    "labelEn" TEXT NOT NULL,
    "retiredAt" TIMESTAMPTZ(3),

    CONSTRAINT "AssignmentType_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "FeeSchedule" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "isTenantDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "FeeSchedule_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "FeeScheduleVersion" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "feeScheduleId" UUID NOT NULL,
    "validFrom" DATE NOT NULL,
    "validTo" DATE,
    "basis" "FeeBasis" NOT NULL,
    "categories" JSONB NOT NULL,
    "hourlyValue" INTEGER,
    "travelTimeCounts" BOOLEAN NOT NULL,
    "rounding" "FeeRounding" NOT NULL,
    "mileageOrePerKm" INTEGER NOT NULL,
    "preparationPaid" BOOLEAN NOT NULL,
    "preparationHourlyValue" INTEGER,
    "payoutMethod" "PayoutMethod" NOT NULL,
    "withholdingBasisPoints" INTEGER NOT NULL DEFAULT 0,
    "employerSocialFeeBasisPoints" INTEGER,
    "sourceDocument" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeeScheduleVersion_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "ConsentText" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "kind" "ConsentKind" NOT NULL,
    "version" TEXT NOT NULL,
    "textSv" TEXT NOT NULL,
    "textEn" TEXT NOT NULL,
    "publishedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMPTZ(3),

    CONSTRAINT "ConsentText_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "ExperienceTag" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "parentId" UUID,
    "key" TEXT NOT NULL,
    "labelSv" TEXT NOT NULL,
    "labelEn" TEXT NOT NULL,
    "retiredAt" TIMESTAMPTZ(3),

    CONSTRAINT "ExperienceTag_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Organisation" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "OrganisationKind" NOT NULL,
    "paysOwnParticipants" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMPTZ(3),

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Unit" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMPTZ(3),

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "CostCentre" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "unitId" UUID,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "retiredAt" TIMESTAMPTZ(3),

    CONSTRAINT "CostCentre_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "StaffUser" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT,
    "unitId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "StaffUser_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "RoleGrant" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "staffUserId" UUID NOT NULL,
    "role" "StaffRole" NOT NULL,
    "networkId" UUID,
    "unitId" UUID,
    "grantedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "grantedBy" UUID,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "RoleGrant_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Member" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "subject" TEXT,
    "givenName" TEXT NOT NULL,
    "familyName" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "birthDate" DATE,
    "birthYear" INTEGER,
    "municipality" TEXT,
    "perspectives" "Perspective"[],
    "experienceText" TEXT,
    "competences" TEXT[],
    "languages" TEXT[],
    "accessibilityNeeds" TEXT,
    "availabilityNote" TEXT,
    "organisationRepresented" TEXT,
    "preferredLocale" TEXT NOT NULL DEFAULT 'sv',
    "emailKey" TEXT,
    "phoneKey" TEXT,
    "nameBirthYearKey" TEXT,
    "restrictedAt" TIMESTAMPTZ(3),
    "erasedAt" TIMESTAMPTZ(3),
    "lastActiveAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "MemberExperience" (
    "tenantId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "tagId" UUID NOT NULL,

    CONSTRAINT "MemberExperience_pkey" PRIMARY KEY ("tenantId","memberId","tagId")
);

-- CreateTable
CREATE TABLE "MemberPause" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE,
    "reason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MemberPause_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "MemberRevision" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "changes" JSONB NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorId" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MemberRevision_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Guardian" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "relation" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Guardian_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "networkId" UUID NOT NULL,
    "status" "MembershipStatus" NOT NULL,
    "channel" "RegistrationChannel" NOT NULL DEFAULT 'WEB',
    "registeredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "statusChangedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "contactCallAt" TIMESTAMPTZ(3),
    "introductionBookedAt" TIMESTAMPTZ(3),
    "introductionHeldAt" TIMESTAMPTZ(3),
    "trainedAt" TIMESTAMPTZ(3),
    "activatedAt" TIMESTAMPTZ(3),
    "withdrawnAt" TIMESTAMPTZ(3),
    "lastInvitedAt" TIMESTAMPTZ(3),
    "lastAssignmentAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "MembershipEvent" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "membershipId" UUID NOT NULL,
    "fromStatus" "MembershipStatus",
    "toStatus" "MembershipStatus" NOT NULL,
    "note" TEXT,
    "actorType" "ActorType" NOT NULL,
    "actorId" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MembershipEvent_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "DuplicateCandidate" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "existingMemberId" UUID NOT NULL,
    "matchedOn" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMPTZ(3),
    "resolution" "DuplicateResolution",

    CONSTRAINT "DuplicateCandidate_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Consent" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "kind" "ConsentKind" NOT NULL,
    "consentTextId" UUID NOT NULL,
    "givenBy" "ConsentGivenBy" NOT NULL,
    "guardianId" UUID,
    "requestId" UUID,
    "recordedById" UUID,
    "givenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnAt" TIMESTAMPTZ(3),

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "TrainingSession" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "networkId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "format" "TrainingFormat" NOT NULL,
    "place" TEXT,
    "digitalLink" TEXT,
    "capacity" INTEGER NOT NULL,
    "cancelledAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingSession_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "TrainingEnrolment" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "status" "EnrolmentStatus" NOT NULL,
    "enrolledAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attended" BOOLEAN,
    "attendanceRecordedAt" TIMESTAMPTZ(3),

    CONSTRAINT "TrainingEnrolment_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Request" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "networkId" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "requestedById" UUID,
    "contactName" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "contactPhone" TEXT,
    "assignmentTypeId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "expectations" TEXT,
    "experienceText" TEXT,
    "perspectivesSought" "Perspective"[],
    "numberOfPersons" INTEGER NOT NULL,
    "assignmentLength" "AssignmentLength" NOT NULL,
    "audienceDescription" TEXT,
    "audienceSize" INTEGER,
    "selectionProcess" TEXT,
    "specialRequirements" TEXT,
    "preparation" TEXT,
    "compensationOffered" TEXT,
    "costCentreId" UUID,
    "directRecruitment" BOOLEAN NOT NULL DEFAULT false,
    "status" "RequestStatus" NOT NULL DEFAULT 'SUBMITTED',
    "statusReason" TEXT,
    "submittedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "filledAt" TIMESTAMPTZ(3),
    "carriedOutAt" TIMESTAMPTZ(3),
    "followedUpAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Request_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "RequestExperienceTag" (
    "tenantId" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "tagId" UUID NOT NULL,

    CONSTRAINT "RequestExperienceTag_pkey" PRIMARY KEY ("tenantId","requestId","tagId")
);

-- CreateTable
CREATE TABLE "RequestEvent" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "fromStatus" "RequestStatus",
    "toStatus" "RequestStatus" NOT NULL,
    "reason" TEXT,
    "actorType" "ActorType" NOT NULL,
    "actorId" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequestEvent_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Occasion" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "place" TEXT,
    "digitalLink" TEXT,
    "cancelledAt" TIMESTAMPTZ(3),
    "heldAt" TIMESTAMPTZ(3),

    CONSTRAINT "Occasion_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "status" "InvitationStatus" NOT NULL DEFAULT 'PENDING',
    "message" TEXT,
    "invitedById" UUID,
    "invitedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "respondedAt" TIMESTAMPTZ(3),
    "declineReason" TEXT,
    "contactConsentId" UUID,
    "contactReleasedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Assignment" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "invitationId" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "status" "AssignmentStatus" NOT NULL DEFAULT 'CONFIRMED',
    "agreementRequired" BOOLEAN NOT NULL DEFAULT false,
    "agreementSignedByMemberAt" TIMESTAMPTZ(3),
    "agreementSignedByUnitAt" TIMESTAMPTZ(3),
    "agreementValidFrom" DATE,
    "agreementValidTo" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Attendance" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "assignmentId" UUID NOT NULL,
    "occasionId" UUID NOT NULL,
    "attended" BOOLEAN NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "travelMinutes" INTEGER NOT NULL DEFAULT 0,
    "reportedById" UUID,
    "reportedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attendance_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "FeeClaim" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "assignmentId" UUID NOT NULL,
    "occasionId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "feeScheduleVersionId" UUID NOT NULL,
    "occasionDate" DATE NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "travelMinutes" INTEGER NOT NULL,
    "preparationMinutes" INTEGER NOT NULL DEFAULT 0,
    "hourly" BOOLEAN NOT NULL DEFAULT false,
    "category" "FeeCategory" NOT NULL,
    "mileageKm" INTEGER NOT NULL DEFAULT 0,
    "grossOre" INTEGER NOT NULL,
    "preparationOre" INTEGER NOT NULL DEFAULT 0,
    "mileageOre" INTEGER NOT NULL DEFAULT 0,
    "expensesOre" INTEGER NOT NULL DEFAULT 0,
    "withholdingOre" INTEGER NOT NULL DEFAULT 0,
    "netOre" INTEGER NOT NULL,
    "socialFeesOre" INTEGER,
    "currency" TEXT NOT NULL DEFAULT 'SEK',
    "costCentreId" UUID,
    "payerOrganisationId" UUID,
    "status" "FeeClaimStatus" NOT NULL DEFAULT 'DRAFT',
    "rejectionReason" TEXT,
    "submittedAt" TIMESTAMPTZ(3),
    "attestedAt" TIMESTAMPTZ(3),
    "attestedById" UUID,
    "payrollExportId" UUID,
    "paidAt" TIMESTAMPTZ(3),
    "supersedesId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "FeeClaim_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "FeeClaimExpense" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "feeClaimId" UUID NOT NULL,
    "description" TEXT NOT NULL,
    "amountOre" INTEGER NOT NULL,

    CONSTRAINT "FeeClaimExpense_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "PayrollExport" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "payerOrganisationId" UUID,
    "periodFrom" DATE NOT NULL,
    "periodTo" DATE NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PayrollExport_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Feedback" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "assignmentId" UUID,
    "author" "FeedbackAuthor" NOT NULL,
    "authorId" UUID,
    "rating" INTEGER,
    "comment" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Feedback_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" "ActorType" NOT NULL,
    "actorId" UUID,
    "actorRole" TEXT,
    "actorUnitId" UUID,
    "action" "AuditAction" NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT,
    "memberId" UUID,
    "purpose" TEXT,
    "details" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'sv',
    "payload" JSONB NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "tenantId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "inputHash" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("tenantId","operation","key")
);

-- CreateTable
CREATE TABLE "DataSubjectRequest" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "memberId" UUID,
    "kind" "DataSubjectRequestKind" NOT NULL,
    "channel" "RegistrationChannel" NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "completedAt" TIMESTAMPTZ(3),
    "note" TEXT,

    CONSTRAINT "DataSubjectRequest_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_slug_key" ON "Tenant"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "PlatformOperator_subject_key" ON "PlatformOperator"("subject");

-- CreateIndex
CREATE UNIQUE INDEX "Network_tenantId_slug_key" ON "Network"("tenantId", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "AssignmentType_tenantId_key_key" ON "AssignmentType"("tenantId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "FeeScheduleVersion_tenantId_feeScheduleId_validFrom_key" ON "FeeScheduleVersion"("tenantId", "feeScheduleId", "validFrom");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentText_tenantId_kind_version_key" ON "ConsentText"("tenantId", "kind", "version");

-- CreateIndex
CREATE UNIQUE INDEX "ExperienceTag_tenantId_key_key" ON "ExperienceTag"("tenantId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_tenantId_name_key" ON "Organisation"("tenantId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_tenantId_organisationId_name_key" ON "Unit"("tenantId", "organisationId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "CostCentre_tenantId_code_key" ON "CostCentre"("tenantId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_tenantId_subject_key" ON "StaffUser"("tenantId", "subject");

-- CreateIndex
CREATE INDEX "RoleGrant_tenantId_staffUserId_idx" ON "RoleGrant"("tenantId", "staffUserId");

-- CreateIndex
CREATE INDEX "Member_tenantId_emailKey_idx" ON "Member"("tenantId", "emailKey");

-- CreateIndex
CREATE INDEX "Member_tenantId_phoneKey_idx" ON "Member"("tenantId", "phoneKey");

-- CreateIndex
CREATE INDEX "Member_tenantId_nameBirthYearKey_idx" ON "Member"("tenantId", "nameBirthYearKey");

-- CreateIndex
CREATE UNIQUE INDEX "Member_tenantId_subject_key" ON "Member"("tenantId", "subject");

-- CreateIndex
CREATE INDEX "MemberExperience_tenantId_tagId_idx" ON "MemberExperience"("tenantId", "tagId");

-- CreateIndex
CREATE INDEX "MemberPause_tenantId_memberId_idx" ON "MemberPause"("tenantId", "memberId");

-- CreateIndex
CREATE INDEX "MemberRevision_tenantId_memberId_idx" ON "MemberRevision"("tenantId", "memberId");

-- CreateIndex
CREATE INDEX "Guardian_tenantId_memberId_idx" ON "Guardian"("tenantId", "memberId");

-- CreateIndex
CREATE INDEX "Membership_tenantId_networkId_status_idx" ON "Membership"("tenantId", "networkId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_tenantId_memberId_networkId_key" ON "Membership"("tenantId", "memberId", "networkId");

-- CreateIndex
CREATE INDEX "MembershipEvent_tenantId_membershipId_idx" ON "MembershipEvent"("tenantId", "membershipId");

-- CreateIndex
CREATE UNIQUE INDEX "DuplicateCandidate_tenantId_memberId_existingMemberId_key" ON "DuplicateCandidate"("tenantId", "memberId", "existingMemberId");

-- CreateIndex
CREATE INDEX "Consent_tenantId_memberId_kind_idx" ON "Consent"("tenantId", "memberId", "kind");

-- CreateIndex
CREATE INDEX "TrainingSession_tenantId_networkId_startsAt_idx" ON "TrainingSession"("tenantId", "networkId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingEnrolment_tenantId_sessionId_memberId_key" ON "TrainingEnrolment"("tenantId", "sessionId", "memberId");

-- CreateIndex
CREATE INDEX "Request_tenantId_networkId_status_idx" ON "Request"("tenantId", "networkId", "status");

-- CreateIndex
CREATE INDEX "Request_tenantId_unitId_idx" ON "Request"("tenantId", "unitId");

-- CreateIndex
CREATE INDEX "Request_tenantId_submittedAt_idx" ON "Request"("tenantId", "submittedAt");

-- CreateIndex
CREATE INDEX "RequestEvent_tenantId_requestId_idx" ON "RequestEvent"("tenantId", "requestId");

-- CreateIndex
CREATE INDEX "Occasion_tenantId_requestId_startsAt_idx" ON "Occasion"("tenantId", "requestId", "startsAt");

-- CreateIndex
CREATE INDEX "Invitation_tenantId_memberId_invitedAt_idx" ON "Invitation"("tenantId", "memberId", "invitedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tenantId_requestId_memberId_key" ON "Invitation"("tenantId", "requestId", "memberId");

-- CreateIndex
CREATE INDEX "Assignment_tenantId_memberId_idx" ON "Assignment"("tenantId", "memberId");

-- CreateIndex
CREATE INDEX "Assignment_tenantId_requestId_idx" ON "Assignment"("tenantId", "requestId");

-- CreateIndex
CREATE UNIQUE INDEX "Assignment_tenantId_invitationId_key" ON "Assignment"("tenantId", "invitationId");

-- CreateIndex
CREATE UNIQUE INDEX "Attendance_tenantId_assignmentId_occasionId_key" ON "Attendance"("tenantId", "assignmentId", "occasionId");

-- CreateIndex
CREATE INDEX "FeeClaim_tenantId_memberId_idx" ON "FeeClaim"("tenantId", "memberId");

-- CreateIndex
CREATE INDEX "FeeClaim_tenantId_status_occasionDate_idx" ON "FeeClaim"("tenantId", "status", "occasionDate");

-- CreateIndex
CREATE INDEX "FeeClaimExpense_tenantId_feeClaimId_idx" ON "FeeClaimExpense"("tenantId", "feeClaimId");

-- CreateIndex
CREATE INDEX "Feedback_tenantId_requestId_idx" ON "Feedback"("tenantId", "requestId");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_memberId_at_idx" ON "AuditEvent"("tenantId", "memberId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_at_idx" ON "AuditEvent"("tenantId", "at");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_tenantId_idempotencyKey_key" ON "OutboxMessage"("tenantId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "DataSubjectRequest_tenantId_dueAt_idx" ON "DataSubjectRequest"("tenantId", "dueAt");

-- AddForeignKey
ALTER TABLE "Network" ADD CONSTRAINT "Network_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Network" ADD CONSTRAINT "Network_tenantId_intakeRuleSetId_fkey" FOREIGN KEY ("tenantId", "intakeRuleSetId") REFERENCES "IntakeRuleSet"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Network" ADD CONSTRAINT "Network_tenantId_requestFormId_fkey" FOREIGN KEY ("tenantId", "requestFormId") REFERENCES "RequestForm"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Network" ADD CONSTRAINT "Network_tenantId_feeScheduleId_fkey" FOREIGN KEY ("tenantId", "feeScheduleId") REFERENCES "FeeSchedule"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntakeRuleSet" ADD CONSTRAINT "IntakeRuleSet_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestForm" ADD CONSTRAINT "RequestForm_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssignmentType" ADD CONSTRAINT "AssignmentType_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeSchedule" ADD CONSTRAINT "FeeSchedule_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeScheduleVersion" ADD CONSTRAINT "FeeScheduleVersion_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeScheduleVersion" ADD CONSTRAINT "FeeScheduleVersion_tenantId_feeScheduleId_fkey" FOREIGN KEY ("tenantId", "feeScheduleId") REFERENCES "FeeSchedule"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentText" ADD CONSTRAINT "ConsentText_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperienceTag" ADD CONSTRAINT "ExperienceTag_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperienceTag" ADD CONSTRAINT "ExperienceTag_tenantId_parentId_fkey" FOREIGN KEY ("tenantId", "parentId") REFERENCES "ExperienceTag"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_tenantId_organisationId_fkey" FOREIGN KEY ("tenantId", "organisationId") REFERENCES "Organisation"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostCentre" ADD CONSTRAINT "CostCentre_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostCentre" ADD CONSTRAINT "CostCentre_tenantId_organisationId_fkey" FOREIGN KEY ("tenantId", "organisationId") REFERENCES "Organisation"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostCentre" ADD CONSTRAINT "CostCentre_tenantId_unitId_fkey" FOREIGN KEY ("tenantId", "unitId") REFERENCES "Unit"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffUser" ADD CONSTRAINT "StaffUser_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffUser" ADD CONSTRAINT "StaffUser_tenantId_unitId_fkey" FOREIGN KEY ("tenantId", "unitId") REFERENCES "Unit"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleGrant" ADD CONSTRAINT "RoleGrant_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleGrant" ADD CONSTRAINT "RoleGrant_tenantId_staffUserId_fkey" FOREIGN KEY ("tenantId", "staffUserId") REFERENCES "StaffUser"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleGrant" ADD CONSTRAINT "RoleGrant_tenantId_networkId_fkey" FOREIGN KEY ("tenantId", "networkId") REFERENCES "Network"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleGrant" ADD CONSTRAINT "RoleGrant_tenantId_unitId_fkey" FOREIGN KEY ("tenantId", "unitId") REFERENCES "Unit"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberExperience" ADD CONSTRAINT "MemberExperience_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberExperience" ADD CONSTRAINT "MemberExperience_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberExperience" ADD CONSTRAINT "MemberExperience_tenantId_tagId_fkey" FOREIGN KEY ("tenantId", "tagId") REFERENCES "ExperienceTag"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberPause" ADD CONSTRAINT "MemberPause_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberPause" ADD CONSTRAINT "MemberPause_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberRevision" ADD CONSTRAINT "MemberRevision_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberRevision" ADD CONSTRAINT "MemberRevision_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Guardian" ADD CONSTRAINT "Guardian_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Guardian" ADD CONSTRAINT "Guardian_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_tenantId_networkId_fkey" FOREIGN KEY ("tenantId", "networkId") REFERENCES "Network"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MembershipEvent" ADD CONSTRAINT "MembershipEvent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MembershipEvent" ADD CONSTRAINT "MembershipEvent_tenantId_membershipId_fkey" FOREIGN KEY ("tenantId", "membershipId") REFERENCES "Membership"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DuplicateCandidate" ADD CONSTRAINT "DuplicateCandidate_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DuplicateCandidate" ADD CONSTRAINT "DuplicateCandidate_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DuplicateCandidate" ADD CONSTRAINT "DuplicateCandidate_tenantId_existingMemberId_fkey" FOREIGN KEY ("tenantId", "existingMemberId") REFERENCES "Member"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_tenantId_consentTextId_fkey" FOREIGN KEY ("tenantId", "consentTextId") REFERENCES "ConsentText"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_tenantId_guardianId_fkey" FOREIGN KEY ("tenantId", "guardianId") REFERENCES "Guardian"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_tenantId_requestId_fkey" FOREIGN KEY ("tenantId", "requestId") REFERENCES "Request"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingSession" ADD CONSTRAINT "TrainingSession_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingSession" ADD CONSTRAINT "TrainingSession_tenantId_networkId_fkey" FOREIGN KEY ("tenantId", "networkId") REFERENCES "Network"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingEnrolment" ADD CONSTRAINT "TrainingEnrolment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingEnrolment" ADD CONSTRAINT "TrainingEnrolment_tenantId_sessionId_fkey" FOREIGN KEY ("tenantId", "sessionId") REFERENCES "TrainingSession"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingEnrolment" ADD CONSTRAINT "TrainingEnrolment_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Request" ADD CONSTRAINT "Request_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Request" ADD CONSTRAINT "Request_tenantId_networkId_fkey" FOREIGN KEY ("tenantId", "networkId") REFERENCES "Network"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Request" ADD CONSTRAINT "Request_tenantId_unitId_fkey" FOREIGN KEY ("tenantId", "unitId") REFERENCES "Unit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Request" ADD CONSTRAINT "Request_tenantId_requestedById_fkey" FOREIGN KEY ("tenantId", "requestedById") REFERENCES "StaffUser"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Request" ADD CONSTRAINT "Request_tenantId_assignmentTypeId_fkey" FOREIGN KEY ("tenantId", "assignmentTypeId") REFERENCES "AssignmentType"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Request" ADD CONSTRAINT "Request_tenantId_costCentreId_fkey" FOREIGN KEY ("tenantId", "costCentreId") REFERENCES "CostCentre"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestExperienceTag" ADD CONSTRAINT "RequestExperienceTag_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestExperienceTag" ADD CONSTRAINT "RequestExperienceTag_tenantId_requestId_fkey" FOREIGN KEY ("tenantId", "requestId") REFERENCES "Request"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestExperienceTag" ADD CONSTRAINT "RequestExperienceTag_tenantId_tagId_fkey" FOREIGN KEY ("tenantId", "tagId") REFERENCES "ExperienceTag"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestEvent" ADD CONSTRAINT "RequestEvent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestEvent" ADD CONSTRAINT "RequestEvent_tenantId_requestId_fkey" FOREIGN KEY ("tenantId", "requestId") REFERENCES "Request"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Occasion" ADD CONSTRAINT "Occasion_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Occasion" ADD CONSTRAINT "Occasion_tenantId_requestId_fkey" FOREIGN KEY ("tenantId", "requestId") REFERENCES "Request"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_tenantId_requestId_fkey" FOREIGN KEY ("tenantId", "requestId") REFERENCES "Request"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_tenantId_contactConsentId_fkey" FOREIGN KEY ("tenantId", "contactConsentId") REFERENCES "Consent"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_tenantId_invitationId_fkey" FOREIGN KEY ("tenantId", "invitationId") REFERENCES "Invitation"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_tenantId_requestId_fkey" FOREIGN KEY ("tenantId", "requestId") REFERENCES "Request"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_tenantId_assignmentId_fkey" FOREIGN KEY ("tenantId", "assignmentId") REFERENCES "Assignment"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_tenantId_occasionId_fkey" FOREIGN KEY ("tenantId", "occasionId") REFERENCES "Occasion"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeClaim" ADD CONSTRAINT "FeeClaim_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeClaim" ADD CONSTRAINT "FeeClaim_tenantId_assignmentId_fkey" FOREIGN KEY ("tenantId", "assignmentId") REFERENCES "Assignment"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeClaim" ADD CONSTRAINT "FeeClaim_tenantId_occasionId_fkey" FOREIGN KEY ("tenantId", "occasionId") REFERENCES "Occasion"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeClaim" ADD CONSTRAINT "FeeClaim_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeClaim" ADD CONSTRAINT "FeeClaim_tenantId_feeScheduleVersionId_fkey" FOREIGN KEY ("tenantId", "feeScheduleVersionId") REFERENCES "FeeScheduleVersion"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeClaim" ADD CONSTRAINT "FeeClaim_tenantId_costCentreId_fkey" FOREIGN KEY ("tenantId", "costCentreId") REFERENCES "CostCentre"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeClaim" ADD CONSTRAINT "FeeClaim_tenantId_payrollExportId_fkey" FOREIGN KEY ("tenantId", "payrollExportId") REFERENCES "PayrollExport"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeClaim" ADD CONSTRAINT "FeeClaim_tenantId_supersedesId_fkey" FOREIGN KEY ("tenantId", "supersedesId") REFERENCES "FeeClaim"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeClaimExpense" ADD CONSTRAINT "FeeClaimExpense_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeClaimExpense" ADD CONSTRAINT "FeeClaimExpense_tenantId_feeClaimId_fkey" FOREIGN KEY ("tenantId", "feeClaimId") REFERENCES "FeeClaim"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayrollExport" ADD CONSTRAINT "PayrollExport_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayrollExport" ADD CONSTRAINT "PayrollExport_tenantId_payerOrganisationId_fkey" FOREIGN KEY ("tenantId", "payerOrganisationId") REFERENCES "Organisation"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_tenantId_requestId_fkey" FOREIGN KEY ("tenantId", "requestId") REFERENCES "Request"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_tenantId_assignmentId_fkey" FOREIGN KEY ("tenantId", "assignmentId") REFERENCES "Assignment"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdempotencyRecord" ADD CONSTRAINT "IdempotencyRecord_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataSubjectRequest" ADD CONSTRAINT "DataSubjectRequest_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

