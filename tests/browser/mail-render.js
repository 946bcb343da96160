// mail-render.js: a received card mail's HTML (MAIL_HTML) rendered by
// Chromium as a mail client would show it, with no network, no scripts:
// it must fit 600 px, show the name and the call buttons as text, and
// every link must be absolute on the public base. Kept as mail-card.png.
'use strict';
const fs = require('fs');
const { check, openMail, shot, run } = require('./browser');

const html = fs.readFileSync(process.env.MAIL_HTML, 'utf8');
const pub = process.env.PUBLIC_BASE;

run(async (browser) => {
  const { page, requests } = await openMail(browser, html, 'mail', 'card');
  const text = await page.textContent('body');
  check(text.includes('Jisoo Park') && text.includes('02-6200-6200'), 'name and number are real text');
  const buttons = await page.$$eval('a[href*="/call/"]', (as) => as.map((a) => ({ t: a.textContent, w: a.offsetWidth, h: a.offsetHeight })));
  check(buttons.length === 2, `two call buttons (${buttons.length})`);
  check(buttons.every((b) => b.t.includes('Call me') && b.w > 80 && b.h > 20), 'each is a visible labelled button');
  const hrefs = await page.$$eval('a', (as) => as.map((a) => a.getAttribute('href')));
  check(hrefs.every((h) => h.startsWith(pub + '/') || h.startsWith('mailto:')), 'every link is absolute on the public base');
  check(requests() === 0, `the mail loads nothing from the network (${requests()})`);
  await shot(page, 'mail-card');
});
