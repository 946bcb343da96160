// browser.js: shared set-up for browser tests: Debian's chromium, headless,
// with background networking off (the machine has no outside network), and
// TAP output that tests/run.sh counts.
'use strict';
const { chromium } = require('playwright-core');
const fs = require('fs');
const path = require('path');

const base = process.env.BASE;
const shots = path.join(process.env.CALLCARD_ROOT, 'tests', 'artefacts', 'screens');
fs.mkdirSync(shots, { recursive: true });

let failures = 0;
function check(cond, what) {
  if (!cond) failures++;
  console.log(`${cond ? 'ok' : 'not ok'} - ${what}`);
}

async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

// Signs up a member in page and lands on My cards.
async function signUp(page, who = {}) {
  await page.goto(base + '/signup');
  await page.fill('#f-name', who.name || 'Jisoo Park');
  await page.fill('#f-email', who.email || 'jisoo@example.com');
  await page.fill('#f-phone', who.phone || '010-3333-4444');
  await page.fill('#f-password', 'a long pass phrase');
  await page.fill('#f-password2', 'a long pass phrase');
  await page.click('button[type=submit]');
  await page.waitForURL('**/cards?welcome=1');
}

// Runs body(browser), always closing the browser; exit status 1 on failure.
async function run(body) {
  const browser = await launch();
  try {
    await body(browser);
  } catch (e) {
    check(false, `browser test threw: ${e.stack || e}`);
  } finally {
    await browser.close();
  }
  process.exit(failures ? 1 : 0);
}

// openMail(browser, html, what, table): the HTML of a received mail as a
// mail client shows it: no network, no scripts, a 680 px window. Checks
// that the what fits without side scrolling and that its table (the main
// one, 600 px) is 600 px wide. Returns the page and how many requests it
// tried to make (each was refused).
async function openMail(browser, html, what, table) {
  const ctx = await browser.newContext({ viewport: { width: 680, height: 600 }, javaScriptEnabled: false });
  const page = await ctx.newPage();
  let requests = 0;
  await page.route('**/*', (r) => { requests++; r.abort(); });
  await page.setContent(html);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(width <= 680, `the ${what} fits the window without side scrolling (${width} px)`);
  const main = await page.evaluate(() => document.querySelector('table[width="600"]').getBoundingClientRect().width);
  check(main === 600, `the ${table} table is 600 px wide (${main})`);
  return { page, requests: () => requests };
}

module.exports = { base, check, launch, openMail, shot, run, signUp };
