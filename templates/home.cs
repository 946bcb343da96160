<?cs include:"header.cs" ?>
<?cs if:Bye ?><p class="notice">You are logged out. See you soon.</p><?cs /if ?>
<section class="hero">
  <h1>Your business card, with a button that calls you.</h1>
  <p class="lead">Make a card in a minute, send it by e-mail, and whoever receives it
  can press <strong>Call</strong>: we ring your phone first, you press <kbd>*</kbd> to accept,
  then we ring them and join the call. You choose who pays.</p>
  <?cs if:Member.id ?>
    <p><a class="button" href="/cards">Go to my cards</a></p>
  <?cs else ?>
    <p><a class="button" href="/signup">Create your card — it's free</a> <a class="button ghost" href="/login">Log in</a></p>
  <?cs /if ?>
</section>
<section class="steps">
  <div><h2>1. Make</h2><p>Pick a design from the gallery or lay out every detail in the editor.</p></div>
  <div><h2>2. Send</h2><p>E-mail it as a real HTML card. Its link always shows your latest version.</p></div>
  <div><h2>3. Talk</h2><p>A press on a call button rings you and them, phone or PC, and connects you.</p></div>
</section>
<?cs include:"footer.cs" ?>
