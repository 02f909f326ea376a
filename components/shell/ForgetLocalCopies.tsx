'use client';
// After signing out (components/shell/sign-out-action.ts): remove the live pathways this person
// kept on this device (edits made offline, lib/collab/local-copy-names.ts) and their half-written
// comments (lib/workshop/comment-drafts.ts), then the cookie that asked for it. Renders nothing.
import { useEffect } from 'react';
import { clearLocalCopies, FORGET_LOCAL_COPIES_COOKIE } from '@/lib/collab/local-copy-names';
import { clearCommentDrafts } from '@/lib/workshop/comment-drafts';

export function ForgetLocalCopies({ userId }: { userId: string }) {
  useEffect(() => {
    let gone = false;
    clearCommentDrafts(userId);
    void clearLocalCopies(userId)
      .catch(() => undefined)
      .then(() => {
        if (!gone) document.cookie = `${FORGET_LOCAL_COPIES_COOKIE}=; Max-Age=0; Path=/; SameSite=Lax`;
      });
    return () => {
      gone = true;
    };
  }, [userId]);
  return null;
}
