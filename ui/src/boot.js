// The first screen's one read (start_window), sent while the app's own script is still
// being fetched and parsed, so its answer is back by the time the app mounts; main.ts
// takes the promise. A classic script, written into index.html's head by the build
// (ui/inlineBootScript.ts) and run as it is parsed (Tauri's IPC is injected before any
// page script). Absent outside Tauri: main.ts then asks itself.
(function () {
  const ipc = window.__TAURI_INTERNALS__;
  if (!ipc || typeof ipc.invoke !== 'function') return;
  const start = ipc.invoke('start_window', { systemLanguage: navigator.language || 'en' });
  // main.ts handles a rejection; this keeps it from counting as unhandled before then.
  start.catch(() => {});
  window.__SEATKEEPER_START__ = start;
})();
