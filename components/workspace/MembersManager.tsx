'use client';
// The members table of a workspace, for its facilitators: each person's role, a form to change it
// and a button (with a question first) to remove them. Every form submits to one server action and
// works before the page's JavaScript has loaded (useActionState). The outcome is kept here, above
// the rows, so the news that someone was removed outlives their row: a success message, or an
// error summary at the top that links to the field, and the message again beside it.
import { useActionState, useEffect, useRef, type FormEvent } from 'react';
import { ACCESS_ROLES } from '@/lib/auth/can';
import type { MemberFormState, WorkspaceMember } from '@/lib/server/workspace-members';
import { isAccessRole, ROLE_WORDS } from '@/lib/workspace/roles';
import { ErrorSummary } from '@/components/shell/ErrorSummary';
import { UNREACHABLE_MESSAGE, useKeepOnFailure } from '@/components/shell/KeepOnFailure';

type Action = (previous: MemberFormState, form: FormData) => Promise<MemberFormState>;

interface MembersManagerProps {
  action: Action;
  workspaceSlug: string;
  workspaceName: string;
  members: (WorkspaceMember & { isYou: boolean })[];
}

/** What the table shows after a change could not reach Pathweave: the message, and the role chosen. */
function unreachable(sent: FormData | undefined): MemberFormState {
  if (!sent) return { ok: true };
  const userId = sent.get('userId');
  const accessRole = sent.get('accessRole');
  return {
    ok: false,
    message: UNREACHABLE_MESSAGE,
    errors: [],
    ...(typeof userId === 'string' ? { userId } : {}),
    ...(typeof accessRole === 'string' ? { values: { accessRole } } : {}),
  };
}

export function MembersManager(props: MembersManagerProps) {
  const keep = useKeepOnFailure();
  return keep.wrap(<MembersTable {...props} initial={unreachable(keep.failedWith)} onSent={keep.remember} />);
}

