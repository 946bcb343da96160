<?cs include:"header.cs" ?>
<?cs # editor.cs: step 1 of the full editor: which items the card shows,
       the numbers and how they can be called. ?>
<?cs def:item(flag, name, label, type) ?>
<div class="item field<?cs if:Errors[name] ?> has-error<?cs /if ?>">
  <label class="check"><input type="checkbox" name="<?cs var:flag ?>" value="1"<?cs if:Form[flag] == "1" ?> checked<?cs /if ?>> <?cs var:label ?></label>
  <input id="f-<?cs var:name ?>" name="<?cs var:name ?>" type="<?cs var:type ?>" value="<?cs var:Form[name] ?>" aria-label="<?cs var:label ?>"
    <?cs if:Errors[name] ?>aria-invalid="true"<?cs /if ?>>
  <?cs if:Errors[name] ?><p class="error" id="e-<?cs var:name ?>"><?cs var:Errors[name] ?></p><?cs /if ?>
</div>
<?cs /def ?>
<?cs def:callpart(kind, label) ?>
<fieldset class="callpart">
  <legend><?cs var:label ?></legend>
  <?cs call:field(kind, "Number", "tel", "") ?>
  <div class="choices">
    <span class="choice-label">Call mode</span>
    <label><input type="radio" name="<?cs var:kind ?>_modes" value="phone"<?cs if:Form[kind + "_modes"] == "phone" ?> checked<?cs /if ?>> Phone to phone</label>
    <label><input type="radio" name="<?cs var:kind ?>_modes" value="pc"<?cs if:Form[kind + "_modes"] == "pc" ?> checked<?cs /if ?>> PC to phone</label>
    <label><input type="radio" name="<?cs var:kind ?>_modes" value="both"<?cs if:Form[kind + "_modes"] == "both" ?> checked<?cs /if ?>> Both</label>
  </div>
  <?cs if:Errors[kind + "_modes"] ?><p class="error"><?cs var:Errors[kind + "_modes"] ?></p><?cs /if ?>
  <div class="choices">
    <span class="choice-label">Who pays</span>
    <label><input type="radio" name="<?cs var:kind ?>_payer" value="owner"<?cs if:Form[kind + "_payer"] == "owner" ?> checked<?cs /if ?>> I do</label>
    <label><input type="radio" name="<?cs var:kind ?>_payer" value="recipient"<?cs if:Form[kind + "_payer"] == "recipient" ?> checked<?cs /if ?>> The caller</label>
    <label><input type="radio" name="<?cs var:kind ?>_payer" value="split"<?cs if:Form[kind + "_payer"] == "split" ?> checked<?cs /if ?>> Shared</label>
  </div>
  <?cs if:Errors[kind + "_payer"] ?><p class="error"><?cs var:Errors[kind + "_payer"] ?></p><?cs /if ?>
</fieldset>
<?cs /def ?>
<h1><?cs if:Form.id ?>Edit your card<?cs else ?>Full editor<?cs /if ?></h1>
<ol class="steps-bar"><li class="current">Contents</li><li>Design</li></ol>
<?cs if:Errors.Any ?><p class="error-summary" role="alert">Please correct the marked fields. Nothing was saved.</p><?cs /if ?>
<form method="post" action="/make/editor<?cs if:Form.id ?>?id=<?cs var:Form.id ?><?cs /if ?>" enctype="multipart/form-data" novalidate>
<?cs call:csrf() ?>
<?cs if:!Form.id && Form.design ?><input type="hidden" name="design" value="<?cs var:Form.design ?>"><?cs /if ?>
<div class="columns">
<section class="panel">
  <h2>What your card shows</h2>
  <?cs call:field("name", "Name", "text", "") ?>
  <?cs call:item("show_company", "company", "Company", "text") ?>
  <?cs call:item("show_dept", "dept", "Department", "text") ?>
  <?cs call:item("show_title", "title", "Title", "text") ?>
  <div class="item field<?cs if:Errors.address || Errors.postcode ?> has-error<?cs /if ?>">
    <label class="check"><input type="checkbox" name="show_address" value="1"<?cs if:Form.show_address == "1" ?> checked<?cs /if ?>> Postcode and address</label>
    <div class="pair">
      <input id="f-postcode" name="postcode" value="<?cs var:Form.postcode ?>" aria-label="Postcode" placeholder="Postcode" class="short">
      <input id="f-address" name="address" value="<?cs var:Form.address ?>" aria-label="Address" placeholder="Address">
    </div>
    <?cs if:Errors.postcode ?><p class="error"><?cs var:Errors.postcode ?></p><?cs /if ?>
    <?cs if:Errors.address ?><p class="error"><?cs var:Errors.address ?></p><?cs /if ?>
  </div>
  <?cs call:item("show_fax", "fax", "Fax", "tel") ?>
  <?cs call:item("show_email", "email", "E-mail", "email") ?>
  <?cs call:item("show_web", "web", "Home page", "text") ?>
  <div class="item field<?cs if:Errors.logo ?> has-error<?cs /if ?>">
    <label class="check"><input type="checkbox" name="show_logo" value="1"<?cs if:Form.show_logo == "1" ?> checked<?cs /if ?>> Logo image</label>
    <?cs if:Form.logo ?><img class="logo-now" src="/uploads/<?cs var:Form.logo ?>" alt="Current logo"><?cs /if ?>
    <input id="f-logo" name="logo" type="file" accept="image/png,image/jpeg,image/gif,image/webp" aria-label="Logo image">
    <small class="hint">PNG, JPEG, GIF or WebP, up to 2 MB.</small>
    <?cs if:Errors.logo ?><p class="error"><?cs var:Errors.logo ?></p><?cs /if ?>
  </div>
</section>
<section class="panel">
  <h2>Call buttons</h2>
  <p class="hint">One button per number and call mode. The caller presses it; we ring you first.</p>
  <?cs call:callpart("office", "Office number") ?>
  <?cs call:callpart("mobile", "Mobile number") ?>
  <fieldset class="callpart">
    <legend>Call-button image</legend>
    <div class="button-styles">
    <?cs each:s = ButtonStyles ?>
      <label class="bstyle"><input type="radio" name="button_style" value="<?cs name:s ?>"<?cs if:Form.button_style == name(s) ?> checked<?cs /if ?>>
        <span class="callbtn cb-<?cs name:s ?>"><img src="/static/buttons/<?cs name:s ?>.svg" alt="" width="20" height="20"><?cs var:s.Title ?></span></label>
    <?cs /each ?>
    </div>
    <?cs if:Errors.button_style ?><p class="error"><?cs var:Errors.button_style ?></p><?cs /if ?>
  </fieldset>
  <div class="field"><label for="f-lang">Card language (labels and buttons)</label>
    <select id="f-lang" name="lang"><?cs each:l = Languages ?><option value="<?cs name:l ?>"<?cs if:Form.lang == name(l) ?> selected<?cs /if ?>><?cs var:l.Title ?></option><?cs /each ?></select>
    <?cs if:Errors.lang ?><p class="error"><?cs var:Errors.lang ?></p><?cs /if ?>
  </div>
</section>
</div>
<p><button type="submit">Next</button></p>
</form>
<?cs include:"footer.cs" ?>
