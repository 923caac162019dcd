// The user's settings as the window last read them from Rust (start_window,
// set_language, set_display): the theme and whether to look for updates at start. The
// language lives in i18n's `locale`.
import { locale } from '../i18n/index.svelte';
import type { Preferences, Theme } from './bindings';
import { applyTheme } from './theme';

class UserPreferences {
  theme = $state<Theme>('system');
  checkUpdates = $state(true);

  /** Applies what Rust answered: language, theme, updates. */
  apply(prefs: Preferences): void {
    locale.apply(prefs);
    this.theme = prefs.theme;
    this.checkUpdates = prefs.checkUpdates;
    applyTheme(prefs.theme);
  }
}

export const preferences = new UserPreferences();
