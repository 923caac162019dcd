// Drives the real Seatkeeper window through WebDriver: tauri-driver in front of
// Debian's WebKitWebDriver, under the Xvfb display that tests/e2e/run.sh starts.
// Each test gets its own data directory, so nothing leaks between tests.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { remote } from 'webdriverio';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const APP = process.env.SEATKEEPER_BIN ?? join(root, 'target/debug/seatkeeper');
export const ARTIFACTS = join(root, 'target/e2e-artifacts');
let driver = null;
let PORT = 0;

/** A TCP port nothing listens on now. */
function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

function portOpen(port) {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.end();
      done(true);
    });
    socket.on('error', () => done(false));
  });
}

/** Starts tauri-driver once per test file. */
export async function startDriver() {
  if (driver) return;
  PORT = await freePort();
  const nativePort = await freePort();
  const args = [
    '--port',
    String(PORT),
    '--native-port',
    String(nativePort),
    '--native-driver',
    '/usr/bin/WebKitWebDriver',
  ];
  // The window follows the system language; the tests expect English unless they switch.
  driver = spawn('tauri-driver', args, {
    stdio: ['ignore', 'ignore', 'ignore'],
    env: {
      ...process.env,
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      LANGUAGE: 'en',
      // The update check at start asks a closed loopback port, not the Internet (this
      // test build honours the variable; desktop.test.mjs serves a real update).
      SEATKEEPER_UPDATE_ENDPOINT: process.env.SEATKEEPER_UPDATE_ENDPOINT ?? 'http://127.0.0.1:9/latest.json',
    },
  });
  // tauri-driver listens at once but starts WebKitWebDriver behind it; a session asked
  // for before that one listens too is dropped (UND_ERR_SOCKET), so wait for both.
  for (let i = 0; i < 100; i++) {
    if ((await portOpen(PORT)) && (await portOpen(nativePort))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('tauri-driver or WebKitWebDriver did not start');
}

export function stopDriver() {
  driver?.kill();
  driver = null;
}

/** A fresh data directory; `sample` loads the sample data with the app's own CLI. */
export function dataDir({ sample = false, paygUsers } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'seatkeeper-e2e-'));
  if (sample) {
    const args = ['--data-dir', dir, 'sample', 'load'];
    if (paygUsers) args.push('--payg-users', String(paygUsers));
    const r = spawnSync(APP, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`sample load failed: ${r.stderr}`);
  }
  return dir;
}

/** Opens the app window on `dir` and waits for its first screen. */
export async function openApp(dir) {
  const browser = await remote({
    hostname: '127.0.0.1',
    port: PORT,
    logLevel: 'error',
    connectionRetryCount: 0,
    capabilities: { 'tauri:options': { application: APP, args: ['--data-dir', dir] } },
  });
  try {
    await browser.setTimeout({ implicit: 0 });
    // A first start on a busy machine (WebKit building its caches) can be slow.
    await browser.$('main, [role="alert"]').waitForExist({ timeout: 60000 });
    // And until the notices read after the first paint (the keychain that will not
    // survive a reboot, accounts needing keys) are drawn and Rust's events listened to:
    // from then on, what the window shows moves only when a test makes it.
    await browser.$('html[data-started]').waitForExist({ timeout: 20000 });
  } catch (error) {
    // Never leave a session behind: the driver takes one at a time.
    await browser.deleteSession().catch(() => {});
    throw error;
  }
  return browser;
}

/** Saves what the window shows, as the test's artifact. */
export async function screenshot(browser, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Let the window paint what the DOM now holds before taking the picture.
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 250))));
  await browser.saveScreenshot(join(ARTIFACTS, `${name}.png`));
}

const axeSource = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the current screen; returns its violations, described. */
export async function axeViolations(browser) {
  await browser.execute(axeSource);
  const violations = await browser.executeAsync((done) => {
    // eslint-disable-next-line no-undef
    axe
      .run(document, { resultTypes: ['violations'] })
      .then((r) =>
        done(r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }))),
      )
      .catch((e) => done([{ id: 'axe-error', impact: 'critical', nodes: [String(e)] }]));
  });
  return violations;
}

/** The button, link or control whose visible text or accessible name is `name`. */
export function byName(browser, name, tag = 'button') {
  return browser.$(`${tag}*=${name}`);
}

/** Waits until `predicate` holds, polling the page. */
export async function until(browser, predicate, message, timeout = 10000) {
  await browser.waitUntil(predicate, { timeout, timeoutMsg: message });
}

/** Fails the test, naming the screen, when axe-core finds a violation on it. */
export async function noViolations(browser, screen) {
  assert.deepEqual(await axeViolations(browser), [], `${screen} is accessible`);
}

/** The open dialog. */
export function dialog(browser) {
  return browser.$('[role="dialog"]');
}

/** All the text of the open dialog. */
export async function dialogText(browser) {
  return dialog(browser).getText();
}

/** Clicks the button whose text is `text` inside `scope`, once it can be clicked. */
export async function clickButton(scope, text) {
  const button = scope.$(`button=${text}`);
  await button.waitForDisplayed({ timeout: 10000 });
  await button.scrollIntoView({ block: 'center' });
  await button.waitForClickable({ timeout: 10000 });
  await button.click();
}

/** The control labelled `label` (inside `scope`, the page by default). */
export async function field(browser, label, scope = browser) {
  const element = scope.$(`label=${label}`);
  await element.waitForExist({ timeout: 10000 });
  const id = await element.getAttribute('for');
  return browser.$(`[id="${id}"]`);
}

/**
 * Answers the system's file dialog titled `title` (GTK's, opened by Rust) with `path`,
 * as a user would type it: Ctrl+L and the path in an open dialog, the whole path over
 * the suggested name in a save dialog, then Enter. Drives the real dialog through the X
 * server (xdotool); returns once the dialog has gone.
 */
export async function answerFileDialog(title, path, { save = false } = {}) {
  const xdotool = (...args) => {
    const r = spawnSync('xdotool', args, { encoding: 'utf8', timeout: 30000 });
    if (r.status !== 0) throw new Error(`xdotool ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
  const id = xdotool('search', '--sync', '--onlyvisible', '--name', `^${title}$`).split('\n').pop();
  // GTK maps the dialog, then gives its first field the focus: let it settle first.
  await new Promise((r) => setTimeout(r, 500));
  // Typed again when the dialog stays open: on a loaded machine GTK's completion of
  // the location field can swallow keys (seen once in CI).
  for (let attempt = 0; attempt < 3; attempt++) {
    xdotool('windowfocus', '--sync', id);
    if (!save) xdotool('key', '--clearmodifiers', 'ctrl+l');
    xdotool('key', '--clearmodifiers', 'ctrl+a');
    xdotool('type', '--delay', '10', path);
    await new Promise((r) => setTimeout(r, 300));
    xdotool('key', '--clearmodifiers', 'Return');
    for (let i = 0; i < 50; i++) {
      const left = spawnSync('xdotool', ['search', '--onlyvisible', '--name', `^${title}$`], { encoding: 'utf8' });
      if (left.stdout.trim() === '') return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`the file dialog “${title}” did not close`);
}
