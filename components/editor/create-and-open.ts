// Create a pathway (blank, from a template, or a local copy) and open it in the editor. Used by the
// new-pathway form and by "make a local copy", so both explain a refusal and a lost connection alike.
import type { EditorApi } from './api';

type Router = { push: (href: string) => void };

/**
 * Returns the messages to show: empty when the pathway was made and the editor is opening.
 * `unreachable` is shown when the server action itself fails (network drop, or a redeploy).
 */
export async function createAndOpen(
  api: Pick<EditorApi, 'createPathway'>,
  input: Parameters<EditorApi['createPathway']>[0],
  router: Router,
  unreachable: string,
): Promise<string[]> {
  try {
    const result = await api.createPathway(input);
    if (!result.ok)
      return 'errors' in result && result.errors.length ? result.errors.map((e) => e.message) : [result.message];
    router.push(`${result.href}/edit`);
    return [];
  } catch {
    return [unreachable];
  }
}
