-- CreateEnum
CREATE TYPE "CarePlanInvitationOutcome" AS ENUM ('accepted', 'declined', 'cancelled');

-- CreateTable
CREATE TABLE "CarePlanInvitation" (
    "id" TEXT NOT NULL,
    "carePlanId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "canContribute" BOOLEAN NOT NULL DEFAULT false,
    "invitedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "invitedById" TEXT,
    "respondedAt" TIMESTAMP(3),
    "outcome" "CarePlanInvitationOutcome",
    "respondedById" TEXT,
    "grantId" TEXT,

    CONSTRAINT "CarePlanInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CarePlanInvitation_email_idx" ON "CarePlanInvitation"("email");

-- CreateIndex
CREATE INDEX "CarePlanInvitation_carePlanId_idx" ON "CarePlanInvitation"("carePlanId");

-- AddForeignKey
ALTER TABLE "CarePlanInvitation" ADD CONSTRAINT "CarePlanInvitation_carePlanId_fkey" FOREIGN KEY ("carePlanId") REFERENCES "CarePlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- At most one open invitation per plan and email.
CREATE UNIQUE INDEX "CarePlanInvitation_open_key" ON "CarePlanInvitation"("carePlanId", "email") WHERE "respondedAt" IS NULL;
