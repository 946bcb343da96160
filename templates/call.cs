<?cs include:"header.cs" ?><?cs include:"card_face.cs" ?>
<?cs # call.cs: a call button's page: the owner's card, how the call works,
       the recipient's number (phone) or softphone address (pc). ?>
<section class="call-page">
<div class="call-card"><?cs call:card_face(Card, 0) ?></div>
<div class="panel call-form">
<h1>Call <?cs var:Card.name ?></h1>
<p class="call-how"><?cs if:Button.mode == "pc" ?>We ring <?cs var:Card.name ?> first; once they accept, we ring the
softphone on your computer and join the two calls.<?cs else ?>We ring <?cs var:Card.name ?> first; once they accept, we ring
your phone and join the two calls.<?cs /if ?></p>
<p class="call-payer"><?cs if:Button.payer == "owner" ?>The call is free for you: <?cs var:Card.name ?> pays for it.<?cs
  elif:Button.payer == "recipient" ?>You pay for this call from your account.<?cs
  else ?>You and <?cs var:Card.name ?> share the cost of this call.<?cs /if ?></p>
<?cs if:Call.error ?><p class="error call-refused" role="alert"><?cs var:Call.error ?></p><?cs /if ?>
<form method="post" action="/call/<?cs var:Button.id ?>" class="stack">
<?cs call:csrf() ?>
<?cs if:Button.mode == "pc" ?>
  <div class="field">
    <label for="f-sip">Your softphone's SIP address</label>
    <input id="f-sip" name="sip" type="text" inputmode="url" autocomplete="off" required
      value="<?cs if:Form.sip ?><?cs var:Form.sip ?><?cs else ?><?cs var:Form.browser_ip ?><?cs /if ?>">
    <small class="hint">Like sip:you@203.0.113.5 or sip:you@203.0.113.5:5060.<?cs if:Form.browser_ip ?>
    We filled in the address your browser connects from (<?cs var:Form.browser_ip ?>); change it if
    your softphone is elsewhere.<?cs /if ?></small>
  </div>
<?cs else ?>
  <div class="field">
    <label for="f-number">Your phone number</label>
    <input id="f-number" name="number" type="tel" autocomplete="tel" required value="<?cs var:Form.number ?>">
    <small class="hint">The phone we should ring, e.g. 010-1234-5678 or +82 10 1234 5678.</small>
  </div>
  <label class="check"><input type="checkbox" name="remember" value="1"<?cs if:Form.remember ?> checked<?cs /if ?>>
    Remember this number on this browser</label>
<?cs /if ?>
  <div class="field">
    <label for="f-email">Your e-mail (optional)</label>
    <input id="f-email" name="email" type="email" autocomplete="email" value="<?cs var:Form.email ?>">
    <small class="hint">Only used to tell you if the call cannot be placed.</small>
  </div>
<?cs if:Human.challenge ?>
  <div class="field human">
    <label for="f-answer">To show you are a person: what is <span class="sum"><?cs var:Human.a ?> + <?cs var:Human.b ?></span>?</label>
    <input id="f-answer" name="answer" type="text" inputmode="numeric" autocomplete="off" required size="4">
    <input type="hidden" name="hc" value="<?cs var:Human.challenge ?>">
  </div>
<?cs /if ?>
  <button class="button call-go" type="submit">Call now</button>
</form>
</div>
</section>
<?cs include:"footer.cs" ?>
