// Seeded random-operations convergence test (issue 5 "Tests"): several replicas edit one pathway
// through the command module while a simulated relay delays, reorders and drops their messages
// and clients go offline and come back. At the end every copy must be identical and valid, with
// no transition pointing at a deleted step.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CommandError, type Command } from '@/lib/pathway/commands';
import { createRng, generatePathway } from '@/lib/pathway/generate';
import { HOURS, INFORMATION_KINDS, ROLES, SECTORS, SETTINGS, STEP_FLAGS, STEP_KINDS, type Pathway } from '@/lib/pathway/schema';
import { parsePathway } from '@/lib/pathway/validate';
import { applyCommandToYDoc, createPathwayReader, createUndoManager, pathwayToYDoc, yDocToPathway, type PathwayReader } from './doc';

interface Message {
  update: Uint8Array;
  due: number;
}

interface Client {
  name: string;
  doc: Y.Doc;
  reader: PathwayReader;
  undo: Y.UndoManager;
  origin: object;
  online: boolean;
  /** Updates on their way to the relay, and from the relay to this client. */
  up: Message[];
  down: Message[];
}

function simulate(seed: number, options: { clients: number; rounds: number; steps: number }) {
  const rng = createRng(seed);
  const int = (n: number) => Math.floor(rng() * n);
  const pick = <T,>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const chance = (p: number) => rng() < p;

  const start: Pathway = generatePathway({ steps: options.steps, seed, layout: true });
  // Fixed Yjs client ids, so a seed replays exactly (ids and tie-breaks depend on them).
  const relay = new Y.Doc();
  relay.clientID = 1;
  pathwayToYDoc(start, relay);
  const seed0 = Y.encodeStateAsUpdate(relay);

  let now = 0;
  const clients: Client[] = [];
  for (let i = 0; i < options.clients; i++) {
    const doc = new Y.Doc();
    doc.clientID = seed * 100 + i + 2;
    Y.applyUpdate(doc, seed0, 'relay');
    const origin = { client: i };
    const client: Client = {
      name: `c${i}`,
      doc,
      reader: createPathwayReader(doc),
      undo: createUndoManager(doc, origin),
      origin,
      online: true,
      up: [],
      down: [],
    };
    doc.on('update', (update: Uint8Array, from: unknown) => {
      if (from === 'relay' || !client.online) return; // offline edits travel with the next sync
      client.up.push({ update, due: now + 1 + int(6) });
    });
    clients.push(client);
  }
  relay.on('update', (update: Uint8Array) => {
    for (const c of clients) if (c.online) c.down.push({ update, due: now + 1 + int(6) });
  });

  const stats = { applied: 0, refused: 0, undos: 0, disconnects: 0 };

  /** Deliver due messages in a random order (reordering), applying them to the receiver. */
  const deliver = (queue: Message[], into: Y.Doc, origin: unknown, all = false) => {
    const due = queue.filter((m) => all || m.due <= now);
    for (let i = due.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [due[i], due[j]] = [due[j] as Message, due[i] as Message];
    }
    for (const m of due) {
      queue.splice(queue.indexOf(m), 1);
      Y.applyUpdate(into, m.update, origin);
    }
  };

  /** Reconnecting: the provider's handshake, a state-vector exchange both ways. */
  const reconnect = (c: Client) => {
    c.online = true;
    Y.applyUpdate(relay, Y.encodeStateAsUpdate(c.doc, Y.encodeStateVector(relay)), c.name);
    Y.applyUpdate(c.doc, Y.encodeStateAsUpdate(relay, Y.encodeStateVector(c.doc)), 'relay');
  };

  const randomCommand = (doc: Pathway): Command | 'undo' | 'redo' => {
    const s = () => pick(doc.steps).id;
    const t = () => (doc.transitions.length ? pick(doc.transitions).id : undefined);
    const roll = int(100);
    if (roll < 9) return { type: 'addStep', input: { kind: chance(0.1) ? pick(['entry', 'exit'] as const) : pick(STEP_KINDS), sector: pick(SECTORS), title: `Added ${int(1000)}` } };
    if (roll < 21) return { type: 'removeStep', stepId: s() };
    if (roll < 32) return { type: 'connect', from: s(), to: s(), input: { information: pick(INFORMATION_KINDS) } };
    if (roll < 38) {
      const id = t();
      return id ? { type: 'removeTransition', transitionId: id } : { type: 'connect', from: s(), to: s() };
    }
    if (roll < 46) {
      const id = t();
      if (!id) return { type: 'moveStep', stepId: s(), position: { x: int(2000), y: int(1000) } };
      return { type: 'updateTransition', transitionId: id, patch: chance(0.5) ? { probability: Math.round(rng() * 100) / 100 } : { label: `Route ${int(100)}`, information: pick(INFORMATION_KINDS) } };
    }
    if (roll < 64) {
      const patches = [
        { title: `Title ${int(1000)}` },
        { kind: pick(STEP_KINDS) },
        { setting: pick(SETTINGS) },
        { hours: chance(0.3) ? null : pick(HOURS) },
        { roles: [pick(ROLES), pick(ROLES)] },
        { flags: { [pick(STEP_FLAGS)]: chance(0.5) } },
        { patientBenefit: chance(0.3) ? null : `Benefit ${int(100)}` },
        { sector: pick(SECTORS) },
      ];
      return { type: 'updateStep', stepId: s(), patch: pick(patches) };
    }
    if (roll < 70) return { type: 'moveToLane', stepId: s(), sector: pick(SECTORS) };
    if (roll < 76) return { type: 'reorderStep', stepId: s(), direction: chance(0.5) ? 'earlier' : 'later' };
    if (roll < 82) return { type: 'moveStep', stepId: s(), position: { x: int(2000), y: int(1000) } };
    if (roll < 86) return { type: 'dropStep', stepId: s(), position: { x: int(2000), y: int(1100) } };
    if (roll < 89) return { type: 'updateMetadata', patch: { title: `Pathway ${int(100)}`, metadata: { evaluationPlan: `Plan ${int(100)}` } } };
    if (roll < 95) return 'undo';
    return 'redo';
  };

  for (let round = 0; round < options.rounds; round++) {
    now = round;
    for (const c of clients) {
      if (c.online && chance(0.02)) {
        // Going offline: whatever was in flight either way is lost.
        c.online = false;
        c.up.length = 0;
        c.down.length = 0;
        stats.disconnects++;
      } else if (!c.online && chance(0.15)) {
        reconnect(c);
      }
      if (chance(0.6)) {
        const command = randomCommand(c.reader.read());
        if (command === 'undo' || command === 'redo') {
          if (command === 'undo') c.undo.undo();
          else c.undo.redo();
          stats.undos++;
        } else {
          try {
            c.undo.stopCapturing();
            applyCommandToYDoc(c.doc, command, c.origin, c.reader);
            stats.applied++;
          } catch (error) {
            if (!(error instanceof CommandError)) throw error;
            stats.refused++;
          }
        }
        // Every derived copy, at every moment, is a valid pathway.
        if (round % 50 === 0) {
          const r = parsePathway(c.reader.read());
          if (!r.ok) throw new Error(`round ${round} ${c.name}: ${r.errors.map((e) => e.message).join('; ')}`);
        }
      }
      if (c.online) deliver(c.up, relay, c.name);
      if (c.online) deliver(c.down, c.doc, 'relay');
    }
  }

  // Everyone comes back and the network drains.
  for (const c of clients) if (!c.online) reconnect(c);
  for (const c of clients) {
    deliver(c.up, relay, c.name, true);
  }
  for (const c of clients) deliver(c.down, c.doc, 'relay', true);
  for (const c of clients) reconnect(c);

  return { relay, clients, stats };
}

