// Report the first paint exactly as Seatkeeper's window does: after the next frame.
requestAnimationFrame(() =>
  requestAnimationFrame(() => window.__TAURI_INTERNALS__.invoke('report_first_paint')),
);
