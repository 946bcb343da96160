// mail-send.js: an owner sends a card from My cards in a real browser:
// the Send action, the form with the card shown, a field error with the
// input kept, then the sending's status page.
'use strict';
const { base, check, shot, run, signUp } = require('./browser');

run(async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  await signUp(page);
  await page.goto(base + '/make/quick');
  await page.check('input[name=design][value=ocean]').catch(() => {});
  await page.fill('#f-name', 'Jisoo Park');
  await page.fill('#f-company', 'Blue Harbour Trading');
  await page.fill('#f-title', 'Sales Director');
  await page.fill('#f-office', '02-6200-6200');
  await page.fill('#f-mobile', '010-3333-4444');
  await page.click('form.quick button[type=submit]');
  await page.waitForURL('**/cards?made=*');

  await page.click('.card-item >> text=Send');
  await page.waitForURL('**/send?id=*');
  check(await page.isVisible('.send-card .bizcard'), 'the sending form shows the card');
  await page.fill('#f-to', 'min@example.com, not-an-address');
  await page.fill('#f-message', 'Good to meet you at the fair.');
  await page.click('form.send-form button[type=submit]');
  check((await page.textContent('#e-to')).includes('not-an-address'), 'a bad address is named at its field');
  check((await page.inputValue('#f-to')) === 'min@example.com, not-an-address', 'the input is kept');
  await shot(page, 'mail-send-error');
  await page.fill('#f-to', 'min@example.com, lee@example.org');
  await page.click('form.send-form button[type=submit]');
  await page.waitForURL('**/sends/*');
  check((await page.textContent('body')).includes('min@example.com'), 'the status page lists the recipients');
  await shot(page, 'mail-send-status');
});
