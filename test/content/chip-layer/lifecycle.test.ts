import { describe, expect, it } from 'vitest';
import { createBurstClock, createFrameScheduler } from '@/lib/content/chip-layer/lifecycle';

describe('chip layer lifecycle: burst clock', () => {
  it('a lone change defers nothing', () => {
    const clock = createBurstClock(150, 1000);
    clock.changed(1000);
    expect(clock.deferFor(1000)).toBe(0);
  });

  it('changes closer than 100 ms are a burst: chips wait until the table has been still for settleMs', () => {
    const clock = createBurstClock(150, 1000);
    clock.drawn(1000);
    clock.changed(1000);
    clock.changed(1050);
    expect(clock.deferFor(1050)).toBe(150);
    expect(clock.deferFor(1150)).toBe(50);
    expect(clock.deferFor(1200)).toBe(0);
  });

  it('a burst that never ends still lets chips be drawn every maxDeferMs', () => {
    const clock = createBurstClock(150, 1000);
    clock.drawn(0);
    for (let t = 0; t <= 950; t += 50) clock.changed(t);
    expect(clock.deferFor(950)).toBe(50);
    clock.changed(1000);
    expect(clock.deferFor(1000)).toBe(0);
  });
});

describe('chip layer lifecycle: frame scheduler', () => {
  function harness() {
    const frames = new Map<number, () => void>();
    const timers: (() => void)[] = [];
    let next = 1;
    let runs = 0;
    const scheduler = createFrameScheduler({
      requestFrame: (cb) => {
        frames.set(next, cb);
        return next++;
      },
      cancelFrame: (h) => void frames.delete(h),
      setTimer: (cb) => timers.push(cb),
      clearTimer: () => void timers.splice(0),
      run: () => runs++,
    });
    const runFrames = () => {
      const pending = [...frames.values()];
      frames.clear();
      pending.forEach((cb) => cb());
    };
    return { scheduler, frames, timers, runFrames, runs: () => runs };
  }

  it('asks for one frame however often it is asked, and runs once in it', () => {
    const h = harness();
    h.scheduler.schedule();
    h.scheduler.schedule();
    expect(h.frames.size).toBe(1);
    h.runFrames();
    expect(h.runs()).toBe(1);
  });

  it('flush runs the pending frame now, and the frame does not run again', () => {
    const h = harness();
    h.scheduler.schedule();
    h.scheduler.flush();
    expect(h.runs()).toBe(1);
    expect(h.frames.size).toBe(0);
  });

  it('keeps one wake-up timer at a time; when it fires, a frame is asked for', () => {
    const h = harness();
    h.scheduler.wakeAfter(50);
    h.scheduler.wakeAfter(10);
    expect(h.timers).toHaveLength(1);
    h.timers.shift()!();
    expect(h.frames.size).toBe(1);
    h.scheduler.wakeAfter(10);
    expect(h.timers).toHaveLength(1);
  });

  it('after destroy: no frame is asked for, a pending one and the timer are cancelled, flush runs nothing', () => {
    const h = harness();
    h.scheduler.schedule();
    h.scheduler.wakeAfter(50);
    h.scheduler.destroy();
    expect(h.frames.size).toBe(0);
    expect(h.timers).toHaveLength(0);
    h.scheduler.schedule();
    h.scheduler.flush();
    expect(h.frames.size).toBe(0);
    expect(h.runs()).toBe(0);
  });
});
