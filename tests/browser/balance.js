// balance.js: a member finds their balance from the account page, reads
// the ledger and calls, downloads the CSV and redeems a voucher; an
// operator finds the member and credits them, loads rates and makes
// vouchers. Screenshots of each page are kept.
'use strict';
const { base, check, shot, run } = require('./browser');
const fs = require('fs');

const money = (minor) => `${minor < 0 ? '-' : ''}${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')} EUR`;

async function logIn(page, email) {
  await page.goto(base + '/login');
  await page.fill('#f-email', email);
  await page.fill('#f-password', 'long pass phrase');
  await page.click('main button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

run(async (browser) => {
  const balance = Number(process.env.BALANCE);
  const ctx = await browser.newContext({ viewport: { width: 1024, height: 720 }, acceptDownloads: true });
  const page = await ctx.newPage();
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });

  // ---- the member ----
  await logIn(page, 'kim@example.com');
  await page.goto(base + '/account');
  await page.click('a[href="/balance"]');
  await page.waitForURL('**/balance');
  check((await page.textContent('#balance')).trim() === money(balance), `the balance reads ${money(balance)}`);
  check(await page.isVisible('text=Credit from the operator: opening balance'), 'the ledger lists the opening credit');
  check(await page.isVisible('td:has-text("+8210 ••••• 32")'), 'the call is listed with the number masked');
  check(!(await page.content()).includes('821098765432'), 'the whole number never appears');
  check((await page.textContent('#mileage')).includes('points'), 'mileage is shown');
  await shot(page, 'balance');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href="/balance/ledger.csv"]')]);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  check(download.suggestedFilename() === 'ledger.csv', 'the ledger downloads as ledger.csv');
  check(csv.startsWith('date,entry,cause,kind,amount,currency,balance_after'), 'the CSV has its header');
  check(/,credit,50\.00,EUR,50\.00,/.test(csv), 'the CSV has the opening credit as numbers');

  await page.fill('#f-code', process.env.VOUCHER.toLowerCase());
  await page.click('form[action="/balance/voucher"] button');
  await page.waitForURL('**/balance?redeemed=1000');
  check(await page.isVisible('text=Your voucher is redeemed: 10.00 EUR was added'), 'a voucher is redeemed');
  check((await page.textContent('#balance')).trim() === money(balance + 1000), 'the balance grows by 10.00');
  await page.fill('#f-code', process.env.VOUCHER);
  await page.click('form[action="/balance/voucher"] button');
  check(await page.isVisible('text=This voucher has already been used.'), 'a used voucher is refused in plain words');
  await shot(page, 'balance-voucher-used');

  const phone = await ctx.newPage();
  await phone.setViewportSize({ width: 375, height: 740 });
  await phone.goto(base + '/balance');
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  check(!overflow, 'the balance page fits a phone screen');
  await shot(phone, 'balance-phone');
  await phone.close();

  const notAdmin = await page.goto(base + '/admin');
  check(notAdmin.status() === 404, 'a member gets 404 on /admin');

  // ---- the operator ----
  await page.click('button:has-text("Log out")');
  await logIn(page, 'ops@example.com');
  await page.goto(base + '/account');
  await page.click('a[href="/admin"]');
  await page.waitForURL('**/admin');
  await page.fill('#f-email', 'kim@example.com');
  await page.click('form[action="/admin"] button');
  check(await page.isVisible('text=Kim Minjun'), 'the operator finds the member');
  await page.fill('#f-amount', '-3');
  await page.fill('#f-reason', 'test');
  await page.click('form[action="/admin/credit"] button');
  check(await page.isVisible('text=negative amounts are refused'), 'a negative credit is refused in plain words');
  await shot(page, 'admin-credit-refused');
  await page.fill('#f-amount', '7.5');
  await page.fill('#f-reason', 'sorry for the dropped call');
  await page.click('form[action="/admin/credit"] button');
  await page.waitForURL('**/admin?email=*');
  check(await page.isVisible('text=Credited 7.50 EUR'), 'the credit is confirmed');
  check((await page.textContent('#found-balance')).trim() === money(balance + 1750), 'the member\'s balance shows it');
  await shot(page, 'admin');

  await page.click('nav.admin-nav >> text=Rates');
  await page.setInputFiles('#f-file', { name: 'bad.rates', mimeType: 'text/plain',
    buffer: Buffer.from('currency EUR\n44 0 1.8 60/60 0 - -\n33 0 2 60/0 0 - -\n') });
  await page.click('form[action="/admin/rates"] button');
  check(await page.isVisible("text=Refused, line 3: increments '60/0'"), 'a bad rate file is refused with its line');
  check((await page.textContent('#rate-count')).trim() === '10', 'the table in use keeps its 10 rates');
  await shot(page, 'admin-rates');

  await page.click('nav.admin-nav >> text=Vouchers');
  await page.fill('#f-amount', '5');
  await page.fill('#f-count', '2');
  await page.fill('#f-note', 'trade fair');
  await page.click('form[action="/admin/vouchers"] button');
  check((await page.locator('#created code').count()) === 2, 'two voucher codes are shown');
  await shot(page, 'admin-vouchers');
  check(dialogs === 0, 'no page opened a dialog');
  await ctx.close();
});
