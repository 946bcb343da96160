<?cs include:"header.cs" ?>
<?cs # admin_rates.cs: the rate table in use and the form that replaces it.
       A refused file leaves the table in use as it was. ?>
<?cs include:"admin_nav.cs" ?>
<h1>Rates</h1>
<?cs if:Done.rates ?><p class="notice">The new rate table is in use: <?cs var:Done.rates ?> rates.</p><?cs /if ?>
<?cs if:Errors.rates ?><p class="error-summary" role="alert"><?cs var:Errors.rates ?></p><?cs /if ?>
<div class="stack">
<div class="columns">
<section class="panel">
<h2>In use</h2>
<?cs if:Rates.none ?><p>No rate table is loaded yet: calls to phone numbers cannot be priced.</p>
<?cs else ?>
<dl class="money">
  <dt>Rates</dt><dd id="rate-count"><?cs var:Rates.count ?></dd>
  <dt>Currency</dt><dd id="rate-currency"><?cs var:Rates.currency ?></dd>
  <dt>Loaded</dt><dd id="rate-loaded"><?cs var:Rates.loaded ?></dd>
</dl>
<?cs if:Rates.error ?><p class="error"><?cs var:Rates.error ?></p><?cs /if ?>
<?cs /if ?>
</section>
<section class="panel">
<h2>Load a new table</h2>
<form method="post" action="/admin/rates" enctype="multipart/form-data" novalidate>
  <?cs call:csrf() ?>
  <div class="field<?cs if:Errors.rates ?> has-error<?cs /if ?>">
    <label for="f-file">Rate file</label>
    <input id="f-file" name="file" type="file" accept=".txt,.rates,text/plain">
  </div>
  <div class="field<?cs if:Errors.rates ?> has-error<?cs /if ?>">
    <label for="f-rates">Or paste it</label>
    <textarea id="f-rates" name="rates" rows="8" spellcheck="false"><?cs var:Form.rates ?></textarea>
    <small class="hint">The format of etc/rates.example. The whole file is checked first; a file with any error is refused and the table in use stays.</small>
  </div>
  <button type="submit">Check and load</button>
</form>
</section>
</div>
<?cs if:Rates.text ?>
<section class="panel">
<h2>The table in use</h2>
<?cs if:Rates.shown_kb ?><p class="hint">The first <?cs var:Rates.shown_kb ?> KB are shown; <kbd>callcard-admin rates show</kbd> prints it all.</p><?cs /if ?>
<pre class="rates" id="rates-text"><?cs var:Rates.text ?></pre>
</section>
<?cs /if ?>
</div>
<?cs include:"footer.cs" ?>
