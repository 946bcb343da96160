// cards.js: an owner makes a card with each maker, edits one and sees the
// live card change, in a real browser. Markup typed into fields must show
// as text and never run. Screenshots of the gallery, the editor, My cards
// and the live cards (desktop and phone) are kept.
'use strict';
const { base, check, shot, run, signUp } = require('./browser');

const logo = process.env.LOGO_PNG;
const photo = process.env.PHOTO_JPG;

// Polls a live card until test(text) holds (the page may be a second old).
async function liveShows(page, url, test) {
  for (let i = 0; i < 30; i++) {
    await page.goto(url);
    if (test(await page.textContent('body'))) return true;
    await page.waitForTimeout(100);
  }
  return false;
}

run(async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await signUp(page);

  // Quick maker: gallery, pick a design, details.
  await page.click('nav >> text=Make a card');
  await shot(page, 'cards-make');
  await page.click('text=Choose a design');
  const samples = await page.locator('.sample').count();
  check(samples >= 8, `gallery offers at least 8 designs (${samples})`);
  await shot(page, 'cards-gallery');
  await page.click('.sample:has-text("Sunrise")');
  await page.fill('#f-name', '<img src=x onerror=alert(1)>Jisoo');
  await page.fill('#f-company', 'Hanbit <b>Trading</b>');
  await page.fill('#f-office', 'call me maybe');
  await page.fill('#f-mobile', '010-3333-4444');
  await page.click('text=Make my card');
  check(await page.isVisible('text=Office number'), 'bad number: the form is shown again');
  check((await page.textContent('.has-error .error')).includes('Office number'), 'bad number: a message at the field');
  check(await page.inputValue('#f-name') === '<img src=x onerror=alert(1)>Jisoo', 'input kept after an error');
  await page.fill('#f-office', '02-6200-6200');
  await page.click('text=Make my card');
  await page.waitForURL('**/cards?made=*');
  check(await page.isVisible('text=Your card is ready'), 'quick card made');
  await shot(page, 'cards-my-cards-one');

  const quickUrl = await page.getAttribute('.card-item >> nth=0 >> a:has-text("Open")', 'href');
  await page.goto(base + quickUrl);
  const name = await page.textContent('.bc-name');
  check(name === '<img src=x onerror=alert(1)>Jisoo', 'markup in the name is shown as text');
  check(dialogs === 0, 'markup never runs');
  const calls = await page.$$eval('a.callbtn', (as) => as.map((a) => a.getAttribute('href')));
  check(calls.length === 2 && calls.every((h) => /^\/call\/[A-Za-z0-9_-]{22}$/.test(h)),
    `quick card: a call button per number, linking to its call page (${calls})`);
  check(await page.isVisible('text=Save contact'), 'live card offers the vCard');
  const qrOk = await page.$eval('.qr img', (i) => i.complete && i.naturalWidth > 100);
  check(qrOk, 'QR code image loads');
  await shot(page, 'cards-live-quick');

  const phone = await browser.newPage({ viewport: { width: 375, height: 740 } });
  await phone.goto(base + quickUrl);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  check(!overflow, 'live card fits a phone screen');
  await shot(phone, 'cards-live-phone');

  // Full editor: items, call part, logo; then the design step.
  await page.goto(base + '/make');
  await page.click('text=Open the editor');
  await page.check('input[name=show_company]');
  await page.fill('#f-company', 'Hanbit Trading');
  await page.check('input[name=show_dept]');
  await page.fill('#f-dept', 'Overseas Sales');
  await page.check('input[name=show_title]');
  await page.fill('#f-title', 'Manager');
  await page.check('input[name=show_address]');
  await page.fill('#f-postcode', '04524');
  await page.fill('#f-address', '110 Sejong-daero, Jung-gu, Seoul');
  await page.check('input[name=show_email]');
  await page.check('input[name=show_web]');
  await page.fill('#f-web', 'hanbit.example.com');
  await page.check('input[name=show_logo]');
  await page.setInputFiles('#f-logo', logo);
  await page.fill('#f-office', '02-6200-6200');
  await page.check('input[name=office_modes][value=both]');
  await page.check('input[name=office_payer][value=split]');
  await page.fill('#f-mobile', '010-3333-4444');
  await page.check('input[name=mobile_modes][value=pc]');
  await page.check('input[name=mobile_payer][value=recipient]');
  await page.check('input[name=button_style][value=green]');
  await page.selectOption('#f-lang', 'ko');
  await shot(page, 'cards-editor');
  await page.click('button:has-text("Next")');
  await page.waitForURL('**/make/design?id=*');
  check(await page.locator('.preview .callbtn').count() === 3, 'draft has one button per number and mode');
  await page.selectOption('#f-layout', 'split');
  await page.fill('#f-bg', '#fefce8');
  await page.fill('#f-accent', '#166534');
  await page.selectOption('#f-font', 'serif');
  await page.check('input[name=bold]');
  check(await page.isVisible('.preview .bizcard.lay-split'), 'the preview follows the layout before saving');
  check(await page.$eval('.preview .bizcard', (c) => c.style.getPropertyValue('--accent')) === '#166534',
    'the preview follows the accent colour');
  await page.fill('#f-text1', 'Open weekdays 9–18.\n<script>alert(2)</script>');
  check((await page.textContent('.preview .bc-text1')).includes('<script>alert(2)</script>'),
    'the preview shows the text box as text while typing');
  await page.setInputFiles('#f-image1', photo);
  await shot(page, 'cards-design');
  await page.click('button:has-text("Design complete")');
  await page.waitForURL('**/cards?saved=*');
  check(await page.locator('.card-item').count() === 2, 'My cards lists both cards');
  await shot(page, 'cards-my-cards');

  const fullUrl = await page.getAttribute('.card-item >> nth=1 >> a:has-text("Open")', 'href');
  await page.goto(base + fullUrl);
  check(await page.isVisible('text=PC로 전화하기'), 'Korean labels on a Korean card');
  check((await page.textContent('.bc-text')).includes('<script>alert(2)</script>'), 'text box shows markup as text');
  check(await page.locator('a.callbtn').count() === 3, 'live card has three call buttons');
  check(await page.$eval('.bc-logo', (i) => i.complete && i.naturalWidth > 0), 'logo image served');
  check(dialogs === 0, 'nothing ran');
  await shot(page, 'cards-live-full');
  await phone.goto(base + fullUrl);
  await shot(phone, 'cards-live-full-phone');

  // Edit (renew): the live card changes.
  await page.goto(base + '/cards');
  await page.click('.card-item >> nth=1 >> text=Edit');
  await page.fill('#f-title', 'Director');
  await page.click('button:has-text("Next")');
  await page.waitForURL('**/make/design?id=*');
  await page.selectOption('#f-layout', 'band');
  await page.click('button:has-text("Design complete")');
  await page.waitForURL('**/cards?saved=*');
  check(await liveShows(phone, base + fullUrl, (t) => t.includes('Director') && !t.includes('Manager')),
    'the live card shows the edit');
  check(await phone.isVisible('.bizcard.lay-band'), 'the live card shows the new layout');
  await shot(phone, 'cards-live-edited-phone');

  // Default and delete.
  await page.goto(base + '/cards');
  await page.click('.card-item >> nth=1 >> text=Set default');
  check(await page.isVisible('text=Your default card is set'), 'default set');
  // Delete asks first: "no" keeps the card, "yes" deletes it.
  let asked = '';
  page.removeAllListeners('dialog');
  page.once('dialog', (d) => { asked = d.message(); d.dismiss(); });
  await page.click('.card-item >> nth=0 >> text=Delete');
  await page.waitForTimeout(200);
  check(asked.includes('Delete this card?'), 'delete asks for confirmation');
  check(await page.locator('.card-item').count() === 2, 'declining keeps the card');
  page.once('dialog', (d) => d.accept());
  await page.click('.card-item >> nth=0 >> text=Delete');
  await page.waitForURL('**/cards?deleted=1');
  check(await page.locator('.card-item').count() === 1, 'card deleted from the list');
  check(await liveShows(phone, base + quickUrl, (t) => t.includes('There is no card at this link')),
    'a deleted card\'s link says so');
});
