/**
 * Pathweave's one authorization module. Every page, route handler, server action and the
 * collaboration websocket asks `can(actor, action, resource)` before touching data.
 *
 * It is a pure function of facts: who is asking (their memberships) and what the resource is
 * (its workspace, its author, its patient, its care team and carer grants). Loading those facts
 * is the data layer's job (lib/server), whose queries are also scoped to the actor, so a guessed
 * id finds nothing. A denial must reveal nothing: callers answer "not found" for any `false`.
 */

export const ACCESS_ROLES = ['facilitator', 'editor', 'commenter', 'viewer'] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

export interface Actor {
  userId: string;
  professionalRole: string;
  /** workspaceId → access role */
  memberships: Readonly<Record<string, AccessRole>>;
}

export type Resource =
  | { type: 'workspace'; workspaceId: string }
  | { type: 'pathway'; workspaceId: string; pathwayId?: string }
  | { type: 'version'; workspaceId: string; pathwayId: string }
  | { type: 'comment'; workspaceId: string; pathwayId: string; authorId?: string }
  | { type: 'rating'; workspaceId: string; pathwayId: string }
  | { type: 'workshop'; workspaceId: string; pathwayId: string }
  | {
      type: 'carePlan';
      workspaceId: string;
      patientId: string;
      /** Users named in the person's care team. */
      careTeamUserIds: readonly string[];
      /** Carers the person has granted access to, and what they may do. Revoked grants are not listed. */
      carerGrants: readonly { carerId: string; canContribute: boolean }[];
    }
  | {
      type: 'carePlanInvitation';
      /**
       * The account whose email the invitation was sent to, found by the data layer; null when no
       * account has it. Only that person may accept or decline.
       */
      inviteeUserId: string | null;
      /** The person whose plan it is: they never answer an invitation to their own plan. */
      patientId: string;
    };

export const ACTIONS = {
  workspace: ['view', 'manage', 'viewScorecard'],
  pathway: ['view', 'create', 'edit', 'setStatus', 'delete', 'collaborate'],
  version: ['view', 'create'],
  comment: ['view', 'create', 'resolve', 'delete'],
  rating: ['view', 'rate', 'reveal', 'recordConsensus'],
  workshop: ['view', 'vote', 'run'],
  carePlan: ['view', 'create', 'edit', 'patientUpdate', 'agree', 'share', 'viewAudit'],
  carePlanInvitation: ['respond'],
} as const satisfies Record<Resource['type'], readonly string[]>;

export type Action = { [K in keyof typeof ACTIONS]: `${K}:${(typeof ACTIONS)[K][number]}` }[keyof typeof ACTIONS];

const RANK: Record<AccessRole, number> = { viewer: 1, commenter: 2, editor: 3, facilitator: 4 };

function atLeast(actor: Actor, workspaceId: string, role: AccessRole): boolean {
  const held = actor.memberships[workspaceId];
  return held !== undefined && RANK[held] >= RANK[role];
}

/** The workspace roles at `role` or above, highest first. */
export function rolesFrom(role: AccessRole): readonly AccessRole[] {
  return ACCESS_ROLES.filter((r) => RANK[r] >= RANK[role]);
}

/**
 * Workspace role rules that database queries also apply, so a query finds only what can() could
 * allow (a guessed id finds nothing). can() itself decides with these lists, and the queries in
 * lib/server take their role lists from here, never from a copy, so the two cannot drift apart.
 * tests/integration/role-rules-in-queries.test.ts checks, role by role, that they agree.
 */
export const ROLES_THAT_MAY = {
  /** Change a pathway's working copy (`pathway:edit`): save-pathway-draft.ts's compare-and-set. */
  editPathway: rolesFrom('editor'),
  /**
   * Act as a clinician on a care plan whose care team they are in (view it, change it, see who has
   * looked at it): carePlansReachableBy, the care-plan list, and who may be linked to a care team.
   */
  careForPlanPatients: rolesFrom('editor'),
  /** Save a version of a pathway (`version:create`): save-pathway-version.ts checks it again as it inserts. */
  createVersion: rolesFrom('editor'),
  /** Create a pathway in a workspace (`pathway:create`): create-pathway.ts checks it again as it inserts. */
  createPathway: rolesFrom('editor'),
  /** Add a comment or reply to a pathway (`comment:create`): comments.ts checks it again as it inserts. */
  createComment: rolesFrom('commenter'),
  /**
   * Manage a workspace's members (`workspace:manage`): changeMembership (workspaces.ts) checks it
   * again, with the membership row held, as it changes someone's role.
   */
  manageWorkspace: rolesFrom('facilitator'),
} as const satisfies Record<string, readonly AccessRole[]>;

function holdsOneOf(actor: Actor, workspaceId: string, roles: readonly AccessRole[]): boolean {
  const held = actor.memberships[workspaceId];
  return held !== undefined && roles.includes(held);
}

