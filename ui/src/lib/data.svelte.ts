// What the user sees is what the store holds: after every change made through Rust,
// `changed()` bumps a version that every screen showing data reads in an effect, so
// each one reloads from Rust (and the pending-changes count with them).
class DataVersion {
  value = $state(0);
  /** Bumped by an undo: notices about what was undone are stale. */
  undos = $state(0);
}

export const dataVersion = new DataVersion();

/** Call after any command that changed the local store. */
export function changed(): void {
  dataVersion.value += 1;
}

/** Call after undoing a change. */
export function undone(): void {
  dataVersion.undos += 1;
  changed();
}
