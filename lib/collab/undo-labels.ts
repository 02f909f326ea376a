// Words for the live undo history, as the single-user editor has them ("Undo: change title").
// Each of this person's undo steps on the shared document keeps the words for the change that
// made it (Y.UndoManager's stackItem.meta), and carries them from the undo stack to the redo
// stack and back as the step is undone and redone. Runs the same in the browser and in tests.
import type * as Y from 'yjs';

const LABEL = 'label';

export class UndoLabels {
  private pending: string | undefined;
  private carried: string | undefined;

  constructor(private readonly manager: Y.UndoManager) {
    manager.on('stack-item-added', ({ stackItem, origin }) => {
      // Undoing or redoing (the manager's own transaction) moves a step to the other stack.
      stackItem.meta.set(LABEL, origin === manager ? this.carried : this.pending);
    });
  }

  /** The words for the next change this person makes (call before applying it). */
  next(label: string): void {
    this.pending = label;
  }

  undo(): void {
    this.carried = this.undoLabel();
    this.manager.undo();
    this.carried = undefined;
  }

  redo(): void {
    this.carried = this.redoLabel();
    this.manager.redo();
    this.carried = undefined;
  }

  undoLabel(): string | undefined {
    return this.manager.undoStack.at(-1)?.meta.get(LABEL) as string | undefined;
  }

  redoLabel(): string | undefined {
    return this.manager.redoStack.at(-1)?.meta.get(LABEL) as string | undefined;
  }
}
