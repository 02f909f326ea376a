import { describe, expect, it, vi } from 'vitest';
import { createAndOpen } from '@/components/editor/create-and-open';
import type { EditorApi } from '@/components/editor/api';

type Create = EditorApi['createPathway'];
const input = { workspaceSlug: 'demo', title: 'COPD' };
const UNREACHABLE = 'Could not reach the server.';

function run(createPathway: (i: Parameters<Create>[0]) => Promise<unknown>) {
  const router = { push: vi.fn() };
  const api = { createPathway: createPathway as Create };
  return { router, done: createAndOpen(api, input, router, UNREACHABLE) };
}

describe('create a pathway and open it', () => {
  it('opens the new pathway in the editor and shows nothing', async () => {
    const { router, done } = run(async () => ({ ok: true, href: '/w/demo/pathways/p9' }));
    expect(await done).toEqual([]);
    expect(router.push).toHaveBeenCalledWith('/w/demo/pathways/p9/edit');
  });

  it('shows each field error of a refusal, or its message when there are none, and stays put', async () => {
    const refused = run(async () => ({
      ok: false,
      reason: 'invalid',
      message: 'The new pathway needs a title.',
      errors: [{ path: 'title', message: 'Pathway title: 201 characters is too long; keep it to 200 or fewer.' }],
    }));
    expect(await refused.done).toEqual(['Pathway title: 201 characters is too long; keep it to 200 or fewer.']);
    expect(refused.router.push).not.toHaveBeenCalled();
    const missing = run(async () => ({ ok: false, reason: 'not_found', message: 'That template was not found.' }));
    expect(await missing.done).toEqual(['That template was not found.']);
  });

  it('says the server could not be reached when the action itself fails', async () => {
    const { router, done } = run(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await done).toEqual([UNREACHABLE]);
    expect(router.push).not.toHaveBeenCalled();
  });
});
