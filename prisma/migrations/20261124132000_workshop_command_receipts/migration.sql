-- CreateTable
CREATE TABLE "WorkshopCommandReceipt" (
    "userId" TEXT NOT NULL,
    "commandId" TEXT NOT NULL,
    "pathwayId" TEXT NOT NULL,
    "status" INTEGER,
    "body" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkshopCommandReceipt_pkey" PRIMARY KEY ("userId","commandId")
);

-- CreateIndex
CREATE INDEX "WorkshopCommandReceipt_createdAt_idx" ON "WorkshopCommandReceipt"("createdAt");

-- AddForeignKey
ALTER TABLE "WorkshopCommandReceipt" ADD CONSTRAINT "WorkshopCommandReceipt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
