'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const SECTIONS = [
  { href: 'pathways', label: 'Pathways' },
  { href: 'care-plans', label: 'Care plans' },
  { href: 'scorecards', label: 'Scorecards' },
] as const;

const ROLE_LABEL: Record<string, string> = {
  facilitator: 'Facilitator',
  editor: 'Editor',
  commenter: 'Commenter',
  viewer: 'Viewer',
};

export function WorkspaceNav(props: {
  current: { slug: string; name: string };
  workspaces: { slug: string; name: string }[];
  role: string;
  /** Facilitators (can() `workspace:manage`) also see the Members page. */
  canManageMembers?: boolean;
}) {
  const pathname = usePathname();
  const base = `/w/${props.current.slug}`;
  return (
    <div className="bg-white border-b border-nhs-grey-4 no-print">
      <div className="mx-auto max-w-6xl px-4 py-2 flex flex-wrap items-center gap-x-6 gap-y-2">
        <div className="flex items-center gap-2">
          {props.workspaces.length > 1 ? (
            <details
              className="relative"
              // The list hangs over the page: close it when the focus leaves it, and on Escape
              // (returning the focus to the summary), so it never covers what is focused next.
              onBlur={(e) => {
                if (!e.currentTarget.contains(e.relatedTarget as Node | null)) e.currentTarget.open = false;
              }}
              onKeyDown={(e) => {
                if (e.key !== 'Escape' || !e.currentTarget.open) return;
                e.currentTarget.open = false;
                e.currentTarget.querySelector('summary')?.focus();
              }}
            >
              <summary className="cursor-pointer font-bold">
                {props.current.name} <span className="sr-only">(switch workspace)</span>
              </summary>
              <ul className="absolute z-20 mt-1 min-w-56 border border-nhs-grey-4 bg-white p-2 shadow">
                {props.workspaces.map((w) => (
                  <li key={w.slug}>
                    <Link href={`/w/${w.slug}/pathways`} aria-current={w.slug === props.current.slug ? 'page' : undefined}>
                      {w.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </details>
          ) : (
            <span className="font-bold">{props.current.name}</span>
          )}
          <span className="rounded bg-nhs-grey-5 px-2 py-0.5 text-xs text-nhs-grey-1 border border-nhs-grey-4">
            {ROLE_LABEL[props.role] ?? props.role}
          </span>
        </div>
        <nav aria-label="Workspace">
          <ul className="flex flex-wrap gap-x-5 gap-y-1">
            {[...SECTIONS, ...(props.canManageMembers ? [{ href: 'members', label: 'Members' }] : [])].map((s) => {
              const href = `${base}/${s.href}`;
              const active = pathname?.startsWith(href);
              return (
                <li key={s.href}>
                  <Link
                    href={href}
                    aria-current={active ? 'page' : undefined}
                    className={active ? 'font-bold text-nhs-black no-underline border-b-4 border-nhs-blue' : ''}
                  >
                    {s.label}
                  </Link>
                </li>
              );
            })}
            <li>
              <Link href="/frameworks">Frameworks</Link>
            </li>
          </ul>
        </nav>
      </div>
    </div>
  );
}
