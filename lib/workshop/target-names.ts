// What a step or a transition is called, for comments and dots pinned to it by id. Pure, so the
// browser (components/workshop/removed-targets.ts) and the server (which stores the name with a
// comment thread or a dot, lib/server/target-label.ts) name things the same way.

/** A stored name is kept to this many characters (step titles have no limit of their own). */
export const TARGET_LABEL_MAX = 200;

/** Names of every step and transition in the pathway ("Triage → Referral" for a transition). */
export function targetNames(pathway: {
  steps: readonly { id: string; title: string }[];
  transitions: readonly { id: string; from: string; to: string }[];
}): Map<string, string> {
  const names = new Map<string, string>();
  for (const st of pathway.steps) names.set(st.id, st.title);
  for (const t of pathway.transitions) names.set(t.id, `${names.get(t.from) ?? t.from} → ${names.get(t.to) ?? t.to}`);
  return names;
}

/** `name` trimmed and shortened to TARGET_LABEL_MAX characters (ending "…" when cut); null when blank. */
export function storableLabel(name: string | null | undefined): string | null {
  const text = (name ?? '').trim();
  if (text === '') return null;
  const chars = [...text];
  return chars.length <= TARGET_LABEL_MAX
    ? text
    : `${chars
        .slice(0, TARGET_LABEL_MAX - 1)
        .join('')
        .trimEnd()}…`;
}
