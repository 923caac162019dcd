// Report the first paint exactly as Seatkeeper's window does: after the next frame,
// with the same moments (when the page started loading, the script ran, it painted).
const moments = { origin: performance.timeOrigin, script: performance.now(), firstScreen: performance.now() };
setTimeout(() => (moments.idle = performance.now()), 0);
requestAnimationFrame(() =>
  requestAnimationFrame(() => {
    moments.painted = performance.now();
    window.__TAURI_INTERNALS__.invoke('report_first_paint', { page: moments });
  }),
);