/** Patients and carers reach only plans; they never see workspace pages unless made members (e.g. a patient representative in a workshop). */
export function can(actor: Actor | null | undefined, action: Action, resource: Resource): boolean {
  if (!actor) return false;
  const [kind, verb] = action.split(':') as [Resource['type'], string];
  if (kind !== resource.type) return false;

  switch (resource.type) {
    case 'workspace':
      if (verb === 'manage') return holdsOneOf(actor, resource.workspaceId, ROLES_THAT_MAY.manageWorkspace);
      // view and viewScorecard: any member
      return atLeast(actor, resource.workspaceId, 'viewer');

    case 'pathway':
      switch (verb) {
        case 'view':
          return atLeast(actor, resource.workspaceId, 'viewer');
        case 'create':
          return holdsOneOf(actor, resource.workspaceId, ROLES_THAT_MAY.createPathway);
        case 'edit':
          return holdsOneOf(actor, resource.workspaceId, ROLES_THAT_MAY.editPathway);
        case 'collaborate': // join the live workshop (read-only for viewers; enforced per update)
          return atLeast(actor, resource.workspaceId, 'viewer');
        case 'setStatus':
        case 'delete':
          return atLeast(actor, resource.workspaceId, 'facilitator');
      }
      return false;

    case 'version':
      if (verb === 'view') return atLeast(actor, resource.workspaceId, 'viewer');
      if (verb === 'create') return holdsOneOf(actor, resource.workspaceId, ROLES_THAT_MAY.createVersion);
      return false;

    case 'comment':
      switch (verb) {
        case 'view':
          return atLeast(actor, resource.workspaceId, 'viewer');
        case 'create':
          return holdsOneOf(actor, resource.workspaceId, ROLES_THAT_MAY.createComment);
        case 'resolve':
          // The author can resolve their own thread; editors and facilitators can resolve any.
          return (
            atLeast(actor, resource.workspaceId, 'editor') ||
            (atLeast(actor, resource.workspaceId, 'commenter') && resource.authorId === actor.userId)
          );
        case 'delete':
          return (
            atLeast(actor, resource.workspaceId, 'facilitator') ||
            (atLeast(actor, resource.workspaceId, 'commenter') && resource.authorId === actor.userId)
          );
      }
      return false;

    case 'rating':
      switch (verb) {
        case 'view':
          return atLeast(actor, resource.workspaceId, 'viewer');
        case 'rate':
          return atLeast(actor, resource.workspaceId, 'commenter');
        case 'reveal':
        case 'recordConsensus':
          return atLeast(actor, resource.workspaceId, 'facilitator');
      }
      return false;

    case 'workshop':
      switch (verb) {
        case 'view': // see the timer, the dots and revealed ratings
          return atLeast(actor, resource.workspaceId, 'viewer');
        case 'vote': // place dots: everyone who may comment, patients' representatives included
          return atLeast(actor, resource.workspaceId, 'commenter');
        case 'run': // the timer, clearing the vote, choosing what the room rates
          return atLeast(actor, resource.workspaceId, 'facilitator');
      }
      return false;

    case 'carePlan': {
      const isPatient = actor.userId === resource.patientId;
      const grant = resource.carerGrants.find((g) => g.carerId === actor.userId);
      // A clinician must be both in the person's care team and an editor of the plan's workspace.
      const clinician =
        resource.careTeamUserIds.includes(actor.userId) &&
        holdsOneOf(actor, resource.workspaceId, ROLES_THAT_MAY.careForPlanPatients);
      switch (verb) {
        case 'view':
          return isPatient || grant !== undefined || clinician;
        case 'create':
          // Creating a plan needs editor rights in the workspace (the care team is set up with it).
          return atLeast(actor, resource.workspaceId, 'editor') && !isPatient;
        case 'edit':
          return clinician;
        case 'patientUpdate': // own notes, marking own actions done
          return isPatient || grant?.canContribute === true;
        case 'agree': // say the plan is agreed: the person's own word, never a carer's or the team's
          return isPatient;
        case 'share': // grant and revoke carers' access: the person's decision alone
          return isPatient;
        case 'viewAudit': // who has looked at my plan
          return isPatient || clinician;
      }
      return false;
    }

    case 'carePlanInvitation':
      // Accept or decline: the person the invitation was sent to, and nobody else. Never the plan's
      // own person, even if the address is (now) theirs: they cancel it through carePlan:share.
      return (
        verb === 'respond' &&
        resource.inviteeUserId !== null &&
        resource.inviteeUserId === actor.userId &&
        resource.patientId !== actor.userId
      );
  }
}

/** Every action listed, for the exhaustive role × action tests and for documentation. */
export const ALL_ACTIONS: readonly Action[] = Object.entries(ACTIONS).flatMap(([kind, verbs]) =>
  (verbs as readonly string[]).map((verb) => `${kind}:${verb}` as Action),
);
