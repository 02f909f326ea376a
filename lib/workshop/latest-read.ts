// Reads of something that changes (the workshop). What is shown only moves forward: a read's answer
// is shown if it was started after the one on screen. Whoever waits for a read (a command waiting to
// see its own result) is answered as soon as that read, or any read started after it, has landed:
// the answer on screen is then never older than what they waited for.
// - Without the second rule, a command's own read overtaken by a newer one (a room notice's) kept the
//   command "still sending" after its result was already shown, and the next press was refused.
// - Reads are not thrown away for being overtaken: with notices coming faster than a read takes (a
//   busy dot vote), waiting for "the newest" would never end.

export interface Read {
  /** Whether this read's answer would be newer than what is shown: then show it, and call `shown`. */
  isNewerThanShown(): boolean;
  /** Whether no read has been started since this one (for errors: only the newest says the read failed). */
  isLatest(): boolean;
  /** This read's answer is on screen now. */
  shown(): void;
  /** This read has landed (shown, overtaken or failed): everyone waiting for it or an older one is answered. */
  finish(): void;
  /** Settles when this read or one started after it has landed. */
  landed: Promise<void>;
}

export class LatestRead {
  private started = 0;
  private onScreen = 0;
  private readonly waiting = new Set<{ ticket: number; done: () => void }>();

  begin(): Read {
    const ticket = ++this.started;
    const landed = new Promise<void>((done) => this.waiting.add({ ticket, done }));
    return {
      isNewerThanShown: () => ticket > this.onScreen,
      isLatest: () => ticket === this.started,
      shown: () => {
        if (ticket > this.onScreen) this.onScreen = ticket;
      },
      finish: () => {
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
