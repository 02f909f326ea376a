// Presence in the live workshop (issue 5 "Presence"): who is here, with which role, where their
// cursor is and which step they have selected. Pure functions over awareness states, for the
// room panel, avatars and live cursors. The identity in a state (user id, name, role, access) is
// set by the server from the person's session (server.ts beforeHandleAwareness), never trusted
// from the client.
import type { AccessRole } from '@/lib/auth/can';
import type { Role } from '@/lib/pathway/schema';
import { ROLES } from '@/lib/pathway/schema';

/** The stateless message type by which the server tells a client who it is ({ type, user }). */
export const IDENTITY_MESSAGE = 'pathweave.identity';

export interface PresenceUser {
  id: string;
  name: string;
  /** Professional role (the pathway format's Roles), e.g. "gp", "patient", "carer". */
  role: string;
  /** Workspace access: facilitator, editor, commenter, viewer. */
  access: AccessRole | null;
  readOnly: boolean;
  /** From the user id, the same for everyone in the room. */
  color: string;
}

/** What is selected: a step or a transition, by id. */
export type PresenceSelection = { kind: 'step' | 'transition'; id: string } | null;

export interface Peer {
  /** Yjs client id of that browser tab. */
  clientId: number;
  user: PresenceUser;
  /** In flow (canvas) coordinates. */
  cursor: { x: number; y: number } | null;
  selection: PresenceSelection;
  self: boolean;
}

/** Accessible, distinct colours that read on white (WCAG AA for text at 4.5:1 or more). */
export const PRESENCE_COLORS = ['#1d4ed8', '#b91c1c', '#047857', '#7c3aed', '#b45309', '#0e7490', '#be185d', '#4d7c0f', '#9a3412', '#4338ca'] as const;

export function colorFor(userId: string): string {
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (Math.imul(h, 31) + userId.charCodeAt(i)) >>> 0;
  return PRESENCE_COLORS[h % PRESENCE_COLORS.length] as string;
}

const ACCESS: ReadonlySet<string> = new Set(['facilitator', 'editor', 'commenter', 'viewer']);

function finitePoint(value: unknown): { x: number; y: number } | null {
  if (!value || typeof value !== 'object') return null;
  const { x, y } = value as { x?: unknown; y?: unknown };
  return typeof x === 'number' && Number.isFinite(x) && typeof y === 'number' && Number.isFinite(y) ? { x, y } : null;
}

function selectionOf(value: unknown): PresenceSelection {
  if (!value || typeof value !== 'object') return null;
  const { kind, id } = value as { kind?: unknown; id?: unknown };
  return (kind === 'step' || kind === 'transition') && typeof id === 'string' && id ? { kind, id } : null;
}

/**
 * Peers from raw awareness states. States without a server-confirmed user (not yet
 * authenticated) are left out.
 */
export function peersFromStates(states: ReadonlyMap<number, Record<string, unknown>>, selfClientId: number): Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, state] of states) {
    const user = state?.user as Record<string, unknown> | undefined;
    const id = user?.id;
    if (typeof id !== 'string' || !id) continue;
    const access = typeof user?.access === 'string' && ACCESS.has(user.access) ? (user.access as AccessRole) : null;
    peers.push({
      clientId,
      user: {
        id,
        name: typeof user?.name === 'string' ? user.name : 'Someone',
        role: typeof user?.role === 'string' ? user.role : 'unknown',
        access,
        readOnly: user?.readOnly === true,
        color: colorFor(id),
      },
      cursor: finitePoint(state.cursor),
      selection: selectionOf(state.selection),
      self: clientId === selfClientId,
    });
  }
  return peers.sort((a, b) => a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId);
}

export interface RoomSummary {
  /** Distinct people (several tabs of one person count once). */
  people: number;
  /** People per professional role, in the order of the Roles vocabulary. */
  byRole: { role: string; count: number }[];
  /** True when nobody taking part as a patient or a carer is here (issue 5: warn). */
  noPatientOrCarer: boolean;
}

/** The "who is in the room" panel's numbers. */
export function roomSummary(peers: readonly Peer[]): RoomSummary {
  const roleOf = new Map<string, string>();
  for (const p of peers) roleOf.set(p.user.id, p.user.role);
  const counts = new Map<string, number>();
  for (const role of roleOf.values()) counts.set(role, (counts.get(role) ?? 0) + 1);
  const order = (role: string) => {
    const i = ROLES.indexOf(role as Role);
    return i < 0 ? ROLES.length : i;
  };
  const byRole = [...counts].sort((a, b) => order(a[0]) - order(b[0]) || a[0].localeCompare(b[0])).map(([role, count]) => ({ role, count }));
  return { people: roleOf.size, byRole, noPatientOrCarer: !counts.has('patient') && !counts.has('carer') };
}

/** Who has each step or transition selected (for outlines on the canvas), self excluded. */
export function selectionsByTarget(peers: readonly Peer[]): Map<string, Peer[]> {
  const out = new Map<string, Peer[]>();
  for (const p of peers) {
    if (p.self || !p.selection) continue;
    const list = out.get(p.selection.id) ?? [];
    list.push(p);
    out.set(p.selection.id, list);
  }
  return out;
}
