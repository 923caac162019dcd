// Connecting to OVHcloud through the real window, with the demo account (a simulated
// OVHcloud the app runs on this computer): a new user tries it from the welcome screen
// and gets its groups from the first sync; they open the accounts dialog; they
// activate an empty slot, which goes out by itself; they order 2 more licences, pay
// the order on the simulator and get the licences at the next sync. Every screen is
// checked with axe and photographed at 1024×700.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  clickButton,
  dataDir,
  dialog,
  dialogText,
  field,
  noViolations,
  openApp,
  screenshot,
  startDriver,
  stopDriver,
  until,
} from './harness.mjs';

before(startDriver);
after(stopDriver);

const PREPAID = 'Contoso — Apps for business';
const PAYG = 'Contoso — pay as you go';
const DOMAIN = 'office5678.o365.ovh.com';

/** The licences column of a group's row in the list, e.g. "24 / 30". */
async function licencesOf(browser, group) {
  return browser.execute((name) => {
    const button = [...document.querySelectorAll('button[data-group-id]')].find((b) => b.textContent.trim() === name);
    return button?.closest('tr')?.querySelector('td.num')?.textContent?.trim() ?? '';
  }, group);
}

/** The text of the header's sync indicator (or "Not connected"). */
async function syncIndicator(browser) {
  return browser.execute(() => {
    const group = document.querySelector('header [role="group"]');
    return (group ?? document.querySelector('header .not-connected'))?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  });
}

