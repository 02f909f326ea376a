import { describe, expect, it } from 'vitest';
import { STEP_NODE_HEIGHT, STEP_NODE_WIDTH, stepWhollyInView } from './lanes';

describe('stepWhollyInView', () => {
  const size = { width: 600, height: 400 };
  const still = { x: 0, y: 0, zoom: 1 };

  it('is true for a step inside the canvas, edges included', () => {
    expect(stepWhollyInView({ x: 10, y: 10 }, still, size)).toBe(true);
    expect(stepWhollyInView({ x: 600 - STEP_NODE_WIDTH, y: 400 - STEP_NODE_HEIGHT }, still, size)).toBe(true);
  });

  it('is false for a step cut by any edge', () => {
    expect(stepWhollyInView({ x: 600 - STEP_NODE_WIDTH + 1, y: 10 }, still, size)).toBe(false);
    expect(stepWhollyInView({ x: -1, y: 10 }, still, size)).toBe(false);
    expect(stepWhollyInView({ x: 10, y: -1 }, still, size)).toBe(false);
    expect(stepWhollyInView({ x: 10, y: 400 - STEP_NODE_HEIGHT + 1 }, still, size)).toBe(false);
  });

  it('applies the pan and the zoom', () => {
    // At x 500 the step overhangs a 600-pixel canvas; panned 300 left it fits.
    expect(stepWhollyInView({ x: 500, y: 10 }, still, size)).toBe(false);
    expect(stepWhollyInView({ x: 500, y: 10 }, { x: -300, y: 0, zoom: 1 }, size)).toBe(true);
    // Halved, the same step spans 250 to 350 pixels.
    expect(stepWhollyInView({ x: 500, y: 10 }, { x: 0, y: 0, zoom: 0.5 }, size)).toBe(true);
    // Doubled, a step at 200 reaches 800 pixels.
    expect(stepWhollyInView({ x: 200, y: 10 }, { x: 0, y: 0, zoom: 2 }, size)).toBe(false);
  });
});
