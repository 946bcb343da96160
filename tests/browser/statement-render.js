// statement-render.js: a received monthly statement's HTML (MAIL_HTML)
// rendered by Chromium as a mail client would show it, with no network and
// no scripts: it fits 600 px, the balances and movements are real text,
// the credit's reason shows as typed (escaped, no markup), every link is
// absolute on the public base. Kept as mail-statement.png.
'use strict';
const fs = require('fs');
const { check, openMail, shot, run } = require('./browser');

const html = fs.readFileSync(process.env.MAIL_HTML, 'utf8');
const pub = process.env.PUBLIC_BASE;

run(async (browser) => {
  const { page, requests } = await openMail(browser, html, 'statement', 'statement');
  const text = await page.textContent('body');
  check(text.includes('Opening balance') && text.includes('Closing balance') && text.includes('50.00 EUR'),
    'opening and closing balances are real text');
  check(text.includes('Credit: opening <b>balance</b> & more'), 'the reason shows as typed');
  const bold = await page.$$eval('td b', (bs) => bs.length);
  check(bold === 0, `the reason made no markup (${bold} <b> elements)`);
  const rows = await page.$$eval('tr.movement', (rs) => rs.map((r) => r.offsetHeight));
  check(rows.length === 2 && rows.every((h) => h > 10), `two visible movement rows (${rows.length})`);
  const hrefs = await page.$$eval('a', (as) => as.map((a) => a.getAttribute('href')));
  check(hrefs.length > 0 && hrefs.every((h) => h.startsWith(pub + '/')), 'every link is absolute on the public base');
  check(requests() === 0, `the mail loads nothing from the network (${requests()})`);
  await shot(page, 'mail-statement');
});
