// OVHcloud's workflow through the real window, with the demo account: a new group is
// ordered and paid; it arrives with its Microsoft Customer Agreement unsigned, which
// the group page says first; the user signs it (the demo's page is simulated) and the
// licences open up once OVHcloud confirms; they turn automatic renewal off; a reminder
// of the coming renewal appears. Every screen is checked with axe and photographed.

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

/** The names of the groups listed, in order. */
async function groupNames(browser) {
  return browser.execute(() =>
    [...document.querySelectorAll('button[data-group-id]')].map((b) => b.textContent.trim()),
  );
}

test('a new group: the agreement signed, automatic renewal turned off, a reminder', async () => {
  const browser = await openApp(dataDir());
  try {
    await browser.setWindowSize(1024, 700);
    const tryDemo = browser.$('button=Try the demo account');
    await tryDemo.waitForClickable({ timeout: 10000 });
    await tryDemo.click();
    await browser.$(`button[data-group-id]=${PREPAID}`).waitForDisplayed({ timeout: 60000 });
    const before = await groupNames(browser);

    // Order a new group of 3 licences, and pay it on the simulator.
    await clickButton(browser, 'Order a new licence group');
    await dialog(browser).waitForDisplayed();
    await until(browser, async () => /Apps for business/.test(await dialogText(browser)), 'catalog not shown');
    await clickButton(dialog(browser), 'Next');
    const monthly = dialog(browser).$('input[type="radio"][value="P1M"]');
    await monthly.waitForExist({ timeout: 10000 });
    await monthly.click();
    await clickButton(dialog(browser), 'Next');
    const quantity = await field(browser, 'Number of licences');
    await quantity.clearValue();
    await quantity.setValue('3');
    await clickButton(dialog(browser), 'Next');
    await until(browser, async () => /Your order/.test(await dialogText(browser)), 'review step');
    await clickButton(dialog(browser), 'Confirm the order');
    await until(browser, async () => /Order queued/.test(await dialogText(browser)), 'order not placed');
    await clickButton(dialog(browser), 'Close');
    await dialog(browser).waitForExist({ reverse: true });
    const pay = browser.$('section[aria-labelledby="open-orders-title"]').$('button=Pay (demo)');
    await pay.waitForDisplayed({ timeout: 30000 });
    await pay.scrollIntoView({ block: 'center' });
    await pay.click();

    // The new group arrives with its agreement to sign, said in the list.
    let added = '';
    await until(
      browser,
      async () => {
        added = (await groupNames(browser)).find((name) => !before.includes(name)) ?? '';
        return added !== '';
      },
      'the new group did not arrive',
      40000,
    );
    assert.match(await browser.$('main').getText(), /Agreement to sign/);
    await noViolations(browser, 'groups with an unsigned agreement');
    await screenshot(browser, 'workflow-unsigned-in-list');

    // Its page says so first; its licences cannot be given out yet.
    await browser.$(`button[data-group-id]=${added}`).click();
    const banner = browser.$('section.agreement');
    await banner.waitForDisplayed({ timeout: 10000 });
    assert.match(await banner.getText(), /Sign the Microsoft Customer Agreement/);
    await noViolations(browser, 'group page with the agreement to sign');
    await screenshot(browser, 'workflow-agreement-banner');

    // Sign: who signs (checked by Rust), the simulated page, then confirm.
    await clickButton(banner, 'Sign the agreement');
    await dialog(browser).waitForDisplayed();
    await (await field(browser, 'Company name', dialog(browser))).setValue('Contoso SARL');
    await (await field(browser, 'First name', dialog(browser))).setValue('Camille');
    await (await field(browser, 'Last name', dialog(browser))).setValue('Martin');
    await (await field(browser, 'E-mail address', dialog(browser))).setValue('camille');
    await (await field(browser, 'Phone number', dialog(browser))).setValue('+33 9 72 10 10 07');
    await noViolations(browser, 'agreement form');
    await screenshot(browser, 'workflow-agreement-form');
    await clickButton(dialog(browser), 'Continue');
    await until(
      browser,
      async () => /Enter an e-mail address such as/.test(await dialogText(browser)),
      'the bad e-mail was not refused beside its field',
    );
    await noViolations(browser, 'agreement form with an error');
    const email = await field(browser, 'E-mail address', dialog(browser));
    await email.clearValue();
    await email.setValue('camille@contoso.example');
    await clickButton(dialog(browser), 'Continue');
    await until(browser, async () => /2\. Sign the agreement/.test(await dialogText(browser)), 'no signing step');
    await clickButton(dialog(browser), 'Sign the simulated agreement');
    await until(browser, async () => /Signed on the simulated page/.test(await dialogText(browser)), 'not signed');
    await noViolations(browser, 'agreement signing step');
    await screenshot(browser, 'workflow-agreement-sign');
    await clickButton(dialog(browser), 'Confirm the signature');
    await until(browser, async () => /The confirmation is queued/.test(await dialogText(browser)), 'not queued');
    await clickButton(dialog(browser), 'Close');
    await dialog(browser).waitForExist({ reverse: true });

    // Sent, then followed until OVHcloud shows it accepted: the banner goes away.
    await banner.waitForExist({ reverse: true, timeout: 60000 });
    await screenshot(browser, 'workflow-agreement-accepted');

    // Turn automatic renewal off: what it means, then queued.
    const renewal = browser.$('section[aria-labelledby="tile-renewal"]');
    await renewal.waitForDisplayed({ timeout: 10000 });
    await until(browser, async () => /Renews automatically/.test(await renewal.getText()), 'renewal not read');
    await clickButton(renewal, 'Change the renewal');
    await dialog(browser).waitForDisplayed();
    await dialog(browser).$('input[type="radio"][value="manual"]').click();
    await noViolations(browser, 'renewal choices');
    await clickButton(dialog(browser), 'Review');
    await until(
      browser,
      async () => /no longer renews by itself/.test(await dialogText(browser)),
      'the consequence was not said',
    );
    await noViolations(browser, 'renewal review');
    await screenshot(browser, 'workflow-renewal-review');
    await clickButton(dialog(browser), 'Change the renewal');
    await dialog(browser).waitForExist({ reverse: true, timeout: 10000 });
    await until(browser, async () => /Renewed by hand/.test(await renewal.getText()), 'not shown at once');

    // A reminder of the renewal, within the notice the user sets.
    await browser.$('header button[aria-label^="Reminders"]').click();
    await dialog(browser).waitForDisplayed();
    const days = await field(browser, 'Days of notice before a renewal or the end of a commitment', dialog(browser));
    await days.clearValue();
    await days.setValue('31');
    await clickButton(dialog(browser), 'Save');
    await until(browser, async () => /Saved/.test(await dialogText(browser)), 'settings not saved');
    await browser.keys('Escape');
    await dialog(browser).waitForExist({ reverse: true });
    const remindersButton = browser.$('header button[aria-label^="Reminders ("]');
    await remindersButton.waitForDisplayed({ timeout: 40000 });
    await remindersButton.click();
    await dialog(browser).waitForDisplayed();
    await until(
      browser,
      async () => new RegExp(`${added.replace(/\./g, '\\.')}: renewal on`).test(await dialogText(browser)),
      'no renewal reminder',
      20000,
    );
    assert.doesNotMatch(await dialogText(browser), /sign the Microsoft Customer Agreement/, 'resolved by itself');
    await noViolations(browser, 'reminders');
    await screenshot(browser, 'workflow-reminders');
    await browser.keys('Escape');
  } finally {
    await browser.deleteSession();
  }
});
