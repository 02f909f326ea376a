-- CreateIndex
CREATE INDEX "SignInThrottle_lastFailedAt_idx" ON "SignInThrottle"("lastFailedAt");