test('the demo account: first sync, accounts, an activation sent by itself, an order paid and delivered', async () => {
  const browser = await openApp(dataDir());
  try {
    await browser.setWindowSize(1024, 700);

    // A new user: the welcome screen offers the demo account.
    const tryDemo = browser.$('button=Try the demo account');
    await tryDemo.waitForClickable({ timeout: 10000 });
    assert.match(await browser.$('main').getText(), /simulated OVHcloud running on this computer/);
    assert.equal(await syncIndicator(browser), 'Not connected');
    await noViolations(browser, 'welcome screen with the demo account');
    await screenshot(browser, 'connect-welcome');

    await tryDemo.click();

    // The groups of the simulated OVHcloud arrive with the first sync.
    const prepaid = browser.$(`button[data-group-id]=${PREPAID}`);
    await prepaid.waitForDisplayed({ timeout: 60000 });
    assert.ok(await browser.$(`button[data-group-id]=${PAYG}`).isDisplayed());
    assert.equal(await licencesOf(browser, PREPAID), '24 / 30');
    assert.equal(await licencesOf(browser, PAYG), '12 / 12');
    await until(browser, async () => /Synced/.test(await syncIndicator(browser)), 'sync indicator not "Synced"', 30000);
    await noViolations(browser, 'groups of the demo account');
    await screenshot(browser, 'connect-groups');

    // The sync details, from the header.
    const details = browser.$('header [role="group"] button[aria-expanded]');
    await details.click();
    await until(browser, async () => (await details.getAttribute('aria-expanded')) === 'true', 'details not opened');
    assert.match(await browser.$('header [role="group"]').getText(), /1 OVHcloud account connected/);
    await noViolations(browser, 'sync details');
    await screenshot(browser, 'connect-sync-details');
    await browser.keys('Escape');

    // The accounts dialog lists the demo account; its connect form is there too.
    await clickButton(browser.$('header'), 'Accounts');
    await dialog(browser).waitForDisplayed();
    await until(
      browser,
      async () => /Demo \(simulated OVHcloud\)/.test(await dialogText(browser)),
      'demo account not listed',
    );
    assert.match(await dialogText(browser), /Simulated OVHcloud on this computer/);
    assert.ok(await dialog(browser).$('button[aria-label="Disconnect Demo (simulated OVHcloud)"]').isDisplayed());
    await noViolations(browser, 'accounts dialog');
    await screenshot(browser, 'connect-accounts');
    await clickButton(dialog(browser), 'Connect an OVHcloud account');
    const secret = await field(browser, 'Application secret', dialog(browser));
    assert.equal(await secret.getAttribute('type'), 'password');
    await (await field(browser, 'Region', dialog(browser))).selectByAttribute('value', 'other');
    await (await field(browser, 'API address', dialog(browser))).waitForDisplayed();
    await noViolations(browser, 'connect form');
    await screenshot(browser, 'connect-form');
    await clickButton(dialog(browser), 'Cancel');
    await until(browser, async () => /Connected accounts/.test(await dialogText(browser)), 'not back on the list');
    await browser.keys('Escape');
    await dialog(browser).waitForExist({ reverse: true });

    // Activate an empty slot of the prepaid group.
    await prepaid.click();
    await browser.$(`h1=${PREPAID}`).waitForDisplayed({ timeout: 10000 });
    await browser.$('button[role="tab"]=Licences').click();
    await browser.$('[role="table"]').waitForDisplayed({ timeout: 10000 });
    await (await field(browser, 'State')).selectByVisibleText('Not configured');
    await until(
      browser,
      async () => /6 of 30 licences/.test(await browser.$('main').getText()),
      'empty slots not listed',
    );
    const slot = browser.$('button[aria-label^="Actions for empty licence"]');
    await slot.scrollIntoView({ block: 'center' });
    await slot.click();
    const menu = browser.$('[role="menu"]');
    await menu.waitForDisplayed({ timeout: 5000 });
    const item = menu.$('button[role="menuitem"]=Edit account (activate)');
    await item.waitForDisplayed({ timeout: 5000 });
    await item.click();
    await dialog(browser).waitForDisplayed();
    await (await field(browser, 'First name')).setValue('Zoé');
    await (await field(browser, 'Last name')).setValue('Arnaud');
    await (await field(browser, 'Login')).setValue('zoe.arnaud');
    await clickButton(dialog(browser), 'Next');
    await until(
      browser,
      async () => new RegExp(`zoe\\.arnaud@${DOMAIN.replace(/\./g, '\\.')}`).test(await dialogText(browser)),
      'review not shown',
    );
    await clickButton(dialog(browser), 'Confirm');
    await dialog(browser).waitForExist({ reverse: true, timeout: 10000 });
    await until(
      browser,
      async () => /Licence activated for Zoé Arnaud/.test(await browser.$('main').getText()),
      'no notice',
    );

    // The pending panel shows it; the change goes out by itself (the loop is woken).
    await browser.$('header button[aria-label^="Pending changes:"]').click();
    await dialog(browser).waitForDisplayed();
    await until(
      browser,
      async () => /Licence activation — Zoé Arnaud/.test(await dialogText(browser)),
      'change not listed',
    );
    await screenshot(browser, 'connect-pending-queued');
    const stateOf = () =>
      browser.execute(() => {
        const change = [...document.querySelectorAll('[role="dialog"] li.change')].find((li) =>
          li.textContent.includes('Licence activation — Zoé Arnaud'),
        );
        return change?.querySelector('.badge')?.textContent?.trim() ?? '';
      });
    await until(
      browser,
      async () => ['Done', 'Waiting for OVHcloud'].includes(await stateOf()),
      'the activation did not reach OVHcloud within 30 s',
      30000,
    );
    await noViolations(browser, 'pending changes, sent');
    await screenshot(browser, 'connect-pending-sent');
    await browser.keys('Escape');
    await dialog(browser).waitForExist({ reverse: true });

    // Order 2 more licences, renewed monthly.
    await clickButton(browser, 'Order more licences');
    await dialog(browser).waitForDisplayed();
    await until(browser, async () => /Apps for business/.test(await dialogText(browser)), 'catalog not shown');
    await clickButton(dialog(browser), 'Next');
    const monthly = dialog(browser).$('input[type="radio"][value="P1M"]');
    await monthly.waitForExist({ timeout: 10000 });
    await monthly.click();
    await clickButton(dialog(browser), 'Next');
    const quantity = await field(browser, 'Number of licences');
    await quantity.clearValue();
    await quantity.setValue('2');
    await clickButton(dialog(browser), 'Next');
    await until(browser, async () => /Your order/.test(await dialogText(browser)), 'review step');
    assert.match(await dialogText(browser), /Monthly/);
    await clickButton(dialog(browser), 'Confirm the order');
    await until(browser, async () => /Order queued/.test(await dialogText(browser)), 'order not placed');
    await clickButton(dialog(browser), 'Close');
    await dialog(browser).waitForExist({ reverse: true });

    // Once sent, it waits for payment: the demo's is paid from the window.
    await browser.$('button*=Back to licence groups').click();
    await browser.$('h1=Licence groups').waitForDisplayed({ timeout: 10000 });
    const orders = browser.$('section[aria-labelledby="open-orders-title"]');
    await orders.waitForDisplayed({ timeout: 10000 });
    const pay = orders.$('button=Pay (demo)');
    await pay.waitForDisplayed({ timeout: 30000 });
    const ordersText = await orders.getText();
    assert.match(ordersText, new RegExp(`2 × Apps for business for ${PREPAID}`));
    assert.match(ordersText, /Waiting for payment/);
    assert.equal(await orders.$$('button*=payment page').length, 0, 'no OVHcloud payment page for a demo order');
    await noViolations(browser, 'orders in progress with a demo order');
    await screenshot(browser, 'connect-order-to-pay');

    await pay.scrollIntoView({ block: 'center' });
    await pay.click();
    await until(
      browser,
      async () => /Demo order paid/.test(await browser.$('main').getText()),
      'payment not confirmed',
    );

    // The next sync brings the 2 licences as empty slots.
    await until(
      browser,
      async () => /\/ 32$/.test(await licencesOf(browser, PREPAID)),
      'the 2 licences did not arrive',
      30000,
    );
    assert.equal(await licencesOf(browser, PREPAID), '25 / 32');
    await until(
      browser,
      async () => (await orders.isExisting()) === false || !/2 × Apps for business/.test(await orders.getText()),
      'order still in progress',
      30000,
    );
    await noViolations(browser, 'groups after the delivery');
    await screenshot(browser, 'connect-delivered');
  } finally {
    await browser.deleteSession();
  }
});
