// The foundation through the real window: a new user's first run, the sample data,
// the groups list, a group's overview, renaming (refused, then done), the language,
// a restart that keeps the change, and a database from a newer version.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { byName, dataDir, noViolations, openApp, screenshot, startDriver, stopDriver, until } from './harness.mjs';

before(startDriver);
after(stopDriver);

test('a new user explores the sample data, renames a group and finds it after a restart', async () => {
  const dir = dataDir();
  let browser = await openApp(dir);
  try {
    await byName(browser, 'Explore with sample data').waitForClickable({ timeout: 10000 });
    await noViolations(browser, 'welcome screen');
    await screenshot(browser, 'foundation-welcome');
    await byName(browser, 'Explore with sample data').click();

    const group = byName(browser, 'Boulangerie Lefèvre');
    await group.waitForDisplayed({ timeout: 10000 });
    assert.ok(await byName(browser, 'Cabinet Martin').isDisplayed());
    const table = await browser.$('table').getText();
    assert.match(table, /22 \/ 30/);
    assert.match(table, /12 \/ 12/);
    await noViolations(browser, 'groups list');
    await screenshot(browser, 'foundation-groups');

    // Open the group with the keyboard.
    await group.click();
    await browser.$('h1=Boulangerie Lefèvre').waitForDisplayed({ timeout: 10000 });
    const overview = await browser.$('main').getText();
    assert.match(overview, /Excel/);
    assert.match(overview, /Publisher/);
    assert.doesNotMatch(overview, /Access/, 'Apps for business has no Access');
    await noViolations(browser, 'overview');
    await screenshot(browser, 'foundation-overview');

    // A blank name is refused with the rule in words; a real one is saved.
    await byName(browser, 'Rename').click();
    const input = browser.$('input[name="displayName"], form input[type="text"]');
    await input.waitForDisplayed();
    await input.clearValue();
    await input.setValue('   ');
    await browser.keys('Enter');
    await until(browser, async () => (await input.getAttribute('aria-invalid')) === 'true', 'blank name not refused');
    const error = await browser.$('form').getText();
    assert.match(error, /required/i);
    await input.clearValue();
    await input.setValue('Boulangerie du Centre');
    await browser.keys('Enter');
    await browser.$('h1=Boulangerie du Centre').waitForDisplayed({ timeout: 10000 });
    await screenshot(browser, 'foundation-renamed');
  } finally {
    await browser.deleteSession();
  }

  // The rename was saved: a restart shows it, with its change waiting to be sent.
  browser = await openApp(dir);
  try {
    await byName(browser, 'Boulangerie du Centre').waitForDisplayed({ timeout: 10000 });
    const table = await browser.$('table').getText();
    assert.doesNotMatch(table, /Boulangerie Lefèvre/);
  } finally {
    await browser.deleteSession();
  }
});

test('the notices read after the first paint take their own place after the page and move nothing', async () => {
  const browser = await openApp(dataDir({ sample: true }));
  try {
    await browser.setWindowSize(1024, 700);
    // Here the kernel keyring holds the secrets: a notice says it does not survive a reboot.
    const notices = browser.$('section[aria-label="Notices"]');
    await notices.waitForDisplayed({ timeout: 10000 });
    assert.match(await notices.getText(), /reboot|restart/i);
    // The boot script the build writes into index.html ran under the window's strict CSP
    // (Tauri hashes it into script-src): the first screen's read left before the app's script.
    assert.equal(await browser.execute(() => window.__SEATKEEPER_START__ instanceof Promise), true);
    const place = () =>
      browser.execute(() => {
        const box = (selector) => document.querySelector(selector)?.getBoundingClientRect().toJSON() ?? null;
        return {
          header: box('.app-header'),
          main: box('main'),
          open: box('button[data-group-id]'),
          notices: box('section[aria-label="Notices"]'),
          height: window.innerHeight,
          scrollable: document.documentElement.scrollHeight > window.innerHeight,
        };
      });
    const at = await place();
    // Nothing was put above the screen (a click aimed at it would land beside it).
    assert.equal(at.header.top, 0, 'the header is still at the top of the window');
    // The list is shorter than the window: the notices sit at its bottom, below the page.
    assert.equal(at.scrollable, false, 'the groups list fits the window');
    assert.ok(
      Math.abs(at.notices.bottom - at.height) <= 1,
      `notices end at ${at.notices.bottom}, window at ${at.height}`,
    );
    assert.ok(
      at.main.bottom <= at.notices.top + 1,
      `page ends at ${at.main.bottom}, notices start at ${at.notices.top}`,
    );
    await noViolations(browser, 'groups list with notices');
    await screenshot(browser, 'foundation-notices');

    // Gone, they move nothing either (nor did they coming): the page keeps its place.
    await byName(notices, 'Dismiss').click();
    await notices.waitForExist({ reverse: true, timeout: 5000 });
    const without = await place();
    assert.deepEqual([without.header, without.main, without.open], [at.header, at.main, at.open]);
  } finally {
    await browser.deleteSession();
  }
});

test('the window speaks French once chosen, and keeps the choice', async () => {
  const dir = dataDir({ sample: true });
  let browser = await openApp(dir);
  try {
    await browser.$('h1=Licence groups').waitForDisplayed({ timeout: 10000 });
    const select = browser.$('select');
    await select.selectByAttribute('value', 'fr');
    await until(browser, async () => (await browser.$('html').getAttribute('lang')) === 'fr', 'html lang not fr');
    await browser.$('h1=Groupes de licences').waitForDisplayed({ timeout: 10000 });
    await noViolations(browser, 'French groups list');
    await screenshot(browser, 'foundation-french');
  } finally {
    await browser.deleteSession();
  }
  browser = await openApp(dir);
  try {
    await browser.$('h1=Groupes de licences').waitForDisplayed({ timeout: 10000 });
  } finally {
    await browser.deleteSession();
  }
});

test('a database from a newer Seatkeeper is explained, not opened', async () => {
  const dir = dataDir();
  const py = spawnSync('python3', [
    '-c',
    `import sqlite3; c = sqlite3.connect('${dir}/seatkeeper.db'); c.execute('PRAGMA user_version = 42'); c.commit()`,
  ]);
  assert.equal(py.status, 0, String(py.stderr));
  const browser = await openApp(dir);
  try {
    const alert = browser.$('[role="alert"]');
    await alert.waitForDisplayed({ timeout: 10000 });
    const text = await browser.$('body').getText();
    assert.match(text, /newer version of Seatkeeper/);
    await screenshot(browser, 'foundation-too-new');
  } finally {
    await browser.deleteSession();
  }
});
