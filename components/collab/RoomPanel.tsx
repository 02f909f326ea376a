'use client';
// "Who is in the room" (issue 5 "Presence"): everyone here with their role badge, a count per
// role, and a warning when no patient or carer is taking part (National Voices principle 6: care
// is designed with the people who use it). Identities come from the server (lib/collab/presence.ts).
import { memo } from 'react';
import { ROLE_LABELS } from '@/lib/pathway/labels';
import type { Role } from '@/lib/pathway/schema';
import { roomSummary, type Peer } from '@/lib/collab/presence';

function roleLabel(role: string): string {
  return ROLE_LABELS[role as Role] ?? role.replace(/_/g, ' ');
}

const ACCESS_LABELS: Record<string, string> = {
  facilitator: 'Facilitator',
  editor: 'Editor',
  commenter: 'Can comment',
  viewer: 'Watching',
};

function initials(name: string): string {
  const parts = name.replace(/^(Dr|Mr|Mrs|Ms|Miss|Prof)\.?\s+/i, '').split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase();
}

/** One person's avatar: initials in their colour, with their role as a badge. */
export const PresenceAvatar = memo(function PresenceAvatar({ peer }: { peer: Peer }) {
  const label = `${peer.user.name}${peer.self ? ' (you)' : ''}, ${roleLabel(peer.user.role)}${peer.user.access ? `, ${ACCESS_LABELS[peer.user.access] ?? peer.user.access}` : ''}`;
  return (
    <span className="inline-flex items-center gap-1" title={label}>
      <span
        aria-hidden="true"
        className="inline-flex h-7 w-7 items-center justify-center rounded-full text-xs font-bold text-white"
        style={{ backgroundColor: peer.user.color }}
      >
        {initials(peer.user.name)}
      </span>
      <span className="sr-only">{label}</span>
      <span aria-hidden="true" className="rounded border border-slate-400 bg-white px-1 text-[11px] leading-4 text-slate-800">
        {roleLabel(peer.user.role)}
      </span>
    </span>
  );
});

/** Distinct people (several tabs of one person are one person), this person first. */
function people(peers: readonly Peer[]): Peer[] {
  const byUser = new Map<string, Peer>();
  for (const p of peers) {
    const seen = byUser.get(p.user.id);
    if (!seen || (p.self && !seen.self)) byUser.set(p.user.id, p);
  }
  return [...byUser.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.user.name.localeCompare(b.user.name));
}

export const RoomPanel = memo(function RoomPanel({ peers }: { peers: readonly Peer[] }) {
  const summary = roomSummary(peers);
  const list = people(peers);
  return (
    <section aria-labelledby="pw-room-heading" className="rounded border border-slate-300 bg-white p-3 text-sm">
      <h2 id="pw-room-heading" className="font-bold">
        In the room: {summary.people} {summary.people === 1 ? 'person' : 'people'}
      </h2>
      {summary.noPatientOrCarer ? (
        <p role="status" className="mt-2 rounded border border-amber-700 bg-amber-50 p-2 text-amber-900">
          No patient or carer is taking part right now. A pathway designed without the people who use it misses what matters to them.
        </p>
      ) : null}
      <ul className="mt-2 flex flex-wrap gap-x-3 gap-y-1" aria-label="Roles present">
        {summary.byRole.map(({ role, count }) => (
          <li key={role}>
            {roleLabel(role)}: <span className="font-bold">{count}</span>
          </li>
        ))}
      </ul>
      <ul className="mt-2 flex flex-col gap-1" aria-label="People here">
        {list.map((p) => (
          <li key={p.user.id}>
            <PresenceAvatar peer={p} />
            <span className="ml-2">
              {p.user.name}
              {p.self ? ' (you)' : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
});
