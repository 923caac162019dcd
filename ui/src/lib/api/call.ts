// The only place the UI talks to Rust. Every rejection comes out as a UiError.
import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import type { CommandName } from '../bindings';
import { toUiError } from '../errors';

/** Calls one of the app's commands: `CommandName` is generated from Rust's one list. */
export async function call<T>(command: CommandName, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toUiError(error);
  }
}
