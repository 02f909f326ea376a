import { describe, expect, it } from 'vitest';
import { newCommandId, sendCommand } from './send-command';

const noWait = { delaysMs: [1, 2, 3], sleep: async () => undefined };

/** A fake connection: each call takes the next outcome (a status, or 'drop' to throw as fetch does). */
function connection(outcomes: (number | 'drop')[]) {
  const bodies: string[] = [];
  const post = async (body: string) => {
    bodies.push(body);
    const next = outcomes.shift();
    if (next === undefined || next === 'drop') throw new TypeError('Failed to fetch');
    return Response.json({ status: next }, { status: next });
  };
  return { post, bodies };
}

describe('sendCommand', () => {
  it('sends the same command with the same id again after a dropped connection, and returns the answer', async () => {
    const c = connection(['drop', 'drop', 200]);
    const sent = await sendCommand(c.post, { op: 'vote.add', stepId: 's-1' }, noWait);
    expect(sent).toEqual({ kind: 'answered', status: 200, body: { status: 200 } });
    expect(c.bodies).toHaveLength(3);
    const ids = c.bodies.map((b) => JSON.parse(b).commandId);
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(c.bodies[0] as string)).toMatchObject({ op: 'vote.add', stepId: 's-1' });
  });

  it('waits and asks again while the server says the first arrival is still running, or a gateway fails', async () => {
    const c = connection([409, 503, 200]);
    expect(await sendCommand(c.post, { op: 'timer.addMinute' }, noWait)).toMatchObject({
      kind: 'answered',
      status: 200,
    });
    expect(c.bodies).toHaveLength(3);
  });

  it('does not send again once the server has answered, even with a refusal', async () => {
    for (const status of [422, 404, 401, 500]) {
      const c = connection([status, 200]);
      expect(await sendCommand(c.post, { op: 'timer.start' }, noWait)).toMatchObject({ kind: 'answered', status });
      expect(c.bodies, String(status)).toHaveLength(1);
    }
  });

  it('gives up after the last pause and says no answer came, rather than "not sent"', async () => {
    const pauses: number[] = [];
    const c = connection([]);
    const sent = await sendCommand(
      c.post,
      { op: 'timer.start' },
      { delaysMs: [5, 10], sleep: async (ms) => void pauses.push(ms) },
    );
    expect(sent).toEqual({ kind: 'no-answer' });
    expect(c.bodies).toHaveLength(3);
    expect(pauses).toEqual([5, 10]);
  });

  it('returns the last answer when the server is still running the command after the last pause', async () => {
    const c = connection([409, 409, 409, 409]);
    expect(await sendCommand(c.post, { op: 'timer.start' }, noWait)).toMatchObject({ kind: 'answered', status: 409 });
    expect(c.bodies).toHaveLength(4);
  });

  it('gives each press its own id', () => {
    const ids = new Set(Array.from({ length: 100 }, newCommandId));
    expect(ids.size).toBe(100);
  });
});
