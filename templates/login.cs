<?cs include:"header.cs" ?>
<section class="panel narrow">
<h1>Log in</h1>
<?cs if:Errors.Login ?><p class="error-summary" role="alert"><?cs var:Errors.Login ?></p><?cs /if ?>
<form method="post" action="/login" novalidate>
  <?cs call:csrf() ?>
  <input type="hidden" name="next" value="<?cs var:Form.next ?>">
  <?cs call:field("email", "E-mail", "email", "") ?>
  <?cs call:field("password", "Password", "password", "") ?>
  <button type="submit">Log in</button>
</form>
<p class="aside">New here? <a href="/signup">Create an account</a>.</p>
</section>
<?cs include:"footer.cs" ?>
