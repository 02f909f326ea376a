-- CreateEnum
CREATE TYPE "CarePlanStatus" AS ENUM ('active', 'archived');

-- CreateEnum
CREATE TYPE "CarePlanGoalKind" AS ENUM ('health', 'social');

-- CreateEnum
CREATE TYPE "CarePlanGoalSetBy" AS ENUM ('person', 'carer', 'care_team', 'together');

-- CreateEnum
CREATE TYPE "CarePlanGoalStatus" AS ENUM ('active', 'achieved', 'paused');

-- CreateEnum
CREATE TYPE "CarePlanActionOwner" AS ENUM ('person', 'carer', 'team_member');

-- CreateEnum
CREATE TYPE "CarePlanActionStatus" AS ENUM ('to_do', 'in_progress', 'done', 'cancelled');

-- CreateEnum
CREATE TYPE "CarePlanEscalationLevel" AS ENUM ('green', 'amber', 'red');

-- CreateTable
CREATE TABLE "CarePlan" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" "CarePlanStatus" NOT NULL DEFAULT 'active',
    "whatMattersToMe" TEXT NOT NULL DEFAULT '',
    "coordinatorId" TEXT,
    "crisisContactName" TEXT NOT NULL DEFAULT '',
    "crisisContactPhone" TEXT NOT NULL DEFAULT '',
    "crisisContactDetail" TEXT NOT NULL DEFAULT '',
    "medicationSummary" TEXT NOT NULL DEFAULT '',
    "reviewDate" DATE,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CarePlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CarePlanPathway" (
    "id" TEXT NOT NULL,
    "carePlanId" TEXT NOT NULL,
    "pathwayId" TEXT NOT NULL,
    "currentStepId" TEXT,
    "currentStepSince" TIMESTAMP(3),
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CarePlanPathway_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CarePlanStepMerge" (
    "id" TEXT NOT NULL,
    "carePlanId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "steps" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CarePlanStepMerge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CarePlanMember" (
    "id" TEXT NOT NULL,
    "carePlanId" TEXT NOT NULL,
    "userId" TEXT,
    "name" TEXT NOT NULL,
    "role" "ProfessionalRole" NOT NULL,
    "jobTitle" TEXT NOT NULL DEFAULT '',
    "organisation" TEXT NOT NULL DEFAULT '',
    "sector" TEXT NOT NULL DEFAULT 'primary_care',
    "phone" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "availability" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CarePlanMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CarePlanGoal" (
    "id" TEXT NOT NULL,
    "carePlanId" TEXT NOT NULL,
    "kind" "CarePlanGoalKind" NOT NULL,
    "description" TEXT NOT NULL,
    "setBy" "CarePlanGoalSetBy" NOT NULL,
    "targetDate" DATE,
    "status" "CarePlanGoalStatus" NOT NULL DEFAULT 'active',
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CarePlanGoal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CarePlanAction" (
    "id" TEXT NOT NULL,
    "carePlanId" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "ownerKind" "CarePlanActionOwner" NOT NULL,
    "memberId" TEXT,
    "dueDate" DATE,
    "status" "CarePlanActionStatus" NOT NULL DEFAULT 'to_do',
    "completedAt" TIMESTAMP(3),
    "completedById" TEXT,
    "pathwayId" TEXT,
    "stepId" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CarePlanAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CarePlanMedicine" (
    "id" TEXT NOT NULL,
    "carePlanId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "howToTake" TEXT NOT NULL DEFAULT '',
    "purpose" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CarePlanMedicine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CarePlanEscalation" (
    "id" TEXT NOT NULL,
    "carePlanId" TEXT NOT NULL,
    "level" "CarePlanEscalationLevel" NOT NULL,
    "signs" TEXT NOT NULL,
    "whatToDo" TEXT NOT NULL,

    CONSTRAINT "CarePlanEscalation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CarePlanCarerGrant" (
    "id" TEXT NOT NULL,
    "carePlanId" TEXT NOT NULL,
    "carerId" TEXT NOT NULL,
    "canContribute" BOOLEAN NOT NULL DEFAULT false,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "grantedById" TEXT,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,

    CONSTRAINT "CarePlanCarerGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CarePlanNote" (
    "id" TEXT NOT NULL,
    "carePlanId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CarePlanNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CarePlan_coordinatorId_key" ON "CarePlan"("coordinatorId");

-- CreateIndex
CREATE INDEX "CarePlan_patientId_idx" ON "CarePlan"("patientId");

-- CreateIndex
CREATE UNIQUE INDEX "CarePlan_workspaceId_patientId_key" ON "CarePlan"("workspaceId", "patientId");

-- CreateIndex
CREATE INDEX "CarePlanPathway_pathwayId_idx" ON "CarePlanPathway"("pathwayId");

-- CreateIndex
CREATE UNIQUE INDEX "CarePlanPathway_carePlanId_pathwayId_key" ON "CarePlanPathway"("carePlanId", "pathwayId");

-- CreateIndex
CREATE INDEX "CarePlanStepMerge_carePlanId_idx" ON "CarePlanStepMerge"("carePlanId");

-- CreateIndex
CREATE INDEX "CarePlanMember_userId_idx" ON "CarePlanMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "CarePlanMember_carePlanId_userId_key" ON "CarePlanMember"("carePlanId", "userId");

-- CreateIndex
CREATE INDEX "CarePlanGoal_carePlanId_idx" ON "CarePlanGoal"("carePlanId");

-- CreateIndex
CREATE INDEX "CarePlanAction_carePlanId_idx" ON "CarePlanAction"("carePlanId");

-- CreateIndex
CREATE INDEX "CarePlanMedicine_carePlanId_idx" ON "CarePlanMedicine"("carePlanId");

-- CreateIndex
CREATE UNIQUE INDEX "CarePlanEscalation_carePlanId_level_key" ON "CarePlanEscalation"("carePlanId", "level");

-- CreateIndex
CREATE INDEX "CarePlanCarerGrant_carePlanId_carerId_idx" ON "CarePlanCarerGrant"("carePlanId", "carerId");

-- CreateIndex
CREATE INDEX "CarePlanCarerGrant_carerId_idx" ON "CarePlanCarerGrant"("carerId");

-- CreateIndex
CREATE INDEX "CarePlanNote_carePlanId_createdAt_idx" ON "CarePlanNote"("carePlanId", "createdAt");

-- AddForeignKey
ALTER TABLE "CarePlan" ADD CONSTRAINT "CarePlan_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CarePlan" ADD CONSTRAINT "CarePlan_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CarePlan" ADD CONSTRAINT "CarePlan_coordinatorId_fkey" FOREIGN KEY ("coordinatorId") REFERENCES "CarePlanMember"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CarePlanPathway" ADD CONSTRAINT "CarePlanPathway_carePlanId_fkey" FOREIGN KEY ("carePlanId") REFERENCES "CarePlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CarePlanPathway" ADD CONSTRAINT "CarePlanPathway_pathwayId_fkey" FOREIGN KEY ("pathwayId") REFERENCES "Pathway"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CarePlanStepMerge" ADD CONSTRAINT "CarePlanStepMerge_carePlanId_fkey" FOREIGN KEY ("carePlanId") REFERENCES "CarePlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CarePlanMember" ADD CONSTRAINT "CarePlanMember_carePlanId_fkey" FOREIGN KEY ("carePlanId") REFERENCES "CarePlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CarePlanMember" ADD CONSTRAINT "CarePlanMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CarePlanGoal" ADD CONSTRAINT "CarePlanGoal_carePlanId_fkey" FOREIGN KEY ("carePlanId") REFERENCES "CarePlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CarePlanAction" ADD CONSTRAINT "CarePlanAction_carePlanId_fkey" FOREIGN KEY ("carePlanId") REFERENCES "CarePlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CarePlanAction" ADD CONSTRAINT "CarePlanAction_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "CarePlanMember"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CarePlanMedicine" ADD CONSTRAINT "CarePlanMedicine_carePlanId_fkey" FOREIGN KEY ("carePlanId") REFERENCES "CarePlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CarePlanEscalation" ADD CONSTRAINT "CarePlanEscalation_carePlanId_fkey" FOREIGN KEY ("carePlanId") REFERENCES "CarePlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CarePlanCarerGrant" ADD CONSTRAINT "CarePlanCarerGrant_carePlanId_fkey" FOREIGN KEY ("carePlanId") REFERENCES "CarePlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CarePlanCarerGrant" ADD CONSTRAINT "CarePlanCarerGrant_carerId_fkey" FOREIGN KEY ("carerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CarePlanNote" ADD CONSTRAINT "CarePlanNote_carePlanId_fkey" FOREIGN KEY ("carePlanId") REFERENCES "CarePlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CarePlanNote" ADD CONSTRAINT "CarePlanNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- At most one live (unrevoked) grant per carer and plan; revoked grants stay as the record.
CREATE UNIQUE INDEX "CarePlanCarerGrant_live_key" ON "CarePlanCarerGrant"("carePlanId", "carerId") WHERE "revokedAt" IS NULL;
