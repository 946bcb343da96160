<?cs # macros.cs: form pieces shared by every page. Values are escaped by
       Config.VarEscapeMode = html. ?>
<?cs def:field(name, label, type, hint) ?>
<div class="field<?cs if:Errors[name] ?> has-error<?cs /if ?>">
  <label for="f-<?cs var:name ?>"><?cs var:label ?></label>
  <input id="f-<?cs var:name ?>" name="<?cs var:name ?>" type="<?cs var:type ?>"
    value="<?cs if:type != "password" ?><?cs var:Form[name] ?><?cs /if ?>"
    <?cs if:Errors[name] ?>aria-invalid="true" aria-describedby="e-<?cs var:name ?>"<?cs /if ?>>
  <?cs if:hint ?><small class="hint"><?cs var:hint ?></small><?cs /if ?>
  <?cs if:Errors[name] ?><p class="error" id="e-<?cs var:name ?>"><?cs var:Errors[name] ?></p><?cs /if ?>
</div>
<?cs /def ?>
<?cs def:csrf() ?><input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>"><?cs /def ?>
