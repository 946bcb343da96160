// call_sched.js: on the page of a call the owner could not take, the
// recipient schedules the call for later with the form's own default time,
// sees the scheduled call's page say when (in UTC), and cancels it.
// Screenshots: tests/artefacts/screens/call-sched-*.png.
'use strict';
const { base, check, shot, run } = require('./browser');

const progress = process.env.PROGRESS_URL;

run(async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

  await page.goto(base + progress);
  await page.waitForSelector('#call-unavailable:not([hidden])', { timeout: 10000 });
  check(await page.isVisible('#call-schedule'), 'the owner could not take the call: the page offers to schedule it');
  const when = await page.inputValue('#f-when');
  check(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(when), `the form suggests a time (${when})`);
  await shot(page, 'call-sched-1-offer');

  await page.fill('#f-sched-email', 'lee@example.net');
  await Promise.all([page.waitForURL('**/call/progress/**'), page.click('#call-schedule button[type=submit]')]);
  check(page.url() !== base + progress, 'the form leads to the scheduled call\'s own page');
  await page.waitForSelector('#call[data-state="scheduled"]', { timeout: 5000 });
  const words = await page.textContent('#call-words');
  check(/scheduled for .* UTC/.test(words), `it says when, in UTC (${words})`);
  check(await page.isVisible('#call-cancel'), 'it offers to cancel the call');
  await page.waitForTimeout(1500); // a poll or two: the page stays as it is
  check(await page.getAttribute('#call', 'data-state') === 'scheduled', 'polling keeps it scheduled');
  await shot(page, 'call-sched-2-scheduled');

  await Promise.all([page.waitForURL('**/call/progress/**'), page.click('#call-cancel button')]);
  await page.waitForSelector('#call[data-cause="cancelled"]', { timeout: 5000 });
  check((await page.textContent('#call-words')).includes('You cancelled the call.'), 'Cancel: the call is cancelled');
  await shot(page, 'call-sched-3-cancelled');
  check(errors.length === 0, `no script errors (${errors.join('; ')})`);
});
