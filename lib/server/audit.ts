import { getPrisma } from '@/lib/db/client';
import { log } from '@/lib/log';

export type AuditOutcome = 'allowed' | 'denied';

/** Where an audit row is written: the client, or the transaction of the change it records. */
export type AuditDb = Pick<ReturnType<typeof getPrisma>, 'auditEvent'>;

/**
 * Appends to the audit trail (append-only: a database trigger refuses updates and deletes). Pass
 * the change's transaction as `db` so the change and its record commit together or not at all.
 */
export async function audit(
  event: {
    actorId: string | null;
    action: string;
    resourceType: string;
    resourceId?: string | null;
    outcome: AuditOutcome;
    detail?: Record<string, unknown>;
  },
  db: AuditDb = getPrisma(),
): Promise<void> {
  try {
    await db.auditEvent.create({
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