function MembersTable(
  props: MembersManagerProps & { initial: MemberFormState; onSent: (e: FormEvent<HTMLFormElement>) => void },
) {
  const [state, formAction, pending] = useActionState(props.action, props.initial);
  const summary = useRef<HTMLDivElement>(null);
  const done = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // After a change the focused button may be gone (a removed person's row): move to the news.
    if (!state.ok) summary.current?.focus();
    else if (state.message) done.current?.focus();
  }, [state]);

  const errors = state.errors ?? [];
  const fieldId = (path: string, userId?: string) => (path === 'remove' ? `remove-${userId}` : `role-${userId}`);
  const errorFor = (userId: string, path: 'accessRole' | 'remove') =>
    state.userId === userId ? errors.find((e) => e.path === path)?.message : undefined;

  return (
    <>
      <div ref={done} tabIndex={-1} role="status" className={state.ok && state.message ? 'mb-6' : ''}>
        {state.ok && state.message ? (
          <p className="border-l-8 border-nhs-green bg-white p-3 font-bold" data-testid="members-done">
            {state.message}
          </p>
        ) : null}
      </div>
      {!state.ok && (
        <ErrorSummary
          ref={summary}
          id="members-error-title"
          level={2}
          message={state.message}
          errors={errors.map((e) => ({ href: `#${fieldId(e.path, state.userId)}`, message: e.message }))}
          className="mb-6"
        />
      )}
      <div
        role="region"
        aria-label="Members table, scrolls sideways"
        tabIndex={0}
        className="relative mb-8 overflow-x-auto"
      >
        <table className="w-full border-collapse bg-white text-sm">
          <caption className="sr-only">Members of {props.workspaceName}, by name</caption>
          <thead>
            <tr className="border-b-2 border-nhs-grey-1 text-left align-bottom">
              <th scope="col" className="p-2">
                Name
              </th>
              <th scope="col" className="p-2">
                Email
              </th>
              <th scope="col" className="p-2">
                Role
              </th>
              <th scope="col" className="p-2">
                Change role
              </th>
              <th scope="col" className="p-2">
                Remove
              </th>
            </tr>
          </thead>
          <tbody>
            {props.members.map((m, _, all) => {
              // Names need not be unique: two "Sarah Jones" are told apart by email in every control's name.
              const label = all.some((o) => o !== m && o.name === m.name) ? `${m.name} (${m.email})` : m.name;
              const roleError = errorFor(m.userId, 'accessRole');
              const removeError = errorFor(m.userId, 'remove');
              const sent = state.userId === m.userId ? state.values?.accessRole : undefined;
              const chosen = isAccessRole(sent) ? sent : undefined;
              const who = m.isYou ? 'yourself' : label;
              return (
                <tr key={m.userId} className="border-b border-nhs-grey-4 align-top" data-member={m.email}>
                  <th scope="row" className="p-2 text-left">
                    {m.name}
                    {m.isYou && <span className="font-normal"> (you)</span>}
                  </th>
                  <td className="p-2 break-all">{m.email}</td>
                  <td className="p-2" data-testid="member-role">
                    {ROLE_WORDS[m.accessRole]}
                  </td>
                  <td className={`p-2 ${roleError ? 'border-l-4 border-nhs-red' : ''}`}>
                    <form action={formAction} onSubmit={props.onSent} className="flex flex-wrap items-end gap-2">
                      <input type="hidden" name="workspaceSlug" value={props.workspaceSlug} />
                      <input type="hidden" name="userId" value={m.userId} />
                      <input type="hidden" name="intent" value="role" />
                      <div>
                        <label htmlFor={`role-${m.userId}`} className="sr-only">
                          New role for {who}
                        </label>
                        {roleError && (
                          <p id={`role-${m.userId}-error`} className="mb-1 max-w-xs font-bold text-nhs-red">
                            <span className="sr-only">Error: </span>
                            {roleError}
                          </p>
                        )}
                        <select
                          // A fresh select after each change, showing the saved role (or, after a refusal, the one chosen).
                          key={`${m.accessRole}-${state.at ?? 0}`}
                          id={`role-${m.userId}`}
                          name="accessRole"
                          defaultValue={chosen ?? m.accessRole}
                          aria-invalid={roleError ? true : undefined}
                          aria-describedby={roleError ? `role-${m.userId}-error` : undefined}
                          className={`rounded-none border-2 ${roleError ? 'border-nhs-red' : 'border-nhs-black'} bg-white px-2 py-1.5`}
                        >
                          {ACCESS_ROLES.map((r) => (
                            <option key={r} value={r}>
                              {ROLE_WORDS[r]}
                            </option>
                          ))}
                        </select>
                      </div>
                      <button
                        type="submit"
                        disabled={pending}
                        className="rounded border-2 border-nhs-blue bg-white px-3 py-1.5 font-bold text-nhs-blue hover:bg-nhs-grey-5 disabled:opacity-60"
                      >
                        Change role<span className="sr-only"> of {who}</span>
                      </button>
                    </form>
                  </td>
                  <td className={`p-2 ${removeError ? 'border-l-4 border-nhs-red' : ''}`}>
                    <form action={formAction} onSubmit={props.onSent}>
                      <input type="hidden" name="workspaceSlug" value={props.workspaceSlug} />
                      <input type="hidden" name="userId" value={m.userId} />
                      <input type="hidden" name="intent" value="remove" />
                      {removeError && (
                        <p className="mb-1 max-w-xs font-bold text-nhs-red">
                          <span className="sr-only">Error: </span>
                          {removeError}
                        </p>
                      )}
                      {/* Ask first (WCAG 3.3.4), as the comment delete button does: a native
                          disclosure, so it works with the keyboard and before JavaScript loads. */}
                      <details key={`${m.accessRole}-${state.at ?? 0}`}>
                        <summary id={`remove-${m.userId}`} className="cursor-pointer font-bold text-nhs-blue underline">
                          Remove from workspace<span className="sr-only">: {label}</span>
                        </summary>
                        <p className="mt-2 max-w-xs">
                          {m.isYou
                            ? `Are you sure you want to leave ${props.workspaceName}? You will no longer see its pathways or care plans.`
                            : `Are you sure you want to remove ${m.name} from ${props.workspaceName}? They will no longer see its pathways or care plans.`}
                        </p>
                        <button
                          type="submit"
                          disabled={pending}
                          className="mt-2 rounded bg-nhs-red px-4 py-2 font-bold text-white hover:bg-[#aa2016] disabled:opacity-60"
                        >
                          {m.isYou ? 'Yes, leave this workspace' : `Yes, remove ${label}`}
                        </button>
                      </details>
                    </form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
