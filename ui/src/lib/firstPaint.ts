// Tells Rust, exactly once, that the first real screen is on screen (a benchmark
// measures startup with it): after the next frame has been painted.
import { reportFirstPaint } from './api/app';
import { prefetchLazy } from './lazy';
import { scriptStartedAt } from './scriptStart';

let reported = false;
let painted = false;
const afterPaint: (() => void)[] = [];

/** Runs `task` once the first screen has been painted (at once if it has been). */
export function afterFirstPaint(task: () => void): void {
  if (painted) task();
  else afterPaint.push(task);
}
/** Moments of the start-up, in ms since the page started loading (for the benchmark). */
const moments: Record<string, number> = { modules: scriptStartedAt };

/** Notes a moment of the start-up, once per name. */
export function markStartup(name: string): void {
  if (!(name in moments)) moments[name] = performance.now();
}

export function reportFirstPaintOnce(): void {
  if (reported) return;
  reported = true;
  markStartup('firstScreen');
  // When the page is free again after putting the screen in: its first layout is done.
  setTimeout(() => markStartup('idle'), 0);
  requestAnimationFrame(() => {
    // The first frame after it starts (its style and layout follow).
    markStartup('frame');
    requestAnimationFrame(() => {
      markStartup('painted');
      moments.origin = performance.timeOrigin;
      // When the HTML was parsed, where the web view says (WebKit and WebView2 do).
      const html = performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined;
      if (html && html.domInteractive > 0) moments.html = html.domInteractive;
      reportFirstPaint(moments).catch(() => {
        // Nothing the user needs to know about.
      });
      prefetchLazy();
      painted = true;
      for (const task of afterPaint.splice(0)) task();
    });
  });
}

/** For tests, which start the app many times in one page. */
export function resetFirstPaintForTests(): void {
  reported = false;
  painted = false;
  afterPaint.length = 0;
}
