// Reads of something that changes (the workshop), where only the newest read's answer is shown.
// Whoever waits for a read (a command waiting to see its own result) is answered when that read or
// any later one lands, whichever is first: the answer on screen is then never older than the wait.
// Without this, a command's own read overtaken by a newer one (a room notice's) kept the command
// "still sending" after its result was already shown, and the next press was refused.

export interface Read {
  /** Whether this is still the newest read: only the newest one's answer is shown. */
  isLatest(): boolean;
  /** This read has landed or failed: if it is the newest, everyone waiting for it or an older one is answered. */
  finish(): void;
  /** Settles when this read or a later one has landed as the newest. */
  landed: Promise<void>;
}

export class LatestRead {
  private latest = 0;
  private readonly waiting = new Set<{ ticket: number; done: () => void }>();

  begin(): Read {
    const ticket = ++this.latest;
    const landed = new Promise<void>((done) => this.waiting.add({ ticket, done }));
    return {
      isLatest: () => ticket === this.latest,
      finish: () => {
        if (ticket !== this.latest) return;
        for (const waiter of this.waiting)
          if (waiter.ticket <= ticket) {
            this.waiting.delete(waiter);
            waiter.done();
          }
      },
      landed,
    };
  }

  /** How many still wait (for tests: none may be left behind). */
  get waitingCount(): number {
    return this.waiting.size;
  }
}
