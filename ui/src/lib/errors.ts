// One error type for the whole UI: what Rust rejects with (IpcError, message already
// translated), or a generic translated message for anything else.
import { t } from '../i18n/index.svelte';
import type { Field, FieldProblem, IpcError } from './bindings';

export type UiError = IpcError;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isOptionalString(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'string';
}

function isFieldProblem(value: unknown): value is FieldProblem {
  return (
    isRecord(value) &&
    typeof value.field === 'string' &&
    typeof value.rule === 'string' &&
    typeof value.message === 'string'
  );
}

/**
 * True when `value` has the shape Rust's commands reject with. Codes and fields are
 * not checked against today's lists, so a code or field added in Rust still comes
 * through with its (translated) message.
 */
export function isIpcError(value: unknown): value is IpcError {
  if (!isRecord(value)) return false;
  const { code, message, rule, field, problems } = value;
  return (
    typeof code === 'string' &&
    code !== '' &&
    typeof message === 'string' &&
    message.trim() !== '' &&
    isOptionalString(rule) &&
    isOptionalString(field) &&
    (problems === undefined || problems === null || (Array.isArray(problems) && problems.every(isFieldProblem)))
  );
}

/** Narrows any rejection to a UiError; anything that is not an IpcError becomes a generic one. */
export function toUiError(value: unknown): UiError {
  if (isIpcError(value)) {
    const error: UiError = { code: value.code, message: value.message };
    if (typeof value.rule === 'string') error.rule = value.rule;
    if (typeof value.field === 'string') error.field = value.field;
    if (Array.isArray(value.problems) && value.problems.length > 0) error.problems = value.problems;
    return error;
  }
  if (typeof console !== 'undefined') console.error('Unexpected error', value);
  return { code: 'internal', message: t('error.generic') };
}

/** The error to show beside `field`, if the error is about it (or lists it among its problems). */
export function fieldError(error: UiError | null, field: Field): string | null {
  if (!error) return null;
  const problem = error.problems?.find((p) => p.field === field);
  if (problem) return problem.message;
  return error.field === field ? error.message : null;
}

/** The error to show in the screen's alert region: an error none of the form's fields shows. */
export function alertError(error: UiError | null, shownFields: readonly Field[] = []): string | null {
  if (!error) return null;
  const fields = [error.field, ...(error.problems ?? []).map((problem) => problem.field)].filter(
    (field): field is Field => typeof field === 'string',
  );
  return fields.length > 0 && fields.some((field) => shownFields.includes(field)) ? null : error.message;
}
