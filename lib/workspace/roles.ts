// Workspace access roles in words, for the members page (app/w/[workspace]/members). Plain data, so
// the browser can use it too. What each role may do is decided in lib/auth/can.ts alone; these
// sentences only describe it, so change them when can() changes.
import { ACCESS_ROLES, type AccessRole } from '@/lib/auth/can';

export const ROLE_WORDS: Record<AccessRole, string> = {
  facilitator: 'Facilitator',
  editor: 'Editor',
  commenter: 'Commenter',
  viewer: 'Viewer',
};

/** What each role can do, in plain language, highest role first. */
export const ROLE_DESCRIPTIONS: Record<AccessRole, string> = {
  facilitator:
    'Can do everything an editor can. Can also change people’s roles and remove people from the workspace, change a pathway’s status or delete it, run workshops (the timer, the dot vote and rating rounds), reveal ratings and record the room’s agreed rating, and delete anyone’s comment.',
  editor:
    'Can do everything a commenter can. Can also make and change pathways, save versions and make care plans, work on the care plans of people whose care team they are in, and resolve anyone’s comment.',
  commenter:
    'Can see pathways, comment on them, rate them and vote in workshops, and resolve or delete their own comments. Cannot change pathways.',
  viewer:
    'Can see pathways, comments and scorecards, and follow live workshops. Cannot change, comment, rate or vote.',
};

export function isAccessRole(value: unknown): value is AccessRole {
  return typeof value === 'string' && (ACCESS_ROLES as readonly string[]).includes(value);
}

/** "a viewer", "an editor". */
export function roleWithArticle(role: AccessRole): string {
  const word = ROLE_WORDS[role].toLowerCase();
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** "facilitator, editor, commenter or viewer". */
export function allowedRolesInWords(): string {
  const words = ACCESS_ROLES.map((r) => ROLE_WORDS[r].toLowerCase());
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** The message for a role that is not one of ours: names the field, the value sent and the roles allowed. */
export function badRoleMessage(value: string): string {
  const allowed = allowedRolesInWords();
  const shown = value.trim().slice(0, 40);
  if (!shown) return `Role: choose ${allowed}.`;
  return `Role: “${shown}” is not a role. Choose ${allowed}.`;
}
