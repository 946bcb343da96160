<?cs include:"header.cs" ?><link rel="stylesheet" href="/static/css/send.css"><?cs include:"card_face.cs" ?>
<?cs # send.cs: the sending form: the card, its recipients, subject and message. ?>
<div class="title-row"><h1>Send a card</h1><a class="button ghost" href="/sends">Your sendings</a></div>
<?cs if:Errors.Any ?><p class="error-summary" role="alert">Please correct the marked fields. Nothing was sent.</p><?cs /if ?>
<div class="columns send-page">
<div class="send-card"><?cs call:card_face(Card, 0) ?></div>
<form method="post" action="/send" class="panel send-form" novalidate>
<?cs call:csrf() ?>
<input type="hidden" name="id" value="<?cs var:Form.id ?>">
<div class="field<?cs if:Errors.to ?> has-error<?cs /if ?>">
  <label for="f-to">Recipients</label>
  <textarea id="f-to" name="to" rows="3" placeholder="ana@example.com, bo@example.org"<?cs if:Errors.to ?> aria-invalid="true" aria-describedby="e-to"<?cs /if ?>><?cs var:Form.to ?></textarea>
  <small class="hint">E-mail addresses separated by commas, at most <?cs var:MaxRecipients ?>.</small>
  <?cs if:Errors.to ?><p class="error" id="e-to"><?cs var:Errors.to ?></p><?cs /if ?>
</div>
<?cs call:field("subject", "Subject", "text", "") ?>
<div class="field<?cs if:Errors.message ?> has-error<?cs /if ?>">
  <label for="f-message">Message (optional)</label>
  <textarea id="f-message" name="message" rows="5"<?cs if:Errors.message ?> aria-invalid="true" aria-describedby="e-message"<?cs /if ?>><?cs var:Form.message ?></textarea>
  <?cs if:Errors.message ?><p class="error" id="e-message"><?cs var:Errors.message ?></p><?cs /if ?>
</div>
<p><button type="submit">Send</button></p>
<p class="hint">Each recipient gets the card by e-mail with your address to reply to, and can ask for no more mail from you.</p>
</form>
</div>
<?cs include:"footer.cs" ?>
