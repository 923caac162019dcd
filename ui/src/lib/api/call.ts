// The only place the UI talks to Rust. Every rejection comes out as a UiError.
import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { toUiError } from '../errors';

export async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toUiError(error);
  }
}
