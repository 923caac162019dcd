// The window's layout at the sizes people use, with what real data puts in it: the
// notices read after the first paint (here the kernel keyring's, which will not survive a
// reboot) never cover something the user can act on, and the licence table shows every
// cell whole (state, installs, pending change, names, headers) at the smallest window
// size the app supports, in English and in French.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { APP, dataDir, dialog, noViolations, openApp, screenshot, startDriver, stopDriver, until } from './harness.mjs';

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

/**
 * Lists what the licence table's drawn rows do not show whole: a cell (or one of its boxes) whose text overflows it, a badge cut, a box that
 * sticks out of its cell, or a cell out of its row. The header row is checked too.
 */
function clippedCells(browser) {
  return browser.execute(() => {
    const table = document.querySelector('[role="table"]');
    const problems = new Set();
    const describe = (cell) => {
      const row = cell.closest('[role="row"]');
      const header = row.closest('.head') !== null;
      const index = [...row.children].indexOf(cell);
      const column = table.querySelectorAll('[role="columnheader"]')[index]?.textContent?.trim();
      return `${header ? 'header' : `row “${row.querySelector('[role="cell"]:nth-child(2)')?.textContent?.trim()}”`}, column “${column}”: “${cell.textContent.trim()}”`;
    };
    const check = () => {
      for (const row of table.querySelectorAll('[role="row"]:not([hidden])')) {
        const rowBox = row.getBoundingClientRect();
        for (const cell of row.querySelectorAll('[role="cell"], [role="columnheader"]')) {
          const box = cell.getBoundingClientRect();
          if (box.top < rowBox.top - 1 || box.bottom > rowBox.bottom + 1)
            problems.add(`${describe(cell)} is taller than its row`);
          if (cell.scrollWidth > cell.clientWidth || cell.scrollHeight > cell.clientHeight) {
            problems.add(
              `${describe(cell)} overflows its cell (${cell.scrollWidth}×${cell.scrollHeight} in ${cell.clientWidth}×${cell.clientHeight})`,
            );
          }
          for (const inner of cell.querySelectorAll('*')) {
            if (inner.closest('.visually-hidden')) continue;
            const r = inner.getBoundingClientRect();
            if (r.width === 0 && r.height === 0) continue;
            if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
              problems.add(`${describe(cell)}: “${inner.textContent.trim()}” sticks out of its cell`);
            }
            if (inner.scrollWidth > inner.clientWidth && getComputedStyle(inner).display !== 'inline') {
              problems.add(
                `${describe(cell)}: “${inner.textContent.trim()}” is cut (${inner.scrollWidth} in ${inner.clientWidth})`,
              );
            }
          }
        }
      }
    };
    check();
    const texts = [...table.querySelectorAll('[role="row"]:not([hidden])')].map((row) => row.textContent);
    return { problems: [...problems], texts };
  });
}

/** Scrolls the table through all its rows, letting each position be drawn: what is not whole, and the rows' text. */
async function checkTable(browser) {
  const total = await browser.execute(() => document.querySelector('[role="table"]').scrollHeight);
  const problems = new Set();
  let texts = '';
  for (let top = 0; top <= total; top += 120) {
    await browser.execute((y) => {
      const table = document.querySelector('[role="table"]');
      table.scrollTop = y;
      table.dispatchEvent(new Event('scroll'));
    }, top);
    await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
    const drawn = await clippedCells(browser);
    for (const p of drawn.problems) problems.add(p);
    texts += drawn.texts.join('\n');
  }
  await browser.execute(() => {
    const table = document.querySelector('[role="table"]');
    table.scrollTop = 0;
    table.dispatchEvent(new Event('scroll'));
  });
  return { problems: [...problems], texts };
}

