// Whether the Settings screen is open (from the header, on every screen).
class SettingsUi {
  open = $state(false);

  show(): void {
    this.open = true;
  }

  close(): void {
    this.open = false;
  }
}

export const settingsUi = new SettingsUi();
