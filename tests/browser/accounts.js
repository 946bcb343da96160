// accounts.js: a newcomer signs up, sees My cards, edits the profile and
// logs out, in a real browser; screenshots of each page are kept.
'use strict';
const { base, check, shot, run } = require('./browser');

run(async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1024, height: 720 } });
  await page.goto(base + '/');
  await shot(page, 'account-home');
  await page.click('text=Sign up');
  await page.fill('#f-name', '<img src=x onerror=alert(1)> Mina');
  await page.fill('#f-email', 'mina@example.com');
  await page.fill('#f-phone', '010-2222-3333');
  await page.fill('#f-password', 'short');
  await page.fill('#f-password2', 'short');
  await page.click('button[type=submit]');
  check(await page.isVisible('text=Password must be at least 10 characters.'), 'weak password message shown');
  check(await page.inputValue('#f-email') === 'mina@example.com', 'input kept after an error');
  await shot(page, 'account-signup-error');
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await page.fill('#f-password', 'a much better phrase');
  await page.fill('#f-password2', 'a much better phrase');
  await page.click('button[type=submit]');
  await page.waitForURL('**/cards?welcome=1');
  check(await page.isVisible('text=You have no cards yet'), 'My cards is empty after sign-up');
  const welcome = await page.textContent('.notice');
  check(welcome.includes('<img src=x onerror=alert(1)> Mina'), 'markup in a name is shown as text');
  check(dialogs === 0, 'markup in a name never runs');
  await shot(page, 'account-my-cards');

  await page.goto(base + '/account');
  await page.fill('#f-name', 'Mina Cho');
  await page.click('form[action="/account"] button');
  check(await page.isVisible('text=Your profile is saved.'), 'profile saved');
  await shot(page, 'account-profile');

  const phone = await browser.newPage({ viewport: { width: 375, height: 740 } });
  await phone.goto(base + '/signup');
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  check(!overflow, 'sign-up page fits a phone screen');
  await shot(phone, 'account-signup-phone');

  await page.click('text=Log out');
  await page.waitForURL('**/?bye=1');
  check(await page.isVisible('text=You are logged out'), 'logged out');
  await page.goto(base + '/nothing-here');
  check(await page.isVisible('text=There is no page at this address.'), '404 page rendered');
  await shot(page, 'account-404');
});
