// When the app's script has been loaded and parsed and its first module runs: main.ts
// imports this module first, so nothing else has run yet (a start-up moment the
// benchmark reports, before the modules' own set-up and the first render).
export const scriptStartedAt = performance.now();
