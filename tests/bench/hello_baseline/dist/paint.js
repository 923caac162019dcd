// Report the first paint exactly as Seatkeeper's window does: after the next frame,
// with the same moments (when the page started loading, its HTML was parsed, the script
// ran, the first frame began, it painted).
const now = performance.now();
const moments = { origin: performance.timeOrigin, modules: now, script: now, firstScreen: now };
setTimeout(() => (moments.idle = performance.now()), 0);
requestAnimationFrame(() => {
  moments.frame = performance.now();
  requestAnimationFrame(() => {
    moments.painted = performance.now();
    const html = performance.getEntriesByType('navigation')[0];
    if (html && html.domInteractive > 0) moments.html = html.domInteractive;
    window.__TAURI_INTERNALS__.invoke('report_first_paint', { page: moments });
  });
});
