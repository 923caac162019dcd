// The window's layout at the sizes people use, with what real data puts in it: the
// notices read after the first paint (here the kernel keyring's, which will not survive a
// reboot) never cover something the user can act on.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { dataDir, dialog, noViolations, openApp, screenshot, startDriver, stopDriver, until } from './harness.mjs';

before(startDriver);
after(stopDriver);

const PREPAID = 'Boulangerie Lefèvre';
const PAYG = 'Cabinet Martin & Associés';
const TABS = ['Overview', 'Licences', 'Installs', 'Usage', 'History'];

// The smallest window the app lets itself be made (tauri.conf.json), where the layout is tightest.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { minWidth: MIN_WIDTH, minHeight: MIN_HEIGHT } = JSON.parse(readFileSync(join(root, 'tauri.conf.json'), 'utf8'))
  .app.windows[0];

/** Opens a group from the list (wherever the page was), and one of its tabs. */
async function openGroup(browser, name, tab = null) {
  const back = browser.$('button*=Back to licence groups');
  if (await back.isExisting()) await back.click();
  const link = browser.$(`button[data-group-id]=${name}`);
  await link.waitForClickable({ timeout: 10000 });
  await link.click();
  await browser.$(`h1=${name}`).waitForDisplayed({ timeout: 10000 });
  if (tab) await openTab(browser, tab);
}

async function openTab(browser, name) {
  const tab = browser.$(`button[role="tab"]=${name}`);
  await tab.scrollIntoView({ block: 'center' });
  await tab.click();
  await until(browser, async () => (await tab.getAttribute('aria-selected')) === 'true', `tab ${name} not selected`);
}

/**
 * Scrolls the page from its top to its end and lists every control (button, link, field)
 * whose middle is in the window, below the sticky header, but whose click would land on
 * something else there (a notice drawn over it). Also says how long the page is, and its
 * last control.
 */
function coveredControls(browser) {
  return browser.execute(() => {
    const controls = [
      ...document.querySelectorAll(
        'main button, main a[href], main input, main select, main textarea, main [tabindex]:not([tabindex="-1"])',
      ),
    ].filter((el) => el.getClientRects().length > 0 && !el.closest('.visually-hidden'));
    /** Whether the point is shown by every scrolling box around `el` (not scrolled out of one). */
    const shownInScrollers = (el, x, y) => {
      for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
        if (getComputedStyle(box).overflow === 'visible') continue;
        const r = box.getBoundingClientRect();
        if (x < r.left || x > r.right || y < r.top || y > r.bottom) return false;
      }
      return true;
    };
    const covered = new Set();
    const step = Math.floor(window.innerHeight / 3);
    const end = document.documentElement.scrollHeight;
    for (let top = 0; ; top += step) {
      window.scrollTo(0, top);
      const headerBottom = document.querySelector('.app-header')?.getBoundingClientRect().bottom ?? 0;
      for (const el of controls) {
        const r = el.getBoundingClientRect();
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        if (y <= headerBottom || y >= window.innerHeight || x <= 0 || x >= window.innerWidth) continue;
        if (!shownInScrollers(el, x, y)) continue;
        const hit = document.elementFromPoint(x, y);
        if (hit && (hit === el || el.contains(hit))) continue;
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? el.tagName).trim().slice(0, 50);
        const over = hit?.closest('section, [role], .card, header')?.getAttribute('aria-label') ?? hit?.tagName;
        covered.add(`“${name || el.tagName}” under ${over} (page scrolled to ${window.scrollY})`);
      }
      if (top + window.innerHeight >= end) break;
    }
    const last = controls.at(-1);
    window.scrollTo(0, 0);
    return { covered: [...covered], height: end, last: last ? (last.textContent ?? '').trim() : null };
  });
}

/**
 * Scrolls the page as the wheel may leave it: `element` just above the window's bottom
 * edge, where the notices were once drawn over the page (then it took no click).
 */
async function scrollToBottomEdge(browser, element) {
  const bottom = await browser.execute((el) => {
    window.scrollBy(0, el.getBoundingClientRect().bottom - (window.innerHeight - 4));
    return el.getBoundingClientRect().bottom;
  }, element);
  const height = await browser.execute(() => window.innerHeight);
  assert.ok(bottom <= height && bottom >= height - 8, `the button ends at ${bottom}, the window at ${height}`);
}

for (const [width, height] of [
  [MIN_WIDTH, MIN_HEIGHT],
  [1280, 800],
]) {
  test(`at ${width}×${height} the notices cover nothing: every control of every page, its longest page's last button and “Order more licences” take their clicks`, async () => {
    const browser = await openApp(dataDir({ sample: true }));
    try {
      await browser.setWindowSize(width, height);
      const notices = browser.$('section[aria-label="Notices"]');
      await notices.waitForDisplayed({ timeout: 10000 });
      assert.match(await notices.getText(), /reboot/, 'the kernel keyring’s notice is shown');

      // Every page of both groups, scrolled from top to end: no control under a notice.
      const pages = [];
      const covered = [];
      const groups = await coveredControls(browser);
      covered.push(...groups.covered.map((c) => `groups list: ${c}`));
      for (const group of [PREPAID, PAYG]) {
        await openGroup(browser, group);
        for (const tab of TABS) {
          await openTab(browser, tab);
          // What the tab reads (the licences, the chart, the history) is drawn.
          await browser.pause(500);
          const page = await coveredControls(browser);
          pages.push({ group, tab, ...page });
          covered.push(...page.covered.map((c) => `${group}, ${tab}: ${c}`));
        }
      }
      assert.deepEqual(covered, [], 'no control is covered by a notice');

      // The longest page's last control, clicked as a user would once it shows at the
      // bottom of the window. The click is caught before it acts: it would open the browser.
      const longest = pages.reduce((a, b) => (b.height > a.height ? b : a));
      await openGroup(browser, longest.group, longest.tab);
      await browser.execute(() => {
        window.__clicked = null;
        window.addEventListener(
          'click',
          (event) => {
            window.__clicked = event.target.closest('button, a, input, select')?.textContent?.trim() ?? null;
            event.preventDefault();
            event.stopPropagation();
          },
          { capture: true, once: true },
        );
      });
      const controls = await browser.$$('main button, main a[href], main input, main select');
      const last = controls[controls.length - 1];
      assert.equal((await last.getText()).trim(), longest.last);
      await scrollToBottomEdge(browser, last);
      await last.click();
      assert.equal(await browser.execute(() => window.__clicked), longest.last, 'the click reached the button');
      await browser.execute(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await screenshot(browser, `layout-notices-end-${width}`);

      // A group's overview: its order button, once it shows at the bottom of the window,
      // takes the click.
      await openGroup(browser, PREPAID);
      const order = await browser.$('button=Order more licences');
      await scrollToBottomEdge(browser, order);
      await order.click();
      await until(
        browser,
        async () =>
          /Order more licences for Boulangerie Lefèvre/.test(
            await dialog(browser)
              .getText()
              .catch(() => ''),
          ),
        'the order wizard did not open',
      );
      await browser.keys('Escape');
      await dialog(browser).waitForExist({ reverse: true });
      await noViolations(browser, `overview with notices at ${width}×${height}`);
      await screenshot(browser, `layout-notices-overview-${width}`);
    } finally {
      await browser.deleteSession();
    }
  });
}
