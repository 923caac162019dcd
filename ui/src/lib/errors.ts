// One error type for the whole UI: what Rust rejects with (IpcError, message already
// translated), or a generic translated message for anything else.
import { t } from '../i18n/index.svelte';
import type { ErrorCode, Field, IpcError } from './bindings';

export type UiError = IpcError;

const CODES: readonly ErrorCode[] = [
  'invalidInput',
  'limitReached',
  'notFound',
  'precondition',
  'databaseTooNew',
  'storage',
  'keychain',
  'untrustedUrl',
  'internal',
];

const FIELDS: readonly Field[] = [
  'firstName',
  'lastName',
  'login',
  'usageLocation',
  'password',
  'displayName',
  'quantity',
  'deviceName',
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** True when `value` has the shape Rust's commands reject with. */
export function isIpcError(value: unknown): value is IpcError {
  if (!isRecord(value)) return false;
  const { code, message, rule, field } = value;
  return (
    typeof code === 'string' &&
    (CODES as readonly string[]).includes(code) &&
    typeof message === 'string' &&
    message.trim() !== '' &&
    (rule === undefined || rule === null || typeof rule === 'string') &&
    (field === undefined || field === null || (FIELDS as readonly string[]).includes(field as string))
  );
}

/** Narrows any rejection to a UiError; anything that is not an IpcError becomes a generic one. */
export function toUiError(value: unknown): UiError {
  if (isIpcError(value)) {
    const error: UiError = { code: value.code, message: value.message };
    if (typeof value.rule === 'string') error.rule = value.rule;
    if (typeof value.field === 'string') error.field = value.field;
    return error;
  }
  if (typeof console !== 'undefined') console.error('Unexpected error', value);
  return { code: 'internal', message: t('error.generic') };
}

/** The error to show beside `field`, if the error is about it. */
export function fieldError(error: UiError | null, field: Field): string | null {
  return error && error.field === field ? error.message : null;
}

/** The error to show in the screen's alert region: any error not tied to a field shown by the form. */
export function alertError(error: UiError | null, shownFields: readonly Field[] = []): string | null {
  if (!error) return null;
  return error.field && shownFields.includes(error.field) ? null : error.message;
}
