<?cs include:"header.cs" ?><?cs include:"card_face.cs" ?>
<?cs # design.cs: step 2 of the full editor: the card's look, with a preview. ?>
<?cs def:choice(name, list, label) ?>
<div class="field<?cs if:Errors[name] ?> has-error<?cs /if ?>"><label for="f-<?cs var:name ?>"><?cs var:label ?></label>
  <select id="f-<?cs var:name ?>" name="<?cs var:name ?>"><?cs each:o = list ?><option value="<?cs name:o ?>"<?cs if:o.stack ?> data-stack="<?cs var:o.stack ?>"<?cs /if ?><?cs if:Form[name] == name(o) ?> selected<?cs /if ?>><?cs var:o.Title ?></option><?cs /each ?></select>
  <?cs if:Errors[name] ?><p class="error"><?cs var:Errors[name] ?></p><?cs /if ?>
</div>
<?cs /def ?>
<?cs def:colour(name, label) ?>
<div class="field colour<?cs if:Errors[name] ?> has-error<?cs /if ?>"><label for="f-<?cs var:name ?>"><?cs var:label ?></label>
  <input id="f-<?cs var:name ?>" name="<?cs var:name ?>" type="color" value="<?cs var:Form[name] ?>">
  <?cs if:Errors[name] ?><p class="error"><?cs var:Errors[name] ?></p><?cs /if ?>
</div>
<?cs /def ?>
<?cs def:upload(name, label, current) ?>
<div class="field<?cs if:Errors[name] ?> has-error<?cs /if ?>"><label for="f-<?cs var:name ?>"><?cs var:label ?></label>
  <input id="f-<?cs var:name ?>" name="<?cs var:name ?>" type="file" accept="image/png,image/jpeg,image/gif,image/webp">
  <?cs if:current ?><label class="check"><input type="checkbox" name="<?cs var:name ?>_remove" value="1"> Remove the current image</label><?cs /if ?>
  <?cs if:Errors[name] ?><p class="error"><?cs var:Errors[name] ?></p><?cs /if ?>
</div>
<?cs /def ?>
<h1>Design your card</h1>
<ol class="steps-bar"><li><a href="/make/editor?id=<?cs var:Form.id ?>">Contents</a></li><li class="current">Design</li></ol>
<?cs if:Errors.Any ?><p class="error-summary" role="alert">Please correct the marked fields. Nothing was saved.</p><?cs /if ?>
<div class="design-grid">
<section class="preview">
  <h2>Preview</h2>
  <?cs call:card_face(Card, 0) ?>
  <p class="hint">The preview follows your changes. Nothing is saved until you press "Design complete".</p>
</section>
<form method="post" action="/make/design?id=<?cs var:Form.id ?>" enctype="multipart/form-data" class="panel design-form" novalidate>
  <?cs call:csrf() ?>
  <h2>Layout and background</h2>
  <div class="columns tight">
    <?cs call:choice("layout", Layouts, "Layout") ?>
    <?cs call:choice("align", Aligns, "Alignment") ?>
    <?cs call:colour("bg", "Background colour") ?>
    <?cs call:choice("pattern", Patterns, "Pattern") ?>
  </div>
  <?cs call:upload("bgimage", "Your own background image", Form.bgimage) ?>
  <h2>Type</h2>
  <div class="columns tight">
    <?cs call:colour("color", "Text colour") ?>
    <?cs call:colour("accent", "Accent colour") ?>
    <?cs call:choice("font", Fonts, "Font") ?>
    <?cs call:choice("size", Sizes, "Size") ?>
  </div>
  <div class="choices">
    <label class="check"><input type="checkbox" name="bold" value="1"<?cs if:Form.bold == "1" ?> checked<?cs /if ?>> <b>Bold</b></label>
    <label class="check"><input type="checkbox" name="italic" value="1"<?cs if:Form.italic == "1" ?> checked<?cs /if ?>> <i>Italic</i></label>
    <label class="check"><input type="checkbox" name="underline" value="1"<?cs if:Form.underline == "1" ?> checked<?cs /if ?>> <u>Underline</u></label>
    <label class="check"><input type="checkbox" name="links" value="1"<?cs if:Form.links == "1" ?> checked<?cs /if ?>> E-mail and home page as links</label>
  </div>
  <h2>Text boxes and images</h2>
  <div class="field<?cs if:Errors.text1 ?> has-error<?cs /if ?>"><label for="f-text1">Text box 1</label>
    <textarea id="f-text1" name="text1" rows="2"><?cs var:Form.text1 ?></textarea>
    <?cs if:Errors.text1 ?><p class="error"><?cs var:Errors.text1 ?></p><?cs /if ?></div>
  <div class="field<?cs if:Errors.text2 ?> has-error<?cs /if ?>"><label for="f-text2">Text box 2</label>
    <textarea id="f-text2" name="text2" rows="2"><?cs var:Form.text2 ?></textarea>
    <?cs if:Errors.text2 ?><p class="error"><?cs var:Errors.text2 ?></p><?cs /if ?></div>
  <div class="columns tight">
    <?cs call:upload("image1", "Image 1", Form.image1) ?>
    <?cs call:upload("image2", "Image 2", Form.image2) ?>
  </div>
  <p><button type="submit">Design complete</button></p>
</form>
</div>
<script src="/static/js/card-preview.js" defer></script>
<?cs include:"footer.cs" ?>
