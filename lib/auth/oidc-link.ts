// Who a single sign-on (OpenID Connect) sign-in is, in Pathweave.
//
// - Someone who has signed in through the provider before is known by the provider's account
//   (issuer-unique `sub`), whatever email the provider sends now.
// - The first time, the person is matched to a registered Pathweave user by email, and only when
//   the provider says it has verified that email (`email_verified`). Without that check, anyone
//   able to set their own email at the provider could sign in as any registered patient or
//   clinician. NHS CIS2 and NHS login verify emails; other providers may not.
// - Nobody is created here: only people already registered may sign in (see SIGN_IN_ERRORS).
// Every outcome is audited, like password sign-ins.
import type { PrismaClient } from '@/lib/generated/prisma/client';

/** Why a single sign-on was refused: a key of SIGN_IN_ERRORS, passed to /signin as ?error=. */
export type OidcRefusal = 'notRegistered' | 'emailNotVerified';

export interface OidcSignIn {
  /** next-auth's user for this sign-in; its id is set to the Pathweave user's on success. */
  user: { id: string; email?: string | null };
  account: {
    provider: string;
    providerAccountId: string;
    type: string;
    id_token?: string | null;
    scope?: string | null;
    token_type?: string | null;
    expires_at?: number | null;
  };
  /** The provider's claims about the person (the ID token or userinfo). */
  profile?: { email_verified?: unknown } | null;
}

/** OpenID Connect says boolean; some providers send the string "true". */
function emailVerified(profile: OidcSignIn['profile']): boolean {
  const v = profile?.email_verified;
  return v === true || v === 'true';
}

export async function linkOidcSignIn(
  prisma: PrismaClient,
  { user, account, profile }: OidcSignIn,
): Promise<true | OidcRefusal> {
  const where = {
    provider_providerAccountId: { provider: account.provider, providerAccountId: account.providerAccountId },
  };
  const linked = await prisma.account.findUnique({ where, select: { userId: true } });
  if (linked) {
    user.id = linked.userId;
    await prisma.auditEvent.create({
      data: { action: 'signin', resourceType: 'session', outcome: 'allowed', actorId: linked.userId },
    });
    return true;
  }
  // Verification is checked before the email is looked up, so the answer does not tell whether
  // an unverified email belongs to someone registered.
  if (!emailVerified(profile)) {
    await prisma.auditEvent.create({
      data: {
        action: 'signin',
        resourceType: 'session',
        outcome: 'denied',
        actorId: null,
        detail: { reason: 'email not verified by the provider' },
      },
    });
    return 'emailNotVerified';
  }
  const email = user.email?.trim().toLowerCase();
  const existing = email ? await prisma.user.findUnique({ where: { email }, select: { id: true } }) : null;
  if (!existing) {
    await prisma.auditEvent.create({
      data: { action: 'signin', resourceType: 'session', outcome: 'denied', actorId: null },
    });
    return 'notRegistered';
  }
  await prisma.account.upsert({
    where,
    create: {
      userId: existing.id,
      type: account.type,
      provider: account.provider,
      providerAccountId: account.providerAccountId,
      id_token: account.id_token ?? null,
      scope: account.scope ?? null,
      token_type: account.token_type ?? null,
      expires_at: account.expires_at ?? null,
    },
    update: {},
  });
  user.id = existing.id;
  await prisma.auditEvent.create({
    data: { action: 'signin', resourceType: 'session', outcome: 'allowed', actorId: existing.id },
  });
  return true;
}
