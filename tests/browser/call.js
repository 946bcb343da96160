// call.js: a recipient presses the call button on the live card, gives a
// number, answers the sum and follows the call on the progress page while
// slow SIPp phones ring and answer. A screenshot is kept at each state
// (tests/artefacts/screens/call-*.png); the timer runs while connected.
'use strict';
const { base, check, shot, run } = require('./browser');

const card = process.env.CARD_URL;

async function waitState(page, state, seconds) {
  try {
    await page.waitForSelector(`#call[data-state="${state}"]`, { timeout: seconds * 1000 });
    return true;
  } catch (e) {
    return false;
  }
}

run(async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 760 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    // The refused number's page is answered 422 on purpose.
    if (m.type() === 'error' && !m.text().includes('422')) errors.push(m.text());
  });

  await page.goto(base + card);
  await shot(page, 'call-0-live-card');
  await page.click('a.callbtn >> nth=0');
  await page.waitForURL('**/call/*');
  check(await page.isVisible('#f-number'), 'the call page asks for a number');
  check((await page.textContent('.call-payer')).includes('free for you'), 'it says the owner pays');
  await shot(page, 'call-1-call-page');

  // A number with letters is refused on the page, input kept.
  await page.fill('#f-number', '010-9876-54xy');
  const sum = (await page.textContent('.sum')).split('+').map((s) => parseInt(s, 10));
  await page.fill('#f-answer', String(sum[0] + sum[1]));
  await page.click('button.call-go');
  check((await page.textContent('.call-refused')).includes('not a phone number'), 'letters in the number are refused clearly');
  await shot(page, 'call-2-refused-number');

  await page.fill('#f-number', '010-9876-5432');
  const sum2 = (await page.textContent('.sum')).split('+').map((s) => parseInt(s, 10));
  await page.fill('#f-answer', String(sum2[0] + sum2[1]));
  await page.check('input[name=remember]');
  await page.click('button.call-go');
  await page.waitForURL('**/call/progress/*');

  const steps = [
    ['owner_ringing', 'call-3-owner-ringing', "owner's phone is ringing"],
    ['owner_answered', 'call-4-owner-answered', 'asked to accept'],
    ['recipient_ringing', 'call-5-ringing-you', 'Ringing you'],
    ['connected', 'call-6-connected', 'Connected'],
  ];
  for (const [state, name, words] of steps) {
    const seen = await waitState(page, state, 10);
    check(seen, `the page shows ${state} by itself`);
    if (!seen) continue;
    check((await page.textContent('#call-words')).includes(words), `  in plain words (${words})`);
    if (state === 'recipient_ringing')
      check(await page.isVisible('#call-cancel button'), '  with a Cancel button while it rings');
    await page.waitForTimeout(300);
    await shot(page, name);
  }
  const t1 = await page.textContent('#call-duration');
  await page.waitForTimeout(1600);
  const t2 = await page.textContent('#call-duration');
  check(t1 !== t2 && /^\d+:\d\d$/.test(t2), `the timer runs while connected (${t1} -> ${t2})`);
  check(!(await page.isVisible('#call-cancel button')), 'no Cancel once connected');

  check(await waitState(page, 'ended', 15), 'the page shows the end by itself');
  check((await page.textContent('#call-words')).includes('The call was completed.'), 'the end in plain words');
  check(/Duration \d+:\d\d/.test(await page.textContent('#call-timer')), 'the duration is shown');
  await page.waitForTimeout(300);
  await shot(page, 'call-7-ended');
  check(errors.length === 0, `no script errors (${errors.join('; ')})`);

  // A phone-sized screen of the same page.
  const small = await browser.newPage({ viewport: { width: 380, height: 800 } });
  await small.goto(page.url());
  await shot(small, 'call-8-ended-phone');
});
