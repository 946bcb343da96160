<?cs include:"header.cs" ?><?cs include:"card_face.cs" ?>
<h1>Quick maker</h1>
<?cs if:Errors.Any ?><p class="error-summary" role="alert">Please correct the marked fields. Nothing was saved.</p><?cs /if ?>
<form method="post" action="/make/quick" class="quick" novalidate>
<?cs call:csrf() ?>
<fieldset class="gallery<?cs if:Errors.design ?> has-error<?cs /if ?>">
  <legend><h2>1. Pick a design</h2></legend>
  <?cs if:Errors.design ?><p class="error"><?cs var:Errors.design ?></p><?cs /if ?>
  <div class="gallery-grid">
  <?cs each:g = Gallery ?>
    <label class="sample">
      <input type="radio" name="design" value="<?cs var:g.design ?>"<?cs if:Form.design == g.design ?> checked<?cs /if ?>>
      <span class="sample-card"><?cs call:card_face(g, 0) ?></span>
      <span class="sample-name"><?cs var:Designs[g.design].Title ?></span>
      <span class="sample-note"><?cs var:Designs[g.design].Note ?></span>
    </label>
  <?cs /each ?>
  </div>
</fieldset>
<section class="panel">
  <h2>2. Your details</h2>
  <div class="columns">
    <div>
      <?cs call:field("name", "Name", "text", "") ?>
      <?cs call:field("company", "Company (optional)", "text", "") ?>
      <?cs call:field("title", "Title (optional)", "text", "") ?>
    </div>
    <div>
      <?cs call:field("office", "Office number", "tel", "A call button goes beside it.") ?>
      <?cs call:field("mobile", "Mobile number", "tel", "Give at least one number.") ?>
      <div class="field"><label for="f-lang">Card language</label>
        <select id="f-lang" name="lang"><?cs each:l = Languages ?><option value="<?cs name:l ?>"<?cs if:Form.lang == name(l) ?> selected<?cs /if ?>><?cs var:l.Title ?></option><?cs /each ?></select>
        <?cs if:Errors.lang ?><p class="error"><?cs var:Errors.lang ?></p><?cs /if ?>
      </div>
    </div>
  </div>
  <button type="submit">Make my card</button>
</section>
</form>
<?cs include:"footer.cs" ?>
