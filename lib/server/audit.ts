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

/**
 * One allowed read recorded on each of several resources, in one statement: for a list page that
 * shows something of each (so each one's own record says it was seen).
 */
export async function auditEach(event: {
  actorId: string;
  action: string;
  resourceType: string;
  resourceIds: readonly string[];
  detail?: Record<string, unknown>;
}): Promise<void> {
  if (event.resourceIds.length === 0) return;
  try {
    await getPrisma().auditEvent.createMany({
      data: event.resourceIds.map((resourceId) => ({
        actorId: event.actorId,
        action: event.action,
        resourceType: event.resourceType,
        resourceId,
        outcome: 'allowed',
        detail: (event.detail ?? undefined) as object | undefined,
      })),
    });
  } catch (error) {
    log.error({ err: error, action: event.action }, 'audit write failed');
    throw error;
  }
}
