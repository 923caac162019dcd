import { mockIPC } from '@tauri-apps/api/mocks';
import { describe, expect, it, vi } from 'vitest';
import { locale } from '../i18n/index.svelte';
import { renameGroup } from './api/groups';
import { alertError, fieldError, isIpcError, toUiError } from './errors';

describe('errors', () => {
  it('recognises what Rust rejects with', () => {
    expect(isIpcError({ code: 'notFound', message: 'Gone.' })).toBe(true);
    expect(isIpcError({ code: 'invalidInput', message: 'Bad.', rule: 'name.empty', field: 'displayName' })).toBe(true);
    // A code or field Rust adds later still comes through with its message.
    expect(isIpcError({ code: 'somethingNew', message: 'Explained by Rust.', field: 'newField' })).toBe(true);
    expect(
      isIpcError({
        code: 'invalidInput',
        message: 'Two problems.',
        problems: [{ field: 'firstName', rule: 'name.empty', message: 'The first name is required.' }],
      }),
    ).toBe(true);
    expect(isIpcError({ code: 'notFound' })).toBe(false);
    expect(isIpcError({ code: '', message: 'x' })).toBe(false);
    expect(isIpcError({ code: 42, message: 'x' })).toBe(false);
    expect(isIpcError({ code: 'internal', message: '  ' })).toBe(false);
    expect(isIpcError({ code: 'invalidInput', message: 'x', field: 7 })).toBe(false);
    expect(isIpcError({ code: 'invalidInput', message: 'x', problems: [{ field: 'login' }] })).toBe(false);
    expect(isIpcError(new Error('boom'))).toBe(false);
    expect(isIpcError('boom')).toBe(false);
    expect(isIpcError(null)).toBe(false);
  });

  it('keeps an IpcError as it is', () => {
    const error = {
      code: 'invalidInput',
      message: 'The group name is required.',
      rule: 'name.empty',
      field: 'displayName',
    };
    expect(toUiError(error)).toEqual(error);
  });

  it('turns anything else into a generic message in the current language', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    locale.apply({ language: 'en', chosenLanguage: null });
    expect(toUiError(new Error('socket closed'))).toEqual({
      code: 'internal',
      message: 'Something went wrong. Please try again.',
    });
    locale.apply({ language: 'fr', chosenLanguage: 'fr' });
    expect(toUiError('oops').message).toBe('Une erreur est survenue. Veuillez réessayer.');
  });

  it('splits field errors from the others', () => {
    const field = { code: 'invalidInput' as const, message: 'Required.', field: 'displayName' as const };
    expect(fieldError(field, 'displayName')).toBe('Required.');
    expect(fieldError(field, 'login')).toBeNull();
    expect(alertError(field, ['displayName'])).toBeNull();
    expect(alertError(field)).toBe('Required.');
    expect(alertError(null)).toBeNull();
    expect(alertError({ code: 'notFound', message: 'Gone.' }, ['displayName'])).toBe('Gone.');

    const form = {
      code: 'invalidInput' as const,
      message: '2 problems.',
      field: 'firstName' as const,
      problems: [
        { field: 'firstName' as const, rule: 'name.empty', message: 'The first name is required.' },
        { field: 'login' as const, rule: 'login.length', message: 'The login is too short.' },
      ],
    };
    expect(fieldError(form, 'firstName')).toBe('The first name is required.');
    expect(fieldError(form, 'login')).toBe('The login is too short.');
    expect(fieldError(form, 'password')).toBeNull();
    expect(toUiError(form)).toEqual(form);
  });

  it('the API wrappers reject with a UiError', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    mockIPC((cmd) => {
      if (cmd === 'rename_group') throw { code: 'notFound', message: 'This group no longer exists.' };
    });
    await expect(renameGroup(9, 'x')).rejects.toEqual({ code: 'notFound', message: 'This group no longer exists.' });
    mockIPC(() => {
      throw new TypeError('broken bridge');
    });
    await expect(renameGroup(9, 'x')).rejects.toMatchObject({ code: 'internal' });
  });
});
