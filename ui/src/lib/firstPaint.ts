// Tells Rust, exactly once, that the first real screen is on screen (a benchmark
// measures startup with it): after the next frame has been painted.
import { reportFirstPaint } from './api/app';

let reported = false;

export function reportFirstPaintOnce(): void {
  if (reported) return;
  reported = true;
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      reportFirstPaint().catch(() => {
        // Nothing the user needs to know about.
      });
    }),
  );
}

/** For tests, which start the app many times in one page. */
export function resetFirstPaintForTests(): void {
  reported = false;
}
