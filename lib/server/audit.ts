import { getPrisma } from '@/lib/db/client';
import { log } from '@/lib/log';

export type AuditOutcome = 'allowed' | 'denied';

/** Appends to the audit trail (append-only: a database trigger refuses updates and deletes). */
export async function audit(event: {
  actorId: string | null;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  outcome: AuditOutcome;
  detail?: Record<string, unknown>;
}): Promise<void> {
  try {
    await getPrisma().auditEvent.create({
      data: {
        actorId: event.actorId,
        action: event.action,
        resourceType: event.resourceType,
        resourceId: event.resourceId ?? null,
        outcome: event.outcome,
        detail: (event.detail ?? undefined) as object | undefined,
      },
    });
  } catch (error) {
    log.error({ err: error, action: event.action }, 'audit write failed');
    throw error;
  }
}