test('at the smallest window size the licence table shows every cell whole, in English and in French', async () => {
  const dir = dataDir({ sample: true });
  // What makes a row widest: a termination at each stage (one on a suspended licence),
  // a pending change, a long name, and the sample's creating and suspended licences.
  const sql = [
    `UPDATE licences SET termination_requested_at = '2026-12-01T09:00:00Z' WHERE first_name = 'Camille' AND last_name = 'Martin'`,
    `UPDATE licences SET termination_requested_at = '2026-11-20T09:00:00Z', terminated_at = '2026-11-21T09:00:00Z', ends_on = '2027-01-02' WHERE first_name = 'Raphaël' AND last_name = 'Moreau'`,
    `UPDATE licences SET termination_requested_at = '2026-12-02T09:00:00Z' WHERE group_id = 1 AND state = 'suspended'`,
    `UPDATE licences SET first_name = 'Marie-Christine', last_name = 'Delacroix-Fontaine' WHERE first_name = 'Chloé' AND last_name = 'Martinez'`,
  ];
  const py = spawnSync('python3', [
    '-c',
    `import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nfor s in sys.argv[2:]:\n    assert c.execute(s).rowcount > 0, s\nc.commit()`,
    join(dir, 'seatkeeper.db'),
    ...sql,
  ]);
  assert.equal(py.status, 0, String(py.stderr));
  // A user put on an empty slot, waiting to be sent: its row says a change is pending.
  const csv = join(mkdtempSync(join(tmpdir(), 'seatkeeper-layout-')), 'staff.csv');
  writeFileSync(csv, 'Prénom;Nom;Identifiant;Pays\nAmélie;Poulain;amelie.poulain;FR\n');
  const imported = spawnSync(APP, ['--data-dir', dir, 'import', '--csv', csv, '--group', 'office4417.o365.ovh.com'], {
    encoding: 'utf8',
  });
  assert.equal(imported.status, 0, imported.stderr);

  const browser = await openApp(dir);
  try {
    await browser.setWindowSize(MIN_WIDTH, MIN_HEIGHT);
    for (const [lang, licences, back, both] of [
      ['en', 'Licences', 'Back to licence groups', [PREPAID, PAYG]],
      ['fr', 'Licences', 'Retour aux groupes de licences', [PREPAID, PAYG]],
    ]) {
      if (lang === 'fr') {
        await browser.execute(() => window.scrollTo(0, 0));
        await browser.$('header select').selectByAttribute('value', 'fr');
        await until(browser, async () => (await browser.$('html').getAttribute('lang')) === 'fr', 'not in French');
      }
      for (const group of both) {
        const backButton = browser.$(`button*=${back}`);
        if (await backButton.isExisting()) await backButton.click();
        const link = browser.$(`button[data-group-id]=${group}`);
        await link.waitForClickable({ timeout: 10000 });
        await link.click();
        await browser.$(`h1=${group}`).waitForDisplayed({ timeout: 10000 });
        await openTab(browser, licences);
        await browser.$('[role="table"] .body [role="row"]').waitForExist({ timeout: 10000 });
        const { problems, texts: text } = await checkTable(browser);
        if (group === PREPAID) {
          // The rows the check is about are there.
          assert.match(text, lang === 'en' ? /Ends Jan 2, 2027/ : /Fin le 2 janv\. 2027/);
          assert.match(text, lang === 'en' ? /Termination asked/ : /Résiliation demandée/);
          assert.match(text, lang === 'en' ? /Not configured/ : /Non configurée/);
          assert.match(text, lang === 'en' ? /Pending/ : /À envoyer/);
        }
        assert.deepEqual(problems, [], `${group} in ${lang}: every cell of the licence table is whole`);
        await noViolations(browser, `${group}’s licences in ${lang}`);
        // The picture from the suspended licence being terminated on (Fournier, sixth by name).
        await browser.execute(() => {
          const table = document.querySelector('[role="table"]');
          table.scrollTop = 5 * table.querySelector('.body [role="row"]').getBoundingClientRect().height;
          table.dispatchEvent(new Event('scroll'));
          table.scrollIntoView({ block: 'end' });
        });
        await screenshot(browser, `layout-licences-${lang}-${group === PREPAID ? 'prepaid' : 'payg'}`);
      }
    }
  } finally {
    await browser.deleteSession();
  }
});