describe('random concurrent editing converges', () => {
  for (const seed of [1, 2]) {
    it(`seed ${seed}: 6 clients, 1,000 rounds, delays, reordering and disconnects`, { timeout: 120_000 }, () => {
      const { relay, clients, stats } = simulate(seed, { clients: 6, rounds: 1000, steps: 12 });
      // The run really exercised the interesting paths.
      expect(stats.applied).toBeGreaterThan(2000);
      expect(stats.refused).toBeGreaterThan(0);
      expect(stats.undos).toBeGreaterThan(100);
      expect(stats.disconnects).toBeGreaterThan(20);

      const expected = yDocToPathway(relay);
      const vector = Y.encodeStateVector(relay);
      for (const c of clients) {
        expect(Y.encodeStateVector(c.doc)).toEqual(vector);
        // Identical, key order included (what JSON export and the scores see).
        expect(JSON.stringify(yDocToPathway(c.doc))).toBe(JSON.stringify(expected));
        expect(c.reader.read()).toEqual(expected);
      }
      const parsed = parsePathway(expected);
      expect(parsed.ok ? [] : parsed.errors.map((e) => e.message)).toEqual([]);
      const ids = new Set(expected.steps.map((s) => s.id));
      for (const t of expected.transitions) {
        expect(ids.has(t.from) && ids.has(t.to)).toBe(true);
      }
      for (const id of Object.keys(expected.layout ?? {})) expect(ids.has(id)).toBe(true);
      expect(expected.steps.length).toBeGreaterThan(0);
    });
  }
});
