// Reads of something that changes (the workshop), where what is shown only moves forward: a read's
// answer is shown if the read was started after the one on screen. Reads are not thrown away for
// being overtaken: with room notices coming faster than a read takes (a busy dot vote), waiting for
// "the newest" could leave the screen unchanged until things went quiet.

export interface Read {
  /** Whether this read's answer would be newer than what is shown: then show it, and call `shown`. */
  isNewerThanShown(): boolean;
  /** Whether no read has been started since this one (for errors: only the newest says the read failed). */
  isLatest(): boolean;
  /** This read's answer is on screen now. */
  shown(): void;
}

export class LatestRead {
  private started = 0;
  private onScreen = 0;

  begin(): Read {
    const ticket = ++this.started;
    return {
      isNewerThanShown: () => ticket > this.onScreen,
      isLatest: () => ticket === this.started,
      shown: () => {
        if (ticket > this.onScreen) this.onScreen = ticket;
      },
    };
  }
}
